package dev.twinbgp.speaker.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.bgp.fsm.Session;
import dev.twinbgp.bgp.rib.AdjRibOut;
import dev.twinbgp.bgp.rib.Path;
import dev.twinbgp.bgp.rib.Route;
import dev.twinbgp.bgp.wire.BgpMessage;
import dev.twinbgp.bgp.wire.ErrorCodes;
import dev.twinbgp.bgp.wire.Keepalive;
import dev.twinbgp.bgp.wire.MessageEncoder;
import dev.twinbgp.bgp.wire.Notification;
import dev.twinbgp.bgp.wire.Update;
import dev.twinbgp.bgp.wire.attribute.Attribute;
import dev.twinbgp.bgp.wire.attribute.Attributes;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.family.Prefix;
import dev.twinbgp.reactor.ReactorConfig;
import dev.twinbgp.speaker.events.EventWriter;
import dev.twinbgp.speaker.events.JsonEventListener;
import dev.twinbgp.speaker.json.ExaJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A peer that ends the session while we are still working through its table: it sends the table, End-of-RIB and
 * NOTIFICATION Cease, then resets the connection (SO_LINGER 0; a peer closing with our bytes unread does the same,
 * as FRR does). We are not reading then - our event reader is blocked, so receive back-pressure has paused the
 * connection - and our next KEEPALIVE fails with ECONNRESET. The kernel still holds what the peer sent before its
 * RST, so the session must end on the peer's NOTIFICATION, after every UPDATE, not on "connection reset".
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
abstract class AbstractResetAfterNotificationTest {
    static final String SPEAKER = "127.0.0.8";
    static final String PEER = "127.0.0.10";
    /**
     * About 100 KB: more than one read chunk, and all of it fits in our socket while we do not read (the
     * virtual reactor left 13 KB of 150 KB in the peer's send queue).
     */
    static final int UPDATES = 2_000;
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

    @Test
    void aResetAfterTheNotificationStillEndsTheSessionWithIt() throws Exception {
        AbstractReceivePressureTest.SlowReader reader = new AbstractReceivePressureTest.SlowReader();
        writer = new EventWriter(reader, false, QUEUE, TimeUnit.SECONDS.toNanos(120), System::nanoTime);
        JsonEventListener events = new JsonEventListener(ExaJson.system(), writer);
        TrafficListener traffic = new TrafficListener();
        AtomicLong updatesReceived = new AtomicLong();
        AtomicLong keepalivesSent = new AtomicLong();
        SessionListener both = new SessionListener() {
            @Override
            public void established(PeerDriver p, Session s) {
                traffic.established(p, s);
                events.established(p, s);
            }

            @Override
            public void down(PeerDriver p, String reason, Notification n, boolean was) {
                traffic.down(p, reason, n, was);
                events.down(p, reason, n, was);
            }

            @Override
            public void received(PeerDriver p, BgpMessage m) {
                traffic.received(p, m);
                events.received(p, m);
                if (m instanceof Update u && !u.isEndOfRib()) {
                    updatesReceived.incrementAndGet();
                }
            }

            @Override
            public void sent(PeerDriver p, BgpMessage m) {
                if (m instanceof Keepalive) {
                    keepalivesSent.incrementAndGet();
                }
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
        List<byte[]> table = table();
        table.add(ScriptedPeer.encode(Update.endOfRib(Family.IPV4_UNICAST)));
        table.add(ScriptedPeer.encode(Notification.shutdown(ErrorCodes.CEASE_ADMIN_SHUTDOWN, "maintenance")));
        peer.sendCoalesced(table); // the peer never reads: our KEEPALIVEs wait unread on its side

        Await.until("the speaker stops reading the peer", Duration.ofSeconds(120), () -> driver.receivePauses() > 0,
                () -> "; queue " + writer.backlog().lines());
        // Everything must be in our socket before the RST, which drops what is still in the peer's send queue.
        Await.until("the speaker's kernel has every byte of the table", Duration.ofSeconds(60),
                () -> unacknowledged() <= 0, () -> "; " + unacknowledged() + " bytes unacknowledged");
        assertTrue(traffic.downs.isEmpty(), () -> "no session end yet: " + traffic.downs);
        peer.reset();
        // Our KEEPALIVEs go on while reading is paused; the first written after the RST fails (ECONNRESET).
        // (Closing at that failure ended the session here, on "connection error: Connection reset by peer".)
        long before = keepalivesSent.get();
        Await.until("two of our KEEPALIVEs after the reset", Duration.ofSeconds(60),
                () -> keepalivesSent.get() >= before + 2 || !traffic.downs.isEmpty(), () -> "");
        reader.open();

        Await.until("the session ends", Duration.ofSeconds(120), () -> !traffic.downs.isEmpty(), () -> "");
        assertEquals(1, traffic.downs.size(), traffic.downs::toString);
        assertTrue(traffic.downs.get(0).startsWith("peer sent NOTIFICATION 6/2"),
                () -> "ended on the peer's NOTIFICATION, not on the reset: " + traffic.downs);
        assertEquals(1, traffic.downNotifications.size());
        assertEquals(UPDATES, updatesReceived.get(), "every UPDATE before it");
        assertEquals(1, traffic.endOfRibsReceived.get(), "the End-of-RIB before it");
        assertEquals(1, traffic.established.get());
    }

    private long unacknowledged() {
        try {
            return peer.unacknowledged();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** One prefix per UPDATE: an event line each, so a blocked event reader soon pauses the connection. */
    private static List<byte[]> table() {
        Path path = new Path(Attributes.of(new Attribute.Origin(Attribute.Origin.IGP), Attribute.AsPath.sequence(65002L),
                Attribute.NextHop.of(PEER)));
        List<Route> routes = new ArrayList<>(UPDATES);
        for (int i = 0; i < UPDATES; i++) {
            routes.add(new Route(Prefix.ipv4(30 << 24 | i << 8, 24), path));
        }
        List<byte[]> out = new ArrayList<>(UPDATES + 2);
        AdjRibOut.announce(routes, ScriptedPeer.NEGOTIATED, false)
                .forEach(u -> out.add(MessageEncoder.encode(u, ScriptedPeer.NEGOTIATED)));
        return out;
    }
}
