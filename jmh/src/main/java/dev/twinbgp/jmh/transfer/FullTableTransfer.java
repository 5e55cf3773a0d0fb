package dev.twinbgp.jmh.transfer;

import dev.twinbgp.speaker.session.FreePort;

import dev.twinbgp.bgp.fsm.SessionConfig;
import dev.twinbgp.bgp.fsm.State;
import dev.twinbgp.bgp.rib.Route;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.reactor.ReactorConfig;
import dev.twinbgp.speaker.session.BgpSpeaker;
import dev.twinbgp.speaker.session.PeerDriver;
import dev.twinbgp.speaker.session.PeerSettings;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One full-table transfer over loopback: speaker A (the sender, on 127.0.0.12) and speaker B (the
 * receiver, on 127.0.0.13) open a session, and A sends its whole
 * table followed by End-of-RIB; B's Adj-RIB-In must then hold every prefix.
 *
 * <p>A is passive and B active, so the untimed setup can build A with its table in place:
 * {@link #prepare} starts A (listening, table in its Adj-RIB-Out); {@link #run} starts B, which
 * connects, and returns when B has the End-of-RIB, after checking B holds all N prefixes (else it
 * throws: a wrong transfer never reports a time);
 * {@link #receiverHeapBytes} measures what B retains; {@link #close} stops both.
 */
public final class FullTableTransfer implements AutoCloseable {
    static final String SENDER = "127.0.0.12";
    static final String RECEIVER = "127.0.0.13";
    public static final long SENDER_AS = 65001;
    public static final long RECEIVER_AS = 65002;

    private final String receiverReactor;
    private final PeerSettings receiverSettings;
    private final TransferListener senderEvents = new TransferListener();
    private final TransferListener receiverEvents = new TransferListener();
    private final int expected;
    private BgpSpeaker receiver;
    private BgpSpeaker sender;

    private FullTableTransfer(String receiverReactor, PeerSettings receiverSettings, int expected) {
        this.receiverReactor = receiverReactor;
        this.receiverSettings = receiverSettings;
        this.expected = expected;
    }

    /** The sender's next hop for a generated table (its own address). */
    public static byte[] senderNextHop() {
        return address(SENDER).getAddress();
    }

    /**
     * Starts the sender on its reactor, listening, with its table already in its Adj-RIB-Out
     * (building that is not part of the transfer); the receiver starts in {@link #run}.
     */
    public static FullTableTransfer prepare(Pairing pairing, List<Route> table) throws IOException {
        InetAddress a = address(SENDER);
        InetAddress b = address(RECEIVER);
        int port = FreePort.on(a, b);
        PeerSettings receiverSettings = new PeerSettings(a, port, b, port,
                session(RECEIVER_AS, SENDER_AS, b).passive(false).active(true).build(), true, false, List.of());
        FullTableTransfer t = new FullTableTransfer(pairing.receiver(), receiverSettings, table.size());
        t.sender = BgpSpeaker.start(pairing.sender(), ReactorConfig.defaults(),
                List.of(new PeerSettings(b, port, a, port,
                        session(SENDER_AS, RECEIVER_AS, a).passive(true).active(false).build(), true, false, table)),
                t.senderEvents);
        return t;
    }

    /**
     * Starts the receiver, which connects to the sender; waits for the receiver's End-of-RIB, then
     * checks the receiver's Adj-RIB-In holds the whole table.
     *
     * @throws IllegalStateException when the session went down, timed out, or prefixes are missing
     */
    public TransferResult run(long timeout, TimeUnit unit) throws IOException, InterruptedException {
        receiver = BgpSpeaker.start(receiverReactor, ReactorConfig.defaults(), List.of(receiverSettings), receiverEvents);
        if (!receiverEvents.endOfRib.await(timeout, unit)) {
            throw new IllegalStateException("no End-of-RIB within " + timeout + " " + unit + "; receiver holds "
                    + held() + " of " + expected + ", state " + receiverPeer().state());
        }
        if (!receiverEvents.sawEndOfRib()) {
            throw new IllegalStateException("the session went down: " + receiverEvents.down()
                    + "; receiver holds " + held() + " of " + expected);
        }
        int held = held();
        if (held != expected) {
            throw new IllegalStateException("receiver holds " + held + " prefixes, expected " + expected);
        }
        if (receiverPeer().state() != State.ESTABLISHED) {
            throw new IllegalStateException("receiver not Established after the transfer: " + receiverPeer().state());
        }
        return new TransferResult(held, receiverEvents.establishedToEndOfRibNanos(),
                senderEvents.updatesSent(), senderEvents.updateBytesSent());
    }

    /**
     * Heap the receiver retains (its Adj-RIB-In, driver and reactor), after full GCs: used heap
     * with both speakers up, minus used heap once the receiver is closed and unreachable. Call
     * after {@link #run}; it closes the receiver.
     */
    public long receiverHeapBytes() {
        long withReceiver = usedHeapAfterGc();
        receiver.close();
        receiver = null;
        return withReceiver - usedHeapAfterGc();
    }

    /** Used heap after a full GC (the sender's table included while it runs). */
    public static long usedHeapAfterGc() {
        System.gc(); // G1: a full, compacting collection; outside any timed region
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private int held() {
        return adjRibInSize(receiverPeer());
    }

    /** Prefixes in {@code p}'s Adj-RIB-In, read on its loop. */
    public static int adjRibInSize(PeerDriver p) {
        try {
            return p.query(() -> p.adjRibIn().size()).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the receiver's Adj-RIB-In: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private PeerDriver receiverPeer() {
        return receiver.peer(SENDER);
    }

    @Override
    public void close() {
        if (sender != null) {
            sender.close();
            sender = null;
        }
        if (receiver != null) {
            receiver.close();
            receiver = null;
        }
    }

    /** Session settings of the benchmark speakers: IPv4 unicast, hold time 90 s, ConnectRetry 1 s. */
    public static SessionConfig.Builder session(long localAs, long peerAs, InetAddress routerId) {
        long localId = new dev.twinbgp.speaker.config.IpAddress(routerId.getAddress()).toUnsignedInt();
        // Hold time 90 s: a transfer stalled by the machine's other work must not expire it.
        return SessionConfig.builder(localAs, peerAs, localId)
                .holdTime(90).connectRetryTime(1)
                .families(List.of(Family.IPV4_UNICAST));
    }

    /** An address literal as an {@link InetAddress} (no lookup). */
    public static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal); // a literal: no lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
