package dev.twinbgp.jmh.scale;

import dev.twinbgp.bgp.fsm.SessionConfig;
import dev.twinbgp.jmh.transfer.FullTableTransfer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The addresses and session settings of the session-scale benchmark, shared by the speaker under
 * test (in the JMH fork) and the clients (in their own processes), so both sides agree on them.
 *
 * <p>Session {@code i} runs from client address 127.1.a.b (a = i / 250, b = i % 250 + 1: one client
 * address per session) to speaker address {@code speaker(i % listeners)} = 127.2.c.d, all on one
 * port. The speaker under test listens on only {@code listeners} addresses (at most
 * {@value #MAX_LISTENERS}), so N sessions hold N + listeners descriptors in its JVM, not 2N (the hard
 * {@code ulimit -n} of 20,000 here kept 10,000 sessions out of reach). It has one passive peer per
 * client address; its accept picks the peer by remote address, local address and port, so sessions
 * sharing a speaker address are told apart by their client address.
 *
 * <p>The clients are spread over {@code ceil(sessions / listeners)} processes, process {@code k}
 * running sessions {@code k * listeners ..} (at most {@code listeners} of them): a client's
 * {@code BgpSpeaker} names a peer by its address, so within one client process every peer needs
 * its own speaker address, which sessions {@code i} with distinct {@code i % listeners} have.
 *
 * <pre>
 *   client process 0: 127.1.0.1 ... client(L-1)  --\
 *   client process 1: client(L) ... client(2L-1) ---&gt;  speaker(0) ... speaker(L-1) : port
 *   ...                                          --/     (L listening sockets, N sessions)
 * </pre>
 */
final class ScalePlan {
    static final int MAX_SESSIONS = 250 * 256;
    /** Speaker listen addresses the benchmark uses at most (so at most that many sessions per client process). */
    static final int MAX_LISTENERS = 2000;
    static final long SPEAKER_AS = 65000;
    static final long CLIENT_AS = 65001;
    static final int CONNECT_RETRY = 5;

    private ScalePlan() {
    }

    static InetAddress client(int i) {
        return address(1, i);
    }

    /** The speaker address of session {@code i} when the speaker listens on {@code listeners} addresses. */
    static InetAddress speaker(int i, int listeners) {
        return address(2, i % listeners);
    }

    /** The speaker's listen addresses for {@code sessions} sessions over at most {@code maxListeners} addresses. */
    static int listeners(int sessions, int maxListeners) {
        checkSessions(sessions);
        if (maxListeners < 1 || maxListeners > MAX_SESSIONS) {
            throw new IllegalArgumentException("listeners must be 1.." + MAX_SESSIONS + ": " + maxListeners);
        }
        return Math.min(sessions, maxListeners);
    }

    /** How many client processes {@code sessions} sessions over {@code listeners} speaker addresses need. */
    static int processes(int sessions, int listeners) {
        return (sessions + listeners - 1) / listeners;
    }

    static List<InetAddress> listenAddresses(int listeners) {
        List<InetAddress> out = new ArrayList<>(listeners);
        for (int i = 0; i < listeners; i++) {
            out.add(address(2, i));
        }
        return out;
    }

    /**
     * IPv4 unicast, BGP identifier {@code routerId}, the given hold time (keepalives every third of it), ConnectRetry 5 s: with
     * 1,000 connects at once a client loop may see its connect complete only after a second, and
     * a 1 s ConnectRetry would abandon attempts the speaker had already accepted.
     */
    static SessionConfig.Builder session(long localAs, long peerAs, InetAddress routerId, int holdTime) {
        return FullTableTransfer.session(localAs, peerAs, routerId).holdTime(holdTime).connectRetryTime(CONNECT_RETRY);
    }

    static void checkSessions(int sessions) {
        if (sessions < 1 || sessions > MAX_SESSIONS) {
            throw new IllegalArgumentException("sessions must be 1.." + MAX_SESSIONS + ": " + sessions);
        }
    }

    private static InetAddress address(int second, int i) {
        try {
            return InetAddress.getByAddress(new byte[] {127, (byte) second, (byte) (i / 250), (byte) (i % 250 + 1)});
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e); // four octets: never
        }
    }
}
