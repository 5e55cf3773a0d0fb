package dev.twinbgp.speaker.parity;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * The scripted peer's port ({@code $PEER_PORT}), where the speaker connects. Usually it listens from the start.
 * For a script that begins with {@code refuse N} it is first only <em>reserved</em>: a plain socket bound to
 * the port that never listens, so the port stays ours while every SYN to it is answered with a RST (the
 * speaker's connect is refused, RFC 4271 section 8.1.3 event 18); {@link #listen()} then swaps the
 * reservation for a listening socket on the same port.
 */
final class PeerPort implements AutoCloseable {
    private final InetAddress address;
    private final ServerSocket server;
    private final int port;
    private Socket reservation;

    private PeerPort(InetAddress address, boolean listenNow) throws IOException {
        this.address = address;
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        if (listenNow) {
            server.bind(new InetSocketAddress(address, 0));
            port = server.getLocalPort();
        } else {
            reservation = new Socket();
            reservation.setReuseAddress(true);
            reservation.bind(new InetSocketAddress(address, 0));
            port = reservation.getLocalPort();
        }
    }

    /** A port that listens at once. */
    static PeerPort listening(InetAddress address) throws IOException {
        return new PeerPort(address, true);
    }

    /** A port that refuses connections until {@link #listen()}. */
    static PeerPort refusing(InetAddress address) throws IOException {
        return new PeerPort(address, false);
    }

    int port() {
        return port;
    }

    /** Where {@code accept} waits; bound once the port listens. */
    ServerSocket server() {
        return server;
    }

    /** Starts listening on the reserved port (nothing to do when it already listens). */
    synchronized void listen() throws IOException {
        if (reservation == null) {
            return;
        }
        // The reservation never connected, so its port has no TIME_WAIT to wait out: closing it and binding
        // the listener at once cannot fail on our account (another program taking an ephemeral port in this
        // instant is the only way, and the bind would say so).
        reservation.close();
        reservation = null;
        server.bind(new InetSocketAddress(address, port));
    }

    /** Stops listening: a reconnecting speaker is refused from now on. */
    @Override
    public synchronized void close() throws IOException {
        if (reservation != null) {
            reservation.close();
        }
        server.close();
    }
}
