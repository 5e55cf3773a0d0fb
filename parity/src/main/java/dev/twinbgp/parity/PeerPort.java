package dev.twinbgp.parity;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SequencedSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * The scripted peer's port ({@code $PEER_PORT}), where the speaker connects. Usually it listens from the start.
 * For a script that begins with {@code refuse N} it is first only <em>reserved</em>: a plain socket bound to
 * the port that never listens, so the port stays ours while every SYN to it is answered with a RST (the
 * speaker's connect is refused, RFC 4271 section 8.1.3 event 18); {@link #listen()} then swaps the
 * reservation for a listening socket on the same port.
 *
 * <p>For a script that begins with {@code hang N} it listens with a backlog of 1 and its accept queue is
 * filled by throw-away connections of our own that nobody accepts: Linux then drops every further SYN
 * (with {@code net.ipv4.tcp_abort_on_overflow} 0, the default; SYN cookies do not apply to a full accept
 * queue), so the speaker's connect neither completes nor fails - it hangs until the speaker gives it up.
 * {@link #release()} accepts and closes the throw-away connections (they are first in the queue), and the
 * speaker's pending attempt gets in with its next SYN retransmission.
 */
final class PeerPort implements AutoCloseable {
    /** How long a throw-away connect may take before we count the queue as full. */
    private static final int CLOG_PROBE_MILLIS = 300;
    private static final int CLOG_MAX = 8;

    private final InetAddress address;
    private final ServerSocket server;
    private final int port;
    private Socket reservation;
    /** The throw-away connections that fill the accept queue of a hanging port (their client sockets). */
    private final List<Socket> clog = new ArrayList<>();
    private final Set<Integer> clogPorts = new TreeSet<>();
    /** The speaker's connection attempts (their local ports) seen pending, oldest first. */
    private final SequencedSet<Integer> attempts = new LinkedHashSet<>();

    private PeerPort(InetAddress address, boolean listenNow, int backlog) throws IOException {
        this.address = address;
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        if (listenNow) {
            server.bind(new InetSocketAddress(address, 0), backlog);
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
        return new PeerPort(address, true, 50);
    }

    /** A port that refuses connections until {@link #listen()}. */
    static PeerPort refusing(InetAddress address) throws IOException {
        return new PeerPort(address, false, 0);
    }

    /** A port whose connects hang (SYNs dropped) until {@link #release()}; Linux only ({@link TcpTable}). */
    static PeerPort hanging(InetAddress address) throws IOException {
        if (!TcpTable.available()) {
            throw new IOException("'hang' needs the Linux TCP table (/proc/net/tcp) to see pending connects");
        }
        PeerPort p = new PeerPort(address, true, 1);
        try {
            p.fill();
        } catch (IOException e) {
            p.close();
            throw e;
        }
        return p;
    }

    /** Connects throw-away sockets until one hangs: the accept queue is full from then on. */
    private void fill() throws IOException {
        for (int i = 0; i < CLOG_MAX; i++) {
            Socket s = new Socket();
            try {
                s.connect(new InetSocketAddress(address, port), CLOG_PROBE_MILLIS);
            } catch (SocketTimeoutException full) {
                s.close(); // its SYN was dropped: the queue is full
                return;
            }
            clog.add(s);
            clogPorts.add(s.getLocalPort());
        }
        throw new IOException("the accept queue of port " + port + " did not fill up after " + CLOG_MAX
                + " connections (is net.ipv4.tcp_abort_on_overflow 0?)");
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

    /** Samples the speaker's pending attempts ({@link #attemptsSeen}); returns those pending now. */
    synchronized Set<Integer> observeAttempts() {
        Set<Integer> pending = TcpTable.synSentTo(port);
        pending.removeAll(clogPorts);
        attempts.addAll(pending);
        return pending;
    }

    /** The speaker's attempts seen so far, oldest first. */
    synchronized List<Integer> attemptsSeen() {
        return List.copyOf(attempts);
    }

    /**
     * Frees a hanging port once the speaker has made at least {@code attemptsAtLeast} attempts and only the
     * newest is pending: the attempts its ConnectRetry timer dropped are closed by then (the speaker cancels
     * them, {@code PendingConnect.cancel()}; see {@code AbstractConnectRetryTest}), so none of them can complete
     * here once the queue has room. Then accepts and closes the throw-away connections.
     * False when that state did not come within 15 s.
     */
    synchronized boolean release(int attemptsAtLeast) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (true) {
            Set<Integer> pending = observeAttempts();
            if (attempts.size() >= attemptsAtLeast && pending.equals(Set.of(attempts.getLast()))) {
                break;
            }
            if (System.nanoTime() >= deadline) {
                return false;
            }
            Thread.sleep(2);
        }
        unclog();
        return true;
    }

    /**
     * Frees a hanging port now: accepts and closes the throw-away connections, so the queue has room again (a
     * pending attempt of the speaker gets in with its next SYN retransmission).
     */
    synchronized void unclog() throws IOException {
        server.setSoTimeout(5_000);
        for (int i = 0; i < clog.size(); i++) {
            server.accept().close(); // FIFO: the throw-away connections are ahead of the speaker's
        }
        for (Socket s : clog) {
            s.close();
        }
        clog.clear();
    }

    /** Stops listening: a reconnecting speaker is refused from now on. */
    @Override
    public synchronized void close() throws IOException {
        if (reservation != null) {
            reservation.close();
        }
        for (Socket s : clog) {
            s.close();
        }
        server.close();
    }
}
