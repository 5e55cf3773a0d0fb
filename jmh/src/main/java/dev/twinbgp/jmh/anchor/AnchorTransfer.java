package dev.twinbgp.jmh.anchor;

import dev.twinbgp.bgp.fsm.SessionConfig;
import dev.twinbgp.bgp.rib.Route;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.jmh.transfer.TableShape;
import dev.twinbgp.jmh.transfer.TransferListener;
import dev.twinbgp.reactor.ReactorConfig;
import dev.twinbgp.speaker.config.IpAddress;
import dev.twinbgp.speaker.session.BgpSpeaker;
import dev.twinbgp.speaker.session.FreePort;
import dev.twinbgp.speaker.session.PeerSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * One full-table transfer from a twinbgp sender (127.0.0.52) into an anchor daemon (BIRD 2 or
 * GoBGP, 127.0.0.53) over loopback.
 *
 * <p>The daemons only connect after a delay of a second or more (BIRD's connect delay is at
 * least 1 s, GoBGP's first connect waits a random 5-10 s), so here the daemon is passive and the
 * sender connects: {@link #prepare} starts the daemon and waits until it answers (untimed);
 * {@link #run} starts the sender, with the table as its initial Adj-RIB-Out, and polls the
 * daemon's import counter until it holds all N routes; {@link #verify} then checks the daemon's
 * table the expensive, exact way; {@link #close} stops both.
 *
 * <p>What {@link AnchorResult#establishedToAllNanos()} measures: from the sender's Established
 * (the daemon reaches Established one KEEPALIVE earlier, within a loopback round trip, and can
 * receive no route before it) to the start of the first poll that saw all N routes. The routes
 * were all in at some point between the previous poll's reading and this one's, so this
 * estimate is within one poll period ({@link AnchorResult#pollPeriodNanos()}) of the truth, and on
 * average about half the pause early or late, not biased by the query's own latency.
 */
public final class AnchorTransfer implements AutoCloseable {
    static final String SENDER = "127.0.0.52";
    static final String RECEIVER = "127.0.0.53";
    /** Same AS as the full-table transfer's sender, so the same table is sent. */
    public static final long SENDER_AS = 65001;
    /**
     * A documentation AS (RFC 5398), outside the 64512-65511 the diverse table's AS_PATHs draw from:
     * the daemons drop a route whose AS_PATH holds their own AS (loop detection, RFC 4271 section 9.1.2).
     */
    static final long RECEIVER_AS = 64500;
    /** No progress for this long (no session, or a stalled import) fails the transfer instead of waiting out the timeout. */
    private static final int START_ATTEMPTS = 3;
    private static final long STALL_NANOS = 20_000_000_000L;
    /**
     * The table's next hop: a documentation address (RFC 5737). GoBGP treats a loopback next hop
     * as invalid and drops the route; BIRD, multihop, keeps routes whose next hop it cannot
     * resolve (marked unreachable, still in its table).
     */
    public static final String NEXT_HOP = "192.0.2.1";

    private final Anchor anchor;
    private final String senderReactor;
    private final PeerSettings senderSettings;
    private final AnchorReceiver receiver;
    private final int expected;
    private final TransferListener senderEvents = new TransferListener();
    private BgpSpeaker sender;

    private AnchorTransfer(Anchor anchor, String senderReactor, PeerSettings senderSettings, AnchorReceiver receiver,
                           int expected) {
        this.anchor = anchor;
        this.senderReactor = senderReactor;
        this.senderSettings = senderSettings;
        this.receiver = receiver;
        this.expected = expected;
    }

    /** The full-table transfer's table in {@code shape}, with the anchors' next hop. */
    public static List<Route> table(TableShape shape, int count) {
        return shape.routes(count, SENDER_AS, address(NEXT_HOP).getAddress());
    }

    /** Starts {@code anchor} in {@code dir} and waits until it answers; the sender starts in {@link #run}. */
    public static AnchorTransfer prepare(Anchor anchor, String senderReactor, List<Route> table, Path dir)
            throws IOException {
        InetAddress s = address(SENDER);
        InetAddress r = address(RECEIVER);
        int port = 0;
        AnchorReceiver receiver = null;
        // Race: the port is free when probed, but the daemon binds it later, and now and then
        // (seen: BIRD "bind: Address already in use" right after the previous daemon on another
        // port stopped) something else got it first. A fresh port and daemon, a few times.
        for (int attempt = 1; receiver == null; attempt++) {
            port = FreePort.on(r);
            try {
                receiver = AnchorReceiver.start(anchor, dir,
                        new AnchorReceiver.Endpoint(RECEIVER, port, RECEIVER_AS, SENDER, SENDER_AS));
            } catch (RuntimeException | AssertionError e) {
                if (attempt == START_ATTEMPTS) {
                    throw e;
                }
                AnchorTransferBenchmark.deleteTree(dir);
            }
        }
        PeerSettings settings = new PeerSettings(r, port, s, 0,
                session(s).active(true).passive(false).build(), true, false, table);
        return new AnchorTransfer(anchor, senderReactor, settings, receiver, table.size());
    }

    /**
     * Starts the sender, which connects to the daemon and sends its table; returns once a poll
     * sees the daemon holding all of it.
     *
     * @throws IllegalStateException when the session went down, the daemon died, or time ran out
     */
    public AnchorResult run(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long interval = anchor.pollInterval().toNanos();
        sender = BgpSpeaker.start(senderReactor, ReactorConfig.defaults(), List.of(senderSettings), senderEvents);
        long polls = 0;
        long pollNanos = 0;
        long lastHeld = -1;
        long progressAt = System.nanoTime();
        while (true) {
            long asked = System.nanoTime();
            long held = receiver.routesImported();
            long answered = System.nanoTime();
            polls++;
            pollNanos += answered - asked;
            if (held >= expected) {
                if (held != expected) {
                    throw new IllegalStateException(anchor.displayName() + " imported " + held + " routes, "
                            + expected + " were sent");
                }
                return new AnchorResult(held, asked - senderEvents.establishedAtNanos(), polls, pollNanos / polls,
                        interval, senderDone(), senderEvents.updatesSent(), senderEvents.updateBytesSent());
            }
            if (held != lastHeld) {
                lastHeld = held;
                progressAt = answered;
            }
            boolean stalled = answered - progressAt > STALL_NANOS;
            if (senderEvents.down() != null || !receiver.alive() || answered - deadline > 0 || stalled) {
                throw new IllegalStateException(failure(held, timeout, stalled));
            }
            LockSupport.parkNanos(interval);
        }
    }

    private long senderDone() {
        long at = senderEvents.endOfRibSentAtNanos();
        return at == 0 ? 0 : at - senderEvents.establishedAtNanos();
    }

    private String failure(long held, Duration timeout, boolean stalled) {
        String why = senderEvents.down() != null ? "the session went down: " + senderEvents.down()
                : !receiver.alive() ? anchor.displayName() + " exited"
                : stalled ? "the import stalled (no new route for " + STALL_NANOS / 1_000_000_000L + " s)"
                : "not all routes within " + timeout.toSeconds() + " s";
        String log = receiver.log();
        return why + "; " + anchor.displayName() + " imported " + held + " of " + expected + "; it says:\n"
                + receiver.diagnostics() + "\nits log (tail):\n"
                + log.substring(Math.max(0, log.length() - 4000));
    }

    /**
     * After {@link #run}, untimed: the daemon's table (not just its import counter) holds every
     * prefix, and the session is still Established.
     */
    public void verify() {
        long inTable = receiver.prefixesInTable();
        if (inTable != expected) {
            throw new IllegalStateException(anchor.displayName() + "'s table holds " + inTable + " prefixes, expected "
                    + expected);
        }
        if (!receiver.established()) {
            throw new IllegalStateException(anchor.displayName() + " is not Established after the transfer");
        }
    }

    @Override
    public void close() {
        try {
            if (sender != null) {
                sender.close();
                sender = null;
            }
        } finally {
            receiver.close();
        }
    }

    private static SessionConfig.Builder session(InetAddress routerId) {
        // Hold time 90 s: a transfer stalled by the machine's other work must not expire it.
        return SessionConfig.builder(SENDER_AS, RECEIVER_AS, new IpAddress(routerId.getAddress()).toUnsignedInt())
                .holdTime(90).connectRetryTime(1)
                .families(List.of(Family.IPV4_UNICAST));
    }

    static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal); // a literal: no lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
