package dev.twinbgp.jmh.scale;

import dev.twinbgp.bgp.fsm.SessionConfig;
import dev.twinbgp.jmh.transfer.FullTableTransfer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The addresses and session settings of the session-scale benchmark, shared by the speaker under
 * test (in the JMH fork) and the clients (in their own process), so both sides agree on them.
 *
 * <p>Session {@code i} runs from client address 127.1.a.b to speaker address 127.2.a.b (b = 1..250):
 * 4-tuples spread over 127.0.0.0/8. The speaker listens on one address per session, all on the
 * same port: {@code BgpSpeaker} names a peer by its address, so one client speaker cannot hold 1,000
 * peers of one speaker address; distinct speaker addresses let one client process run them all.
 */
final class ScalePlan {
    static final int MAX_SESSIONS = 250 * 256;
    static final long SPEAKER_AS = 65000;
    static final long CLIENT_AS = 65001;
    static final int CONNECT_RETRY = 5;

    private ScalePlan() {
    }

    static InetAddress client(int i) {
        return address(1, i);
    }

    static InetAddress speaker(int i) {
        return address(2, i);
    }

    static List<InetAddress> speakers(int sessions) {
        List<InetAddress> out = new ArrayList<>(sessions);
        for (int i = 0; i < sessions; i++) {
            out.add(speaker(i));
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
