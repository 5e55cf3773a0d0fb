package dev.twinbgp.speaker.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.bgp.fsm.State;
import dev.twinbgp.bgp.rib.AdjRibOut;
import dev.twinbgp.bgp.rib.Path;
import dev.twinbgp.bgp.rib.Route;
import dev.twinbgp.bgp.wire.attribute.Attribute;
import dev.twinbgp.bgp.wire.attribute.Attributes;
import dev.twinbgp.bgp.wire.ErrorCodes;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.MessageEncoder;
import dev.twinbgp.bgp.wire.Notification;
import dev.twinbgp.bgp.wire.family.Prefix;
import dev.twinbgp.bgp.wire.Update;
import dev.twinbgp.reactor.ReactorConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Back-pressure with a peer that stops reading while we send a 200,000-prefix table, one prefix
 * per UPDATE (ExaBGP {@code group-updates false}: about 18 MB on the wire, more than the 1 MiB
 * high-water mark plus every socket buffer on the way).
 *
 * <p>What must hold: the speaker encodes UPDATEs only while the connection is writable
 * ({@code PeerDriver.pump}), so it hands the reactor only a fraction of the table while the peer
 * stalls; pending output stays near the high-water mark, far under the hard cap
 * ({@link ReactorConfig#maxPendingOutput()}), so the reactor never aborts the connection with an
 * {@code OutputOverflowException}. A peer that stalls for good and goes silent loses the session to
 * our hold timer (4/0); one that only stalls, still sending KEEPALIVEs, gets the whole table when it
 * reads again and the session survives.
 *
 * <p>Our KEEPALIVEs while the peer stalls: the FSM writes them at once (they bypass the UPDATE
 * queue), but they wait behind the queued table bytes in the reactor and in the socket, so the
 * stalled peer receives them only when it reads again - after the UPDATEs that precede them, which
 * restart its hold timer too (RFC 4271 section 4.4). A peer that enforced its own hold timer while
 * not reading would let it expire; that is the peer's doing, not ours.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
abstract class AbstractStalledPeerTest {
    private static final Logger LOG = LoggerFactory.getLogger(AbstractStalledPeerTest.class);
    static final String SPEAKER = "127.0.0.6";
    static final String PEER = "127.0.0.7";
    static final int TABLE = 200_000;
    /** Fixed so the kernel does not grow it: the peer's side of the connection absorbs little. */
    static final int PEER_RECEIVE_BUFFER = 64 * 1024;
    /** The driver's bound: high water plus one 64 KiB batch, plus a few KEEPALIVEs and the NOTIFICATION. */
    static final long DRIVER_BOUND = ReactorConfig.DEFAULT_HIGH_WATER + 64 * 1024 + 16 * 1024;

    private static List<Route> table;
    private static long tableBytes;

    abstract String reactor();

    private BgpSpeaker speaker;
    private ScriptedPeer peer;

    @BeforeAll
    static void table() {
        List<Long> communities = new ArrayList<>();
        for (long i = 0; i < 8; i++) {
            communities.add(65001L << 16 | i);
        }
        Path path = new Path(Attributes.of(new Attribute.Origin(Attribute.Origin.IGP), Attribute.AsPath.sequence(65001L),
                new Attribute.MultiExitDisc(5), new Attribute.Communities(communities)), TestRoutes.address(SPEAKER).getAddress());
        List<Route> routes = new ArrayList<>(TABLE);
        for (int i = 0; i < TABLE; i++) {
            routes.add(new Route(Prefix.ipv4(16 << 24 | i << 8, 24), path));
        }
        table = routes;
        tableBytes = AdjRibOut.announce(routes, ScriptedPeer.NEGOTIATED, false).stream()
                .mapToLong(u -> MessageEncoder.encodedLength(u, ScriptedPeer.NEGOTIATED)).sum();
    }

    @AfterEach
    void stop() {
        if (peer != null) {
            peer.close();
        }
        if (speaker != null) {
            speaker.close();
        }
    }

    private PeerDriver startSpeaker(int port, TrafficListener events, int holdTime) throws Exception {
        PeerSettings settings = new PeerSettings(TestRoutes.address(PEER), port, TestRoutes.address(SPEAKER), port,
                TestRoutes.session(65001, 65002, SPEAKER).holdTime(holdTime).active(false).passive(true).build(),
                false, false, table);
        speaker = BgpSpeaker.start(reactor(), ReactorConfig.defaults(), List.of(settings), events);
        return speaker.peer(PEER);
    }

    @Test
    void aPeerThatStallsForGoodLosesTheSessionToOurHoldTimerNotToOurMemory() throws Exception {
        int port = Ports.freeOn(SPEAKER);
        TrafficListener events = new TrafficListener();
        PeerDriver driver = startSpeaker(port, events, 3);

        peer = ScriptedPeer.connect(PEER, SPEAKER, port, PEER_RECEIVE_BUFFER);
        peer.handshake(65002, 3, PEER);
        // From here on the peer neither reads nor writes.

        Await.until("the speaker's hold timer ends the session", Duration.ofSeconds(120),
                () -> !events.downs.isEmpty(), () -> "; pending peak " + driver.maxPendingOutputBytes());
        String reason = events.downs.get(0);
        assertTrue(reason.startsWith("hold timer expired"), () -> "down by hold timer, not " + reason);
        assertEquals(1, events.downs.size(), () -> "one session end: " + events.downs);
        assertEquals(1, events.established.get());
        Notification sent = events.downNotifications.get(0);
        assertEquals(ErrorCodes.HOLD_TIMER_EXPIRED, sent.code());
        assertBounded(driver, events);

        // Reading again, the peer gets what was queued, then our NOTIFICATION, then the close:
        // the graceful close flushed everything (and never more than the bounded queue).
        peer.startReading();
        Await.until("the peer reads to the end of the stream", Duration.ofSeconds(120),
                () -> peer.eof || peer.readError != null, () -> "; read " + peer.bytesRead.get() + " bytes");
        assertNull(peer.readError, () -> "the stream decodes: " + peer.readError);
        Notification last = assertInstanceOf(Notification.class, peer.lastMessage, "the NOTIFICATION comes last");
        assertEquals(ErrorCodes.HOLD_TIMER_EXPIRED, last.code());
        assertEquals(0, last.subcode());
        assertTrue(peer.prefixesAnnounced.get() < TABLE, "the rest of the table was dropped with the session");
    }

    /**
     * The issue's own case: a peer that stops reading (but still sends its KEEPALIVEs, so our hold
     * timer stays quiet) while we send the table. It reads nothing, so it hears nothing from us -
     * not even our KEEPALIVEs, queued behind the table - and its hold timer expires: it sends
     * NOTIFICATION 4/0. The session ends by the peer's hold timer; our pending output
     * stayed bounded the whole time.
     */
    @Test
    void aPeerThatStopsReadingEndsTheSessionByItsOwnHoldTimer() throws Exception {
        int port = Ports.freeOn(SPEAKER);
        TrafficListener events = new TrafficListener();
        PeerDriver driver = startSpeaker(port, events, 3);

        peer = ScriptedPeer.connect(PEER, SPEAKER, port, PEER_RECEIVE_BUFFER);
        peer.handshake(65002, 3, PEER);
        peer.startKeepalives(500);
        Thread.sleep(3_000); // the peer's hold time passes with nothing read
        peer.stopKeepalives();
        peer.send(new Notification(ErrorCodes.HOLD_TIMER_EXPIRED, 0));
        // No close here: with our unread data in its buffer, the peer's close would be a RST that
        // can overtake the NOTIFICATION. The speaker closes on receiving it (RFC 4271 section 6.4).

        Await.until("the session ends", Duration.ofSeconds(120), () -> !events.downs.isEmpty(), () -> "");
        String reason = events.downs.get(0);
        assertTrue(reason.contains("4/0"), () -> "ended by the peer's hold timer (NOTIFICATION 4/0), not " + reason);
        assertEquals(1, events.downs.size(), () -> "one session end: " + events.downs);
        assertBounded(driver, events);
    }

    /**
     * RFC 4271 section 8.2.2: on hold timer expiry we send the NOTIFICATION and drop the
     * connection. A graceful close waits for pending output to drain, which a peer that never
     * reads again would make last for ever: the connection must still go away.
     */
    @Test
    void aPeerThatNeverReadsAgainIsDisconnectedAfterTheHoldTimer() throws Exception {
        int port = Ports.freeOn(SPEAKER);
        TrafficListener events = new TrafficListener();
        PeerDriver driver = startSpeaker(port, events, 3);

        peer = ScriptedPeer.connect(PEER, SPEAKER, port, PEER_RECEIVE_BUFFER);
        peer.handshake(65002, 3, PEER);
        Await.until("the speaker's hold timer ends the session", Duration.ofSeconds(120),
                () -> !events.downs.isEmpty(), () -> "");
        assertTrue(events.downs.get(0).startsWith("hold timer expired"), events.downs::toString);

        // stop() completes once every connection of the peer is closed; the peer still reads nothing.
        driver.stop(ErrorCodes.CEASE_ADMIN_SHUTDOWN, null).get(90, TimeUnit.SECONDS);
        assertBounded(driver, events);
    }

    @Test
    void aPeerThatStallsForAWhileGetsTheWholeTableAndKeepsTheSession() throws Exception {
        int port = Ports.freeOn(SPEAKER);
        TrafficListener events = new TrafficListener();
        PeerDriver driver = startSpeaker(port, events, 9);

        peer = ScriptedPeer.connect(PEER, SPEAKER, port, PEER_RECEIVE_BUFFER);
        peer.handshake(65002, 9, PEER);
        // Alive, but not reading: KEEPALIVEs every second keep our 9 s hold timer from firing
        // (with margin for pauses on a loaded machine).
        peer.startKeepalives(1_000);

        Await.until("the speaker is held back (pending output reached the high-water mark)", Duration.ofSeconds(120),
                () -> driver.maxPendingOutputBytes() >= ReactorConfig.DEFAULT_HIGH_WATER, () -> "; downs " + events.downs);
        // Stall a while longer, past one of our keepalive intervals (3 s): that KEEPALIVE queues behind
        // the table. Not a timing assertion - nothing below depends on how long this really took.
        Thread.sleep(4_000);
        assertBounded(driver, events);
        assertEquals(State.ESTABLISHED, driver.state());

        peer.startReading();
        Await.until("the peer receives the whole table and End-of-RIB", Duration.ofSeconds(180),
                () -> peer.endOfRibs.contains(Family.IPV4_UNICAST) || peer.readError != null || peer.eof,
                () -> "; prefixes " + peer.prefixesAnnounced.get() + ", downs " + events.downs);
        assertNull(peer.readError, () -> "the stream decodes: " + peer.readError);
        assertFalse(peer.eof, "the speaker kept the connection");
        assertEquals(TABLE, peer.prefixesAnnounced.get());
        assertEquals(TABLE, peer.receivedRoutes().size());
        assertEquals(tableBytes, events.updateBytesSent.get() - endOfRibBytes(), "every UPDATE encoded exactly once");
        assertEquals(State.ESTABLISHED, driver.state());
        assertTrue(events.downs.isEmpty(), () -> "the session survived: " + events.downs);
        assertTrue(driver.maxPendingOutputBytes() <= DRIVER_BOUND,
                () -> "pending output peak " + driver.maxPendingOutputBytes() + " within " + DRIVER_BOUND);
    }

    private static long endOfRibBytes() {
        return MessageEncoder.encodedLength(Update.endOfRib(Family.IPV4_UNICAST), ScriptedPeer.NEGOTIATED);
    }

    /**
     * While the peer stalls: only part of the table encoded, pending output near high water, never at
     * the cap. What was encoded is pending output plus what the kernel took: our send buffer (Linux
     * autotunes it up to {@code tcp_wmem} max, 4 MiB by default) and the peer's fixed 64 KiB receive
     * buffer - about 5 MB of the 17.8 MB table here, under the asserted half.
     */
    private static void assertBounded(PeerDriver driver, TrafficListener events) {
        long peak = driver.maxPendingOutputBytes();
        long max = ReactorConfig.defaults().maxPendingOutput();
        assertTrue(peak <= max, () -> "pending output peak " + peak + " under the hard cap " + max);
        assertTrue(peak <= DRIVER_BOUND, () -> "pending output peak " + peak + " within " + DRIVER_BOUND);
        long sent = events.updateBytesSent.get();
        LOG.info("stalled peer: pending output peak {} bytes (cap {}), {} of the table's {} bytes encoded",
                peak, max, sent, tableBytes);
        assertTrue(sent < tableBytes / 2,
                () -> "handed " + sent + " of the table's " + tableBytes + " bytes to the connection while the peer stalled");
        for (String down : events.downs) {
            assertFalse(down.contains("Overflow") || down.contains("overflow"), () -> "no output overflow: " + down);
        }
    }
}
