package dev.twinbgp.speaker.config;

import dev.twinbgp.bgp.wire.family.Family;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One neighbor, resolved: templates named by {@code inherit} applied, ExaBGP defaults filled in.
 *
 * @param peerAddress      the address in {@code neighbor <ip> {}}
 * @param localAddress     {@code local-address}; empty means "whatever the socket gets"
 * @param routerId         {@code router-id}, else {@code local-address} when it is IPv4; empty means "the local
 *                         IPv4 address of the session", decided when it is up
 * @param holdTime         {@code hold-time}, default {@link #DEFAULT_HOLD_TIME}; 0 or 3-65535 (RFC 4271 4.2)
 * @param passive          {@code passive}: only accept connections, default false
 * @param listenPort       {@code listen}: TCP port to accept this neighbor's connections on, empty if not given
 * @param connectPort      {@code connect}: TCP port to connect to, default {@link #DEFAULT_PORT}
 * @param groupUpdates     {@code group-updates}: several prefixes per UPDATE, default true
 * @param inherited        the template names, in order
 * @param families         {@code family { }}; ExaBGP's default (every family it knows) is, for twinbgp,
 *                         {@link #DEFAULT_FAMILIES} and the labeled families (nlri-mpls, mpls-vpn) of its routes
 * @param nextHopEncodings {@code nexthop { }} entries whose families are both configured (RFC 8950); empty unless
 *                         {@link Capabilities#extendedNextHop()}
 * @param apis             {@code api { }} blocks
 * @param routes           {@code static}/{@code announce} routes, template routes first, as written (not split)
 * @param flows            {@code flow { route ... }} FlowSpec routes, template ones first
 * @param localLinkLocal   {@code local-link-local}: our IPv6 link-local address, sent as the second half of a 32-octet
 *                         IPv6 next hop (RFC 2545 section 3) when the link-local next hop capability is on
 * @param autoFlush        {@code auto-flush}: API route changes are sent as each burst ends (default true); false:
 *                         they wait in the Adj-RIB-Out until {@code flush route} or {@code flush adj-rib out}
 * @param tcp              TCP MD5, GTSM and TCP-AO settings ({@link TcpSecurity})
 */
public record NeighborConfig(
        IpAddress peerAddress,
        Optional<IpAddress> localAddress,
        Optional<IpAddress> routerId,
        long localAs,
        long peerAs,
        int holdTime,
        boolean passive,
        OptionalInt listenPort,
        int connectPort,
        Optional<String> description,
        Optional<String> hostName,
        Optional<String> domainName,
        boolean groupUpdates,
        boolean adjRibIn,
        boolean adjRibOut,
        boolean manualEor,
        List<String> inherited,
        List<Family> families,
        Capabilities capabilities,
        List<NextHopEncoding> nextHopEncodings,
        List<ApiConfig> apis,
        List<RouteConfig> routes,
        List<FlowConfig> flows,
        Optional<IpAddress> localLinkLocal,
        boolean autoFlush,
        TcpSecurity tcp) {

    public static final int DEFAULT_HOLD_TIME = 180;
    public static final int DEFAULT_PORT = 179;
    public static final List<Family> DEFAULT_FAMILIES = List.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST);

    public NeighborConfig {
        inherited = List.copyOf(inherited);
        families = List.copyOf(families);
        nextHopEncodings = List.copyOf(nextHopEncodings);
        apis = List.copyOf(apis);
        routes = List.copyOf(routes);
        flows = List.copyOf(flows);
    }

    /** A neighbor without transport security settings, with {@code auto-flush} on (ExaBGP's default). */
    public NeighborConfig(IpAddress peerAddress, Optional<IpAddress> localAddress, Optional<IpAddress> routerId,
                          long localAs, long peerAs, int holdTime, boolean passive, OptionalInt listenPort, int connectPort,
                          Optional<String> description, Optional<String> hostName, Optional<String> domainName,
                          boolean groupUpdates, boolean adjRibIn, boolean adjRibOut, boolean manualEor,
                          List<String> inherited, List<Family> families, Capabilities capabilities,
                          List<NextHopEncoding> nextHopEncodings, List<ApiConfig> apis, List<RouteConfig> routes,
                          List<FlowConfig> flows, Optional<IpAddress> localLinkLocal, boolean autoFlush) {
        this(peerAddress, localAddress, routerId, localAs, peerAs, holdTime, passive, listenPort, connectPort, description,
                hostName, domainName, groupUpdates, adjRibIn, adjRibOut, manualEor, inherited, families, capabilities,
                nextHopEncodings, apis, routes, flows, localLinkLocal, autoFlush, TcpSecurity.NONE);
    }

    public NeighborConfig(IpAddress peerAddress, Optional<IpAddress> localAddress, Optional<IpAddress> routerId,
                          long localAs, long peerAs, int holdTime, boolean passive, OptionalInt listenPort, int connectPort,
                          Optional<String> description, Optional<String> hostName, Optional<String> domainName,
                          boolean groupUpdates, boolean adjRibIn, boolean adjRibOut, boolean manualEor,
                          List<String> inherited, List<Family> families, Capabilities capabilities,
                          List<NextHopEncoding> nextHopEncodings, List<ApiConfig> apis, List<RouteConfig> routes,
                          List<FlowConfig> flows) {
        this(peerAddress, localAddress, routerId, localAs, peerAs, holdTime, passive, listenPort, connectPort, description,
                hostName, domainName, groupUpdates, adjRibIn, adjRibOut, manualEor, inherited, families, capabilities,
                nextHopEncodings, apis, routes, flows, Optional.empty(), true, TcpSecurity.NONE);
    }

    /** A neighbor with {@code auto-flush} on (ExaBGP's default) and a link-local address. */
    public NeighborConfig(IpAddress peerAddress, Optional<IpAddress> localAddress, Optional<IpAddress> routerId,
                          long localAs, long peerAs, int holdTime, boolean passive, OptionalInt listenPort, int connectPort,
                          Optional<String> description, Optional<String> hostName, Optional<String> domainName,
                          boolean groupUpdates, boolean adjRibIn, boolean adjRibOut, boolean manualEor,
                          List<String> inherited, List<Family> families, Capabilities capabilities,
                          List<NextHopEncoding> nextHopEncodings, List<ApiConfig> apis, List<RouteConfig> routes,
                          List<FlowConfig> flows, Optional<IpAddress> localLinkLocal) {
        this(peerAddress, localAddress, routerId, localAs, peerAs, holdTime, passive, listenPort, connectPort, description,
                hostName, domainName, groupUpdates, adjRibIn, adjRibOut, manualEor, inherited, families, capabilities,
                nextHopEncodings, apis, routes, flows, localLinkLocal, true, TcpSecurity.NONE);
    }

    /** A neighbor without FlowSpec routes. */
    public NeighborConfig(IpAddress peerAddress, Optional<IpAddress> localAddress, Optional<IpAddress> routerId,
                          long localAs, long peerAs, int holdTime, boolean passive, OptionalInt listenPort, int connectPort,
                          Optional<String> description, Optional<String> hostName, Optional<String> domainName,
                          boolean groupUpdates, boolean adjRibIn, boolean adjRibOut, boolean manualEor,
                          List<String> inherited, List<Family> families, Capabilities capabilities,
                          List<NextHopEncoding> nextHopEncodings, List<ApiConfig> apis, List<RouteConfig> routes) {
        this(peerAddress, localAddress, routerId, localAs, peerAs, holdTime, passive, listenPort, connectPort, description,
                hostName, domainName, groupUpdates, adjRibIn, adjRibOut, manualEor, inherited, families, capabilities,
                nextHopEncodings, apis, routes, List.of(), Optional.empty(), true, TcpSecurity.NONE);
    }

    /** This neighbor with other routes (the API's: one route or one FlowSpec rule at a time). */
    public NeighborConfig withRoutes(List<RouteConfig> otherRoutes, List<FlowConfig> otherFlows) {
        return new NeighborConfig(peerAddress, localAddress, routerId, localAs, peerAs, holdTime, passive, listenPort,
                connectPort, description, hostName, domainName, groupUpdates, adjRibIn, adjRibOut, manualEor, inherited,
                families, capabilities, nextHopEncodings, apis, otherRoutes, otherFlows, localLinkLocal, autoFlush, tcp);
    }

    /** Internal BGP: both ends in the same AS. */
    public boolean isIbgp() {
        return localAs == peerAs;
    }

    /** LOCAL_PREF to send when a route gives none: {@link RouteDefaults#LOCAL_PREFERENCE} on iBGP, none on eBGP. */
    public OptionalLong defaultLocalPreference() {
        return isIbgp() ? OptionalLong.of(RouteDefaults.LOCAL_PREFERENCE) : OptionalLong.empty();
    }

    /** True on eBGP, where a route without AS_PATH gets the local AS alone (RFC 4271 section 5.1.2; ExaBGP's default). */
    public boolean prependsLocalAs() {
        return !isIbgp();
    }

    /** All routes with {@code split} expanded. */
    public List<RouteConfig> expandedRoutes() {
        return routes.stream().flatMap(route -> route.expandSplit().stream()).toList();
    }
}
