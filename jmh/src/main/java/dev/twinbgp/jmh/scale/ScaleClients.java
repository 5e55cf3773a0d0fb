package dev.twinbgp.jmh.scale;

import dev.twinbgp.reactor.ReactorConfig;
import dev.twinbgp.bgp.wire.Notification;
import dev.twinbgp.speaker.session.BgpSpeaker;
import dev.twinbgp.speaker.session.PeerDriver;
import dev.twinbgp.speaker.session.PeerSettings;
import dev.twinbgp.speaker.session.SessionListener;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The clients of the session-scale benchmark, run in their own JVM ({@link ClientProcess}) so their
 * heap and CPU are not the measured speaker's: one {@link BgpSpeaker} with one active peer per
 * session of its slice (sessions {@code FIRST .. FIRST+COUNT-1}), each bound to its own client address
 * and towards its own speaker address (see {@link ScalePlan}: within one slice of at most
 * {@code LISTENERS} sessions, the speaker addresses are distinct).
 *
 * <p>Protocol on stdin/stdout: prints {@value #READY} once loaded; on a line {@code go PORT} starts
 * every session (all connect at once) to that port; on {@value #STOP} stops them (Cease) and prints
 * {@value #STOPPED}. One process serves every run of a JMH trial, so its JIT is warm after the
 * first. It exits at end of input, so it also ends when the benchmark's JVM dies.
 *
 * <p>Usage: {@code ScaleClients REACTOR FIRST COUNT LISTENERS HOLD-TIME}
 */
public final class ScaleClients {
    static final String READY = "twinbgp-scale-clients ready";
    static final String GO = "go";
    static final String STOP = "stop";
    static final String STOPPED = "twinbgp-scale-clients stopped";

    /** Client-side drops and ConnectRetry expiries printed per run (the rest are only counted). */
    private static final int REPORTED = 3;

    private ScaleClients() {
    }

    /**
     * Prints the first {@value #REPORTED} sessions or attempts this process saw end, and ConnectRetry
     * expiries, with their reason: a failed run's message ends with the clients' last lines, so the
     * client side of a drop is in it without INFO logging. Silent while stopping (every session ends then).
     */
    private static final class DropReporter implements SessionListener {
        private final AtomicInteger downs = new AtomicInteger();
        private final AtomicInteger retries = new AtomicInteger();
        volatile boolean stopping;

        @Override
        public void connectRetry(PeerDriver peer) {
            int n = retries.incrementAndGet();
            if (!stopping && n <= REPORTED) {
                System.out.println("client ConnectRetry expired #" + n + ": peer " + peer.name());
                System.out.flush();
            }
        }

        @Override
        public void down(PeerDriver peer, String reason, Notification notification, boolean wasEstablished) {
            int n = downs.incrementAndGet();
            if (!stopping && n <= REPORTED) {
                System.out.println("client down #" + n + (wasEstablished ? " (was Established)" : " (attempt)")
                        + ": peer " + peer.name() + ": " + reason + (notification == null ? "" : " (" + notification + ")"));
                System.out.flush();
            }
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 5) {
            System.err.println("usage: ScaleClients REACTOR FIRST COUNT LISTENERS HOLD-TIME");
            System.exit(2);
        }
        String reactor = args[0];
        int first = Integer.parseInt(args[1]);
        int count = Integer.parseInt(args[2]);
        int listeners = Integer.parseInt(args[3]);
        int holdTime = Integer.parseInt(args[4]);
        ScalePlan.checkSessions(first + count);
        if (first < 0 || count < 1 || count > listeners) {
            // more than LISTENERS sessions would name two peers by one speaker address
            throw new IllegalArgumentException("need 0 <= FIRST and 1 <= COUNT <= LISTENERS: " + String.join(" ", args));
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.out.println(READY);
        System.out.flush();
        BgpSpeaker speaker = null;
        DropReporter reporter = null;
        try {
            for (String line; (line = in.readLine()) != null; ) {
                String[] words = line.strip().split(" ");
                if (words[0].equals(GO) && words.length == 2 && speaker == null) {
                    reporter = new DropReporter();
                    speaker = BgpSpeaker.start(reactor, ReactorConfig.defaults(),
                            peers(Integer.parseInt(words[1]), first, count, listeners, holdTime), reporter);
                } else if (words[0].equals(STOP)) {
                    if (speaker != null) {
                        reporter.stopping = true;
                        speaker.close();
                        speaker = null;
                    }
                    System.out.println(STOPPED);
                    System.out.flush();
                }
            }
        } finally {
            if (speaker != null) {
                speaker.close();
            }
        }
    }

    private static List<PeerSettings> peers(int port, int first, int count, int listeners, int holdTime) {
        List<PeerSettings> peers = new ArrayList<>(count);
        for (int i = first; i < first + count; i++) {
            InetAddress self = ScalePlan.client(i);
            peers.add(new PeerSettings(ScalePlan.speaker(i, listeners), port, self, 0,
                    ScalePlan.session(ScalePlan.CLIENT_AS, ScalePlan.SPEAKER_AS, self, holdTime)
                            .active(true).passive(false).build(), true, false, List.of()));
        }
        return peers;
    }
}
