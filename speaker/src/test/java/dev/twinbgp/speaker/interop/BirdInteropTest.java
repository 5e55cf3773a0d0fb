package dev.twinbgp.speaker.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.bgp.rib.Path;
import dev.twinbgp.bgp.rib.Route;
import dev.twinbgp.bgp.wire.attribute.Attribute;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.family.Prefix;
import dev.twinbgp.speaker.session.PeerDriver;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Our speaker against BIRD 2 on loopback. We connect (active only); BIRD is {@code passive}, so
 * exactly one TCP connection forms. Checks, on every reactor: Established; our
 * routes in BIRD's table with their attributes; BIRD's routes in our Adj-RIB-In; withdrawals both
 * ways; our shutdown reaching BIRD as Cease ("Received: Administrative shutdown" in its log).
 */
class BirdInteropTest extends AbstractInteropTest {
    static final long OUR_AS = 65041;
    static final long THEIR_AS = 65042;

    BirdInteropTest() {
        super("127.0.0.43", "127.0.0.44");
    }

    @Test
    void establishExchangeWithdrawAndCease() throws Exception {
        List<Route> announced = Interop.routes(10, 41, 5, OUR_AS);
        BirdPeering p = bird(OUR_AS, THEIR_AS);
        Bird bird = p.daemon().withRoutes(List.of("10.42.1.0/24", "10.42.2.0/24"));
        p.start(List.of(Family.IPV4_UNICAST), announced);
        PeerDriver peer = p.peer();

        // Ours -> BIRD, attributes intact (listed as "unreachable": see Bird).
        bird.await("our 5 routes in its table", Interop.LONG, () -> bird.receivedRouteBlocks().size() == 5);
        String route = bird.receivedRouteBlocks().get("10.41.2.0/24");
        assertTrue(route != null, () -> "10.41.2.0/24 in " + bird.receivedRoutes());
        for (String expected : List.of("BGP.origin: IGP", "BGP.as_path: " + OUR_AS, "BGP.next_hop: " + Interop.OUR_NEXT_HOP,
                "BGP.med: " + Interop.OUR_MED, "BGP.community: (" + OUR_AS + "," + Interop.OUR_COMMUNITY + ")")) {
            assertTrue(route.lines().anyMatch(expected::equals), () -> "'" + expected + "' in\n" + route);
        }

        // BIRD -> ours (MED and community set by its export filter, next hop self).
        Prefix first = Prefix.parse("10.42.1.0/24");
        Prefix second = Prefix.parse("10.42.2.0/24");
        Interop.until("BIRD's 2 routes in our Adj-RIB-In", () -> p.ours().query(() -> peer.adjRibIn().size()) == 2,
                bird::log);
        Path got = p.ours().query(() -> peer.adjRibIn().get(second));
        assertEquals(new Attribute.MultiExitDisc(Bird.MED), got.attributes().med().orElseThrow());
        assertEquals(Attribute.AsPath.sequence(THEIR_AS), got.attributes().asPath().orElseThrow());
        assertEquals(Attribute.NextHop.of(theirs()), got.attributes().nextHop().orElseThrow());
        assertEquals(new Attribute.Communities(List.of(THEIR_AS << 16 | Bird.COMMUNITY)),
                got.attributes().get(Attribute.Communities.class).orElseThrow());

        // Withdrawals both ways.
        peer.withdraw(List.of(announced.get(0).prefix(), announced.get(1).prefix()));
        bird.await("our withdrawal", Interop.LONG, () -> {
            Map<String, String> routes = bird.receivedRouteBlocks();
            return routes.size() == 3 && !routes.containsKey("10.41.0.0/24");
        });
        bird.announce(List.of("10.42.2.0/24"));
        Interop.until("BIRD's withdrawal", () -> p.ours().query(() -> peer.adjRibIn().get(first)) == null, bird::log);
        assertEquals(1, p.ours().query(() -> peer.adjRibIn().size()));

        // Our shutdown reaches BIRD as Cease / Administrative Shutdown.
        p.ours().close();
        bird.await("BIRD logs our Cease", Interop.LONG, () -> bird.log().contains("Received: Administrative shutdown"));
        assertFalse(bird.established());
    }
}
