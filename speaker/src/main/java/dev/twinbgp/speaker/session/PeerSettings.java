package dev.twinbgp.speaker.session;

import dev.twinbgp.bgp.fsm.SessionConfig;
import dev.twinbgp.bgp.rib.Route;
import dev.twinbgp.reactor.SocketOptions;
import java.net.InetAddress;
import java.util.List;

/**
 * Everything the speaker needs to run one peer.
 *
 * @param peerAddress  the neighbor's address; incoming connections are matched to peers by it
 * @param connectPort  TCP port we connect to (ExaBGP {@code connect}, default 179)
 * @param localAddress address we bind outgoing connections to and listen on, or null for any
 * @param listenPort   port we accept this peer on (ExaBGP {@code listen}), 0 for none
 * @param session      FSM settings and the capabilities we advertise
 * @param groupUpdates pack routes that share attributes into one UPDATE (ExaBGP default: on)
 * @param manualEor    do not send End-of-RIB after the initial table (RFC 4724 section 2)
 * @param routes       the initial Adj-RIB-Out
 * @param socket       TCP MD5 key and TTLs of this peer's connections, set by the reactor on every socket to it
 */
public record PeerSettings(InetAddress peerAddress, int connectPort, InetAddress localAddress, int listenPort,
                           SessionConfig session, boolean groupUpdates, boolean manualEor, List<Route> routes, SocketOptions socket) {
    public PeerSettings {
        java.util.Objects.requireNonNull(socket, "socket");
        routes = List.copyOf(routes);
        if (connectPort < 1 || connectPort > 65535) {
            throw new IllegalArgumentException("connect port must be 1..65535: " + connectPort);
        }
        if (listenPort < 0 || listenPort > 65535) {
            throw new IllegalArgumentException("listen port must be 0..65535: " + listenPort);
        }
    }

    /** A peer whose sockets need nothing special. */
    public PeerSettings(InetAddress peerAddress, int connectPort, InetAddress localAddress, int listenPort,
                        SessionConfig session, boolean groupUpdates, boolean manualEor, List<Route> routes) {
        this(peerAddress, connectPort, localAddress, listenPort, session, groupUpdates, manualEor, routes, SocketOptions.NONE);
    }

    /** These settings with other routes (a reload compares neighbors without their routes). */
    public PeerSettings withRoutes(List<Route> other) {
        return new PeerSettings(peerAddress, connectPort, localAddress, listenPort, session, groupUpdates, manualEor, other, socket);
    }

    /** These settings connecting to another port. */
    public PeerSettings withConnectPort(int port) {
        return new PeerSettings(peerAddress, port, localAddress, listenPort, session, groupUpdates, manualEor, routes, socket);
    }

    /** The peer's name in logs and events: its address. */
    public String name() {
        return peerAddress.getHostAddress();
    }
}
