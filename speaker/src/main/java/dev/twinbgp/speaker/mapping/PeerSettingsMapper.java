package dev.twinbgp.speaker.mapping;

import dev.twinbgp.bgp.fsm.SessionConfig;
import dev.twinbgp.bgp.rib.Route;
import dev.twinbgp.reactor.SocketOptions;
import dev.twinbgp.reactor.sockopt.LinuxSockets;
import dev.twinbgp.speaker.config.ConfigException;
import dev.twinbgp.speaker.config.Configuration;
import dev.twinbgp.speaker.config.FlowConfig;
import dev.twinbgp.speaker.config.IpAddress;
import dev.twinbgp.speaker.config.NeighborConfig;
import dev.twinbgp.speaker.config.RouteConfig;
import dev.twinbgp.speaker.config.TcpSecurity;
import dev.twinbgp.speaker.session.PeerSettings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a parsed configuration (ExaBGP syntax) into what the speaker runs: one {@link PeerSettings} per
 * neighbor, with its routes as wire attributes and ExaBGP's defaults applied. The session settings and our
 * OPEN are decided by {@link SessionMapping}, the routes by {@link RouteMapping} and {@link PathAttributes};
 * {@code docs/configuration.md} ("How routes become UPDATEs") tells the rules.
 *
 * <p>Listening: a {@code passive} neighbor is accepted on its {@code listen} port (179 when not given); any
 * other neighbor is connected to on its {@code connect} port, and accepted too only when {@code listen} is
 * given.
 */
public final class PeerSettingsMapper {
    /** The BGP port (RFC 4271 section 8.2.1): where a passive neighbor without {@code listen} is accepted. */
    public static final int BGP_PORT = 179;

    private PeerSettingsMapper() {
    }

    /**
     * @throws ConfigException for settings that parse but cannot run, one line:
     *         {@code FILE:LINE:COLUMN: neighbor ADDRESS: [route PREFIX: ]WHAT} at the neighbor's block (the neighbor
     *         model keeps no positions; the configuration keeps its blocks'), {@code FILE: ...} where none is known
     */
    public static List<PeerSettings> map(Configuration configuration) throws ConfigException {
        List<PeerSettings> out = new ArrayList<>(configuration.neighbors().size());
        List<NeighborConfig> neighbors = configuration.neighbors();
        for (int i = 0; i < neighbors.size(); i++) {
            NeighborConfig neighbor = neighbors.get(i);
            try {
                out.add(map(neighbor));
            } catch (Refused e) {
                throw ConfigException.invalid(configuration.source(), configuration.position(i),
                        "neighbor " + neighbor.peerAddress() + ": " + e.getMessage());
            }
        }
        return List.copyOf(out);
    }

