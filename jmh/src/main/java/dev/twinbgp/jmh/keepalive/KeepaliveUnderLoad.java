package dev.twinbgp.jmh.keepalive;

import dev.twinbgp.bgp.fsm.State;
import dev.twinbgp.bgp.rib.Route;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.jmh.transfer.FullTableTransfer;
import dev.twinbgp.jmh.transfer.Pairing;
import dev.twinbgp.jmh.transfer.TransferListener;
import dev.twinbgp.jmh.transfer.TransferResult;
import dev.twinbgp.reactor.ReactorConfig;
import dev.twinbgp.speaker.session.BgpSpeaker;
import dev.twinbgp.speaker.session.FreePort;
import dev.twinbgp.speaker.session.PeerDriver;
import dev.twinbgp.speaker.session.PeerSettings;
import dev.twinbgp.speaker.session.PerPeerListener;
import dev.twinbgp.speaker.session.SessionListener;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Two speakers, two sessions between them over loopback, each speaker on one loop thread:
 *
 * <pre>
 *   speaker A (sender)                          speaker B (receiver)
 *   127.0.0.22 --- session 1: full table ---->  127.0.0.23   hold 90 s
 *   127.0.0.24 --- session 2: keepalives only - 127.0.0.25   hold 3 s, KEEPALIVE every 1 s
 * </pre>
 *
 * <p>{@link #prepare} starts both speakers and waits until both sessions are Established (session
 * 1 with an empty table and no End-of-RIB yet). {@link #run} then has A announce the whole table on
 * session 1 followed by End-of-RIB, and returns once B has it and holds every prefix (checked).
 * Meanwhile, both loop threads being busy with session 1, {@link KeepaliveRecorder}s time the
 * KEEPALIVEs of session 2 in both directions; {@link #gaps} turns them into the gaps that cover the
 * transfer. A is passive and B active on both sessions.
 */
public final class KeepaliveUnderLoad implements AutoCloseable {
    static final String SENDER_TABLE = "127.0.0.22";
    static final String RECEIVER_TABLE = "127.0.0.23";
    static final String SENDER_KEEPALIVE = "127.0.0.24";
    static final String RECEIVER_KEEPALIVE = "127.0.0.25";
    /** RFC 4271 section 4.2: the smallest non-zero hold time; KEEPALIVE every third of it. */
    public static final int KEEPALIVE_HOLD_TIME = 3;
    /** After the transfer: time for the next KEEPALIVE, or for a dropped session 2 to come back. */
    private static final int AFTER_TRANSFER_SECONDS = 15;

    private final List<Route> table;
    private final TransferListener senderTable = new TransferListener();
    private final TransferListener receiverTable = new TransferListener();
    /** KEEPALIVEs from the loaded sender, arriving at the receiver B. */
    private final KeepaliveRecorder fromSender = new KeepaliveRecorder();
    /** KEEPALIVEs from the loaded receiver, arriving at the sender A. */
    private final KeepaliveRecorder fromReceiver = new KeepaliveRecorder();
    private BgpSpeaker sender;
    private BgpSpeaker receiver;
    private long startedAt;
    private long endOfRibAt;

    private KeepaliveUnderLoad(List<Route> table) {
        this.table = table;
    }

    /** The next hop of a table for {@link #prepare}: the sender's session-1 address. */
    public static byte[] senderNextHop() {
        return FullTableTransfer.address(SENDER_TABLE).getAddress();
    }

    /** Starts A and B on their reactors and waits until both sessions are up. */
    public static KeepaliveUnderLoad prepare(Pairing pairing, List<Route> table) throws IOException, InterruptedException {
        InetAddress aTable = FullTableTransfer.address(SENDER_TABLE);
        InetAddress bTable = FullTableTransfer.address(RECEIVER_TABLE);
        InetAddress aKeep = FullTableTransfer.address(SENDER_KEEPALIVE);
        InetAddress bKeep = FullTableTransfer.address(RECEIVER_KEEPALIVE);
        int port = FreePort.on(aTable, bTable, aKeep, bKeep);
        long a = FullTableTransfer.SENDER_AS;
        long b = FullTableTransfer.RECEIVER_AS;
        KeepaliveUnderLoad run = new KeepaliveUnderLoad(table);
        try {
            // Each speaker has one BGP identifier (its session-1 address) on both sessions.
            // manualEor on A's session 1: its End-of-RIB is sent by run(), behind the table.
            run.sender = BgpSpeaker.start(pairing.sender(), ReactorConfig.defaults(), List.of(
                    new PeerSettings(bTable, port, aTable, port,
                            FullTableTransfer.session(a, b, aTable).passive(true).active(false).build(), true, true, List.of()),
                    new PeerSettings(bKeep, port, aKeep, port,
                            FullTableTransfer.session(a, b, aTable).holdTime(KEEPALIVE_HOLD_TIME).passive(true).active(false).build(),
                            true, false, List.of())),
                    byPeer(Map.of(RECEIVER_TABLE, run.senderTable, RECEIVER_KEEPALIVE, run.fromReceiver)));
            run.receiver = BgpSpeaker.start(pairing.receiver(), ReactorConfig.defaults(), List.of(
                    new PeerSettings(aTable, port, bTable, 0,
                            FullTableTransfer.session(b, a, bTable).passive(false).active(true).build(), true, false, List.of()),
                    new PeerSettings(aKeep, port, bKeep, 0,
                            FullTableTransfer.session(b, a, bTable).holdTime(KEEPALIVE_HOLD_TIME).passive(false).active(true).build(),
                            true, false, List.of())),
                    byPeer(Map.of(SENDER_TABLE, run.receiverTable, SENDER_KEEPALIVE, run.fromSender)));
            run.awaitAllEstablished(30_000);
        } catch (IOException | InterruptedException | RuntimeException e) {
            run.close();
            throw e;
        }
        return run;
    }

    /**
     * A announces the table on session 1, then End-of-RIB; returns when B has End-of-RIB and holds
     * every prefix, session 1 never having dropped (session 2 may have: see {@link #gaps}).
     *
     * @throws IllegalStateException when session 1 went down, the transfer timed out, or prefixes are missing
     */
    public TransferResult run(long timeout, TimeUnit unit) throws InterruptedException {
        PeerDriver announcer = sender.peer(RECEIVER_TABLE);
        startedAt = System.nanoTime();
        announcer.announce(table);
        announcer.sendEndOfRib(Family.IPV4_UNICAST); // queued on A's loop behind the announce
        if (!receiverTable.awaitEndOfRib(timeout, unit) || !receiverTable.sawEndOfRib()) {
            throw new IllegalStateException("no End-of-RIB within " + timeout + " " + unit + ": receiver holds "
                    + FullTableTransfer.adjRibInSize(receiver.peer(SENDER_TABLE)) + " of " + table.size()
                    + ", session 1 down: " + receiverTable.down());
        }
        endOfRibAt = receiverTable.endOfRibAt();
        int held = FullTableTransfer.adjRibInSize(receiver.peer(SENDER_TABLE));
        if (held != table.size()) {
            throw new IllegalStateException("receiver holds " + held + " prefixes, expected " + table.size());
        }
        checkTransferSessionUp();
        return new TransferResult(held, endOfRibAt - startedAt, senderTable.updatesSent(), senderTable.updateBytesSent());
    }

    /**
     * After {@link #run}: waits for the first KEEPALIVE after the transfer in each direction, so
     * the gap spanning the transfer's end is complete (if session 2 dropped, the one that
     * re-establishes it), checks all four ends are Established again, and returns the gaps
     * covering the transfer.
     */
    public KeepaliveResult gaps(TransferResult transfer) throws InterruptedException {
        long wait = TimeUnit.SECONDS.toNanos(AFTER_TRANSFER_SECONDS);
        for (KeepaliveRecorder r : List.of(fromSender, fromReceiver)) {
            if (!r.awaitArrivalAfter(endOfRibAt, wait)) {
                throw new IllegalStateException("no KEEPALIVE on session 2 within " + AFTER_TRANSFER_SECONDS
                        + " s after the transfer; last down: " + r.lastDown() + "; " + states());
            }
        }
        checkTransferSessionUp();
        awaitAllEstablished(TimeUnit.SECONDS.toMillis(AFTER_TRANSFER_SECONDS));
        return new KeepaliveResult(transfer,
                KeepaliveGaps.covering(fromSender.arrivals(), startedAt, endOfRibAt),
                KeepaliveGaps.covering(fromReceiver.arrivals(), startedAt, endOfRibAt),
                Math.max(fromSender.drops(), fromReceiver.drops()));
    }

    private void awaitAllEstablished(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (!allEstablished()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("sessions not Established within " + timeoutMillis + " ms: " + states());
            }
            Thread.sleep(10);
        }
    }

    private boolean allEstablished() {
        for (PeerDriver p : ends()) {
            if (p.state() != State.ESTABLISHED) {
                return false;
            }
        }
        return true;
    }

    /** Session 1 must never drop: a transfer that restarted would not be one transfer. */
    private void checkTransferSessionUp() {
        String down = senderTable.down() != null ? senderTable.down() : receiverTable.down();
        if (down != null) {
            throw new IllegalStateException("session 1 went down during the transfer: " + down + "; " + states());
        }
    }

    private List<PeerDriver> ends() {
        return List.of(sender.peer(RECEIVER_TABLE), sender.peer(RECEIVER_KEEPALIVE),
                receiver.peer(SENDER_TABLE), receiver.peer(SENDER_KEEPALIVE));
    }

    private String states() {
        StringBuilder out = new StringBuilder();
        for (PeerDriver p : ends()) {
            out.append(p.name()).append('=').append(p.state()).append(' ');
        }
        return out.toString().strip();
    }

    @Override
    public void close() {
        if (receiver != null) {
            receiver.close();
            receiver = null;
        }
        if (sender != null) {
            sender.close();
            sender = null;
        }
    }

    /** One listener per peer name (its address); peers not in the map are ignored. */
    private static SessionListener byPeer(Map<String, SessionListener> listeners) {
        Map<String, SessionListener> byName = Map.copyOf(listeners);
        SessionListener none = new SessionListener() { };
        return new PerPeerListener(peer -> byName.getOrDefault(peer.name(), none));
    }
}
