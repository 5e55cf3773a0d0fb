package dev.twinbgp.speaker.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.bgp.fsm.State;
import dev.twinbgp.bgp.rib.Path;
import dev.twinbgp.bgp.rib.Route;
import dev.twinbgp.bgp.wire.attribute.Attribute;
import dev.twinbgp.bgp.wire.ErrorCodes;
import dev.twinbgp.bgp.wire.Notification;
import dev.twinbgp.bgp.wire.family.Prefix;
import dev.twinbgp.reactor.ReactorConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two speakers on loopback, one per reactor of a pairing, peer with each other, exchange routes in
 * both directions (IPv4 and IPv6), stay up over several keepalive intervals at hold time 3 s, and
 * close with Cease. Each subclass names only the two reactors.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
abstract class AbstractSpeakerPairTest {
    static final String A = "127.0.0.2";
    static final String B = "127.0.0.3";

    abstract String reactorA();

    abstract String reactorB();

    private final List<BgpSpeaker> speakers = new ArrayList<>();

    @AfterEach
    void stop() {
        speakers.forEach(BgpSpeaker::close);
    }

    private BgpSpeaker start(String reactor, PeerSettings peer, RecordingListener listener) throws Exception {
        BgpSpeaker s = BgpSpeaker.start(reactor, ReactorConfig.defaults(), List.of(peer), listener);
        speakers.add(s);
        return s;
    }

    @Test
    void establishExchangeKeepUpAndCease() throws Exception {
        int port = Ports.freeOn(A, B);
        List<Route> fromA = new ArrayList<>(TestRoutes.ipv4(10, 300, 65001, A));
        fromA.addAll(TestRoutes.ipv6(1, 20, 65001, "2001:db8::a"));
        List<Route> fromB = new ArrayList<>(TestRoutes.ipv4(20, 200, 65002, B));
        fromB.addAll(TestRoutes.ipv6(2, 10, 65002, "2001:db8::b"));

        RecordingListener la = new RecordingListener();
        RecordingListener lb = new RecordingListener();
        // A connects (active only), B accepts (passive only): no collision in this test.
        BgpSpeaker b = start(reactorB(), TestRoutes.peer(A, port, B,
                TestRoutes.session(65002, 65001, B).active(false).passive(true).build(), fromB), lb);
        BgpSpeaker a = start(reactorA(), TestRoutes.peer(B, port, A,
                TestRoutes.session(65001, 65002, A).active(true).passive(false).build(), fromA), la);
        PeerDriver pa = a.peer(B);
        PeerDriver pb = b.peer(A);

        Await.until("both Established", () -> pa.state() == State.ESTABLISHED && pb.state() == State.ESTABLISHED);
        Await.until("B holds A's 320 routes", () -> size(pb) == 320);
        Await.until("A holds B's 210 routes", () -> size(pa) == 210);

        Path got = pb.query(() -> pb.adjRibIn().get(Prefix.parse("10.0.5.0/24"))).get();
        assertEquals(fromA.get(5).path().attributes(), got.attributes().without(Attribute.NEXT_HOP),
                "attributes arrive unchanged");
        assertEquals(new Attribute.NextHop(TestRoutes.address(A).hashCode()), got.attributes().get(Attribute.NextHop.class).orElseThrow());
        Path v6 = pa.query(() -> pa.adjRibIn().get(Prefix.parse("2001:db8:203::/48"))).get();
        assertEquals(fromB.get(203).path(), v6, "IPv6 route with its MP_REACH next hop");

        // Several keepalive intervals (hold 3 s -> keepalive 1 s): the session stays up both ways.
        int kaA = la.keepalivesReceived.get();
        int kaB = lb.keepalivesReceived.get();
        Await.until("keepalives flow both ways", () -> la.keepalivesReceived.get() >= kaA + 4 && lb.keepalivesReceived.get() >= kaB + 4);
        assertEquals(State.ESTABLISHED, pa.state());
        assertEquals(State.ESTABLISHED, pb.state());
        assertEquals(1, la.established.get());
        assertEquals(1, lb.established.get());
        assertTrue(la.downs.isEmpty() && lb.downs.isEmpty(), () -> "no session went down: " + la.downs + lb.downs);

        // A withdrawal propagates, and so does a new announcement.
        pa.withdraw(List.of(fromA.get(0).prefix(), fromA.get(1).prefix()));
        pa.announce(TestRoutes.ipv4(30, 5, 65001, A));
        Await.until("B sees the withdrawal and the new routes", () -> size(pb) == 323);
        assertEquals(null, pb.query(() -> pb.adjRibIn().get(fromA.get(0).prefix())).get());

        // A's shutdown reaches B as Cease / Administrative Shutdown; B drops A's routes.
        a.close();
        Await.until("B gets the Cease", () -> !lb.notificationsReceived.isEmpty());
        Notification n = lb.notificationsReceived.get(0);
        assertEquals(ErrorCodes.CEASE, n.code());
        assertEquals(ErrorCodes.CEASE_ADMIN_SHUTDOWN, n.subcode());
        Await.until("B's Adj-RIB-In is cleared", () -> size(pb) == 0);
    }

    @Test
    void bothActiveAndPassiveResolveTheCollision() throws Exception {
        int port = Ports.freeOn(A, B);
        RecordingListener la = new RecordingListener();
        RecordingListener lb = new RecordingListener();
        BgpSpeaker b = start(reactorB(), TestRoutes.peer(A, port, B, TestRoutes.session(65002, 65001, B).build(),
                TestRoutes.ipv4(20, 10, 65002, B)), lb);
        BgpSpeaker a = start(reactorA(), TestRoutes.peer(B, port, A, TestRoutes.session(65001, 65002, A).build(),
                TestRoutes.ipv4(10, 10, 65001, A)), la);
        PeerDriver pa = a.peer(B);
        PeerDriver pb = b.peer(A);
        Await.until("both Established", () -> pa.state() == State.ESTABLISHED && pb.state() == State.ESTABLISHED);
        Await.until("routes both ways", () -> size(pa) == 10 && size(pb) == 10);
    }

    static int size(PeerDriver p) {
        try {
            return p.query(() -> p.adjRibIn().size()).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
