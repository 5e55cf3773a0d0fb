package dev.twinbgp.speaker.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.bgp.rib.AdjRibOut;
import dev.twinbgp.bgp.rib.Path;
import dev.twinbgp.bgp.rib.Route;
import dev.twinbgp.bgp.wire.MessageEncoder;
import dev.twinbgp.bgp.wire.attribute.Attribute;
import dev.twinbgp.bgp.wire.attribute.Attributes;
import dev.twinbgp.bgp.wire.family.Prefix;
import dev.twinbgp.reactor.ReactorConfig;
import dev.twinbgp.speaker.events.EventWriter;
import dev.twinbgp.speaker.events.JsonEventListener;
import dev.twinbgp.speaker.json.ExaJson;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Receive back-pressure, end to end on loopback: a peer floods us with 30,000 UPDATEs (one prefix each, one
 * JSON event each) while the reader of our JSON events is slow - blocked at first for longer than our hold
 * time, then reading slowly. What must hold:
 * <ul>
 *   <li>the event queue never holds more than its high-water mark (plus the line that crossed it): the
 *       speaker stops reading the peer instead of queueing, so memory stays bounded;</li>
 *   <li>nothing is dropped: every UPDATE becomes an event line, every route reaches the Adj-RIB-In;</li>
 *   <li>the session survives a pause longer than our hold time (the peer's messages wait unread in our
 *       socket, so our hold timer is suspended meanwhile), and our KEEPALIVEs reach the peer throughout;</li>
 *   <li>what is held while paused is at most one read chunk of frames.</li>
 * </ul>
 * No assertion on time: the bound is a queue size.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
abstract class AbstractReceivePressureTest {
    static final String SPEAKER = "127.0.0.8";
    static final String PEER = "127.0.0.9";
    static final int UPDATES = 30_000;
    static final int QUEUE = 1024;
    static final int HOLD_TIME = 3;

    abstract String reactor();

    private BgpSpeaker speaker;
    private ScriptedPeer peer;
    private EventWriter writer;

    @AfterEach
    void stop() {
        if (peer != null) {
            peer.close();
        }
        if (speaker != null) {
            speaker.close();
        }
        if (writer != null) {
            writer.close();
        }
    }

    /** A reader of the events that is closed until {@link #open} and then takes about 1 ms per 4 KiB. */
    static final class SlowReader extends OutputStream {
        final CountDownLatch gate = new CountDownLatch(1);
        final AtomicLong lines = new AtomicLong();