    /**
     * The RIB routes of one configured route (several with {@code split}, none when it starts withdrawn) or FlowSpec
     * (or other codec family) rule of {@code neighbor}, made as {@link #map} makes them, without mapping the
     * neighbor's session again: the API's per-route conversion (issue 18: an API process announcing 1M routes
     * with 250,000 attribute sets mapped a copy of the whole neighbor per set).
     *
     * @throws IllegalArgumentException with the mapping's reason, e.g. {@code route 10.0.0.0/8: has no next-hop}
     */
    public static List<Route> routes(NeighborConfig neighbor, List<RouteConfig> routes, List<FlowConfig> flows) {
        try {
            return new RouteMapping(neighbor.withRoutes(routes, flows)).routes();
        } catch (Refused e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    /**
     * The RIB route of one configured route without {@code split} or {@code withdraw}: {@code routes(neighbor,
     * List.of(route), List.of()).get(0)}, without copying the neighbor (issue 18: once per new attribute set).
     *
     * @throws IllegalArgumentException with the mapping's reason, as {@link #routes}
     */
    public static Route route(NeighborConfig neighbor, RouteConfig route) {
        if (route.attributes().split().isPresent() || route.attributes().withdrawn()) {
            throw new IllegalArgumentException("not one route: " + route.prefix());
        }
        try {
            return new RouteMapping(neighbor).one(route);
        } catch (Refused e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    private static PeerSettings map(NeighborConfig neighbor) {
        SessionConfig session = SessionMapping.of(neighbor);
        int listenPort = neighbor.passive() ? neighbor.listenPort().orElse(BGP_PORT) : neighbor.listenPort().orElse(0);
        return new PeerSettings(
                inet(neighbor.peerAddress()),
                neighbor.connectPort(),
                neighbor.tcp().md5Ip().or(neighbor::localAddress).map(PeerSettingsMapper::inet).orElse(null),
                listenPort,
                session,
                neighbor.groupUpdates(),
                neighbor.manualEor(),
                new RouteMapping(neighbor).routes(),
                socketOptions(neighbor.tcp()));
    }

    /**
     * RFC 2385's key, and RFC 5082's TTLs: {@code incoming-ttl N} is the lowest TTL accepted; GTSM has the sender
     * use 255 (RFC 5082 section 3), so without {@code outgoing-ttl} we send with 255 when a minimum is set.
     */
    static SocketOptions socketOptions(TcpSecurity tcp) {
        int ttl = tcp.outgoingTtl() != 0 ? tcp.outgoingTtl() : tcp.incomingTtl() != 0 ? 255 : 0;
        return new SocketOptions(tcp.md5Key(), ttl, tcp.incomingTtl());
    }

    /**
     * What {@code run} cannot do on this host although {@code validate} accepts it, as one sentence naming the
     * neighbor: TCP-AO (RFC 5925) and {@code adj-rib-in false} / {@code adj-rib-out false} (keeping no Adj-RIB), which
     * twinbgp does not implement, and MD5 / TTL settings where the host cannot set them
     * ({@link LinuxSockets#unavailable()}: not Linux, Java 21, ...). Empty when everything can run. Placed as
     * {@link #map}'s refusals: {@code FILE:LINE:COLUMN: neighbor ADDRESS: WHAT} at the neighbor's block,
     * {@code FILE: neighbor ADDRESS: WHAT} where no position is known.
     */
    public static Optional<String> cannotRun(Configuration configuration) {
        List<NeighborConfig> neighbors = configuration.neighbors();
        for (int i = 0; i < neighbors.size(); i++) {
            NeighborConfig neighbor = neighbors.get(i);
            TcpSecurity tcp = neighbor.tcp();
            String who = ConfigException.place(configuration.source(), configuration.position(i))
                    + ": neighbor " + neighbor.peerAddress() + ": ";
            if (tcp.tcpAo().isPresent()) {
                return Optional.of(who + "tcp-ao (TCP-AO, RFC 5925) is not implemented by twinbgp; use md5-password"
                        + " (TCP MD5, RFC 2385) instead");
            }
            if (!neighbor.adjRibIn() || !neighbor.adjRibOut()) {
                String which = !neighbor.adjRibIn() ? "adj-rib-in" : "adj-rib-out";
                return Optional.of(who + which + " false is not implemented by twinbgp: it always keeps the "
                        + (!neighbor.adjRibIn() ? "routes the peer sent" : "routes it sends")
                        + " (ExaBGP's default, " + which + " true); remove the setting");
            }
            // asked only for a neighbor with MD5 or TTLs: the answer initialises the foreign function API
            String why = tcp.md5Password().isPresent() || tcp.outgoingTtl() != 0 || tcp.incomingTtl() != 0
                    ? LinuxSockets.unavailable() : null;
            if (why != null) {
                return Optional.of(who + (tcp.md5Password().isPresent() ? "md5-password" : "the TTL setting")
                        + " cannot run here: " + why);
            }
        }
        return Optional.empty();
    }

    private static InetAddress inet(IpAddress address) {
        try {
            return InetAddress.getByAddress(address.bytes()); // a literal: never a name lookup
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 octets are always an address", e);
        }
    }
}
