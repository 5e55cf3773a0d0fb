package dev.twinbgp.speaker.config;

import dev.twinbgp.bgp.wire.capability.AddPathMode;
import dev.twinbgp.bgp.wire.family.Family;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one {@code neighbor} or template block said, before templates and defaults are applied. A null field
 * was not written. Tokens are kept so that errors found later can still point at the file.
 */
final class NeighborDraft {
    /** {@code graceful-restart;} without a time: ExaBGP then uses the hold time. */
    static final int GRACEFUL_RESTART_HOLD_TIME = -1;
    /** {@code graceful-restart disable;}. */
    static final int GRACEFUL_RESTART_DISABLED = -2;

    /**
     * A route and the token of its prefix, for family errors; null for an IPv4 unicast route, which no family
     * check refuses (ExaBGP sends it whatever the family block says), so a million of them keep no token.
     */
    record PlacedRoute(RouteConfig route, Token prefix) {
    }

    /**
     * An api block, the tokens of its process names (checked once all processes are known) and of its
     * {@code processes-match} patterns (the processes whose names they match join the block then).
     */
    record PlacedApi(ApiConfig api, List<Token> processNames, List<Token> patterns) {
    }

    final Token name;
    Token close;

    IpAddress localAddress;
    Token localAddressToken;
    IpAddress routerId;
    Long localAs;
    Long peerAs;
    Integer holdTime;
    Boolean passive;
    Integer listenPort;
    Integer connectPort;
    String description;
    String hostName;
    String domainName;
    Boolean groupUpdates;
    Boolean adjRibIn;
    Boolean adjRibOut;
    Boolean manualEor;
    Token md5Password;
    TcpSecurity.Md5Encoding md5Encoding;
    IpAddress md5Ip;
    Integer outgoingTtl;
    Integer incomingTtl;
    TcpSecurity.TcpAo tcpAo;
    IpAddress localLinkLocal;
    Boolean aigp;
    Boolean linkLocalNextHop;
    Boolean autoFlush;
    /** {@code add-path { FAMILY limit N; }}: the PATHS-LIMIT of each family given one. */
    java.util.Map<dev.twinbgp.bgp.wire.family.Family, Integer> pathsLimit;
    final List<Token> inherits = new ArrayList<>();
    List<Family> families;

    Boolean asn4;
    Boolean routeRefresh;
    Optional<AddPathMode> addPath;
    Integer gracefulRestart;
    Boolean extendedMessage;
    Boolean softwareVersion;
    Boolean extendedNextHop;
    Boolean operational;
    Boolean multiSession;
    List<NextHopEncoding> nextHops;
    List<Family> addPathFamilies; // add-path { FAMILY; ... }, null when not given

    final List<PlacedApi> apis = new ArrayList<>();
    final List<PlacedRoute> routes = new ArrayList<>();
    /**
     * The attribute sets of {@link #routes}, each kept once: routes written with the same attributes share one
     * {@link RouteAttributes} (a million configured routes have far fewer sets; issue 18).
     */
    private final Map<RouteAttributes, RouteAttributes> attributeSets = new HashMap<>();
    final List<PlacedFlow> flows = new ArrayList<>();

    /** A FlowSpec route and the token of its {@code route} keyword, for family errors. */
    record PlacedFlow(FlowConfig flow, Token at) {
    }

    /** Adds a configured route, its attributes shared with an earlier route's when equal. */
    void addRoute(RouteConfig route, Token prefix) {
        RouteAttributes shared = share(route.attributes());
        addShared(shared == route.attributes() ? route : new RouteConfig(route.prefix(), shared, route.multicast()),
                prefix);
    }

    /** {@code attributes}, or the equal set an earlier route of this draft has (which routes then share). */
    RouteAttributes share(RouteAttributes attributes) {
        RouteAttributes shared = attributeSets.putIfAbsent(attributes, attributes);
        return shared == null ? attributes : shared;
    }

    /** Adds a configured route whose attributes are already {@link #share shared}. */
    void addShared(RouteConfig route, Token prefix) {
        routes.add(new PlacedRoute(route, route.family().equals(Family.IPV4_UNICAST) ? null : prefix));
    }

    /** @param name the neighbor's address token, or the template's name token */
    NeighborDraft(Token name) {
        this.name = name;
    }
}