        void open() {
            gate.countDown();
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                gate.await();
                Thread.sleep(1 + len / 4096);
            } catch (InterruptedException e) {
                throw new InterruptedIOException();
            }
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    lines.incrementAndGet();
                }
            }
        }
    }

    @Test
    void aSlowEventReaderHoldsThePeerBackWithoutDroppingOrLosingTheSession() throws Exception {
        SlowReader reader = new SlowReader();
        // The stall time is long here: this reader is blocked on purpose for longer than the hold time.
        writer = new EventWriter(reader, false, QUEUE, TimeUnit.SECONDS.toNanos(120), System::nanoTime);
        JsonEventListener events = new JsonEventListener(ExaJson.system(), writer);
        TrafficListener traffic = new TrafficListener();
        SessionListener both = new SessionListener() {
            @Override
            public void established(PeerDriver p, dev.twinbgp.bgp.fsm.Session s) {
                traffic.established(p, s);
                events.established(p, s);
            }

            @Override
            public void down(PeerDriver p, String reason, dev.twinbgp.bgp.wire.Notification n, boolean was) {
                traffic.down(p, reason, n, was);
                events.down(p, reason, n, was);
            }

            @Override
            public void received(PeerDriver p, dev.twinbgp.bgp.wire.BgpMessage m) {
                events.received(p, m);
            }

            @Override
            public Backlog congestion(PeerDriver p) {
                return events.congestion(p);
            }
        };
        int port = Ports.freeOn(SPEAKER);
        PeerSettings settings = new PeerSettings(TestRoutes.address(PEER), port, TestRoutes.address(SPEAKER), port,
                TestRoutes.session(65001, 65002, SPEAKER).holdTime(HOLD_TIME).active(false).passive(true).build(),
                false, false, List.of());
        speaker = BgpSpeaker.start(reactor(), ReactorConfig.defaults(), List.of(settings), both);
        PeerDriver driver = speaker.peer(PEER);

        peer = ScriptedPeer.connect(PEER, SPEAKER, port, 0);
        peer.handshake(65002, HOLD_TIME, PEER);
        peer.startReading(); // our KEEPALIVEs are counted by the peer's reader
        List<byte[]> flood = flood();
        Thread sender = new Thread(() -> {
            try {
                peer.sendCoalesced(flood); // blocks while the speaker does not read
            } catch (IOException e) {
                // the session ended: the assertions below say why
            }
        }, "flood");
        sender.setDaemon(true);
        sender.start();

        Await.until("the speaker stops reading the peer", Duration.ofSeconds(120), () -> driver.receivePauses() > 0,
                () -> "; queue " + writer.backlog().lines());
        long keepalivesBefore = keepalivesRead();
        // Blocked for longer than the hold time: the session must survive it, and our KEEPALIVEs go on.
        Await.until("two of our KEEPALIVEs reach the peer while it is held back", Duration.ofSeconds(120),
                () -> keepalivesRead() >= keepalivesBefore + 2, () -> "");
        Thread.sleep(TimeUnit.SECONDS.toMillis(HOLD_TIME) + 500);
        assertTrue(traffic.downs.isEmpty(), () -> "no session end while paused: " + traffic.downs);
        reader.open();

        Await.until("every route reaches the Adj-RIB-In", Duration.ofSeconds(240),
                () -> ribInSize(driver) == UPDATES, () -> "; downs " + traffic.downs);
        Await.until("every UPDATE is an event line", Duration.ofSeconds(240),
                () -> writer.written() >= UPDATES + 2, () -> "; written " + writer.written());
        assertEquals(0, writer.dropped(), "no event dropped");
        assertTrue(traffic.downs.isEmpty(), () -> "no session end: " + traffic.downs);
        assertEquals(1, traffic.established.get());
        Backlog backlog = writer.backlog();
        assertTrue(backlog.maxLines() <= backlog.highLines() + 1,
                () -> "event queue peak " + backlog.maxLines() + " within its high-water mark " + backlog.highLines());
        int chunkFrames = ReactorConfig.DEFAULT_READ_BUDGET / 23 + 1; // the shortest UPDATE is 23 octets
        assertTrue(driver.maxHeldFrames() <= chunkFrames,
                () -> "frames held while paused " + driver.maxHeldFrames() + " within one read chunk (" + chunkFrames + ")");
    }

    private long keepalivesRead() {
        return peer.keepalivesRead.get();
    }

    private static int ribInSize(PeerDriver driver) {
        try {
            return driver.query(() -> driver.adjRibIn().size()).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the Adj-RIB-In query failed", e);
        }
    }

    /** One prefix per UPDATE: an event line each. */
    private static List<byte[]> flood() {
        Path path = new Path(Attributes.of(new Attribute.Origin(Attribute.Origin.IGP), Attribute.AsPath.sequence(65002L),
                Attribute.NextHop.of(PEER)));
        List<Route> routes = new ArrayList<>(UPDATES);
        for (int i = 0; i < UPDATES; i++) {
            routes.add(new Route(Prefix.ipv4(20 << 24 | i << 8, 24), path));
        }
        List<byte[]> out = new ArrayList<>(UPDATES);
        AdjRibOut.announce(routes, ScriptedPeer.NEGOTIATED, false)
                .forEach(u -> out.add(MessageEncoder.encode(u, ScriptedPeer.NEGOTIATED)));
        return out;
    }
}
