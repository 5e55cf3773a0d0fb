package dev.twinbgp.speaker.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.bgp.fsm.State;
import dev.twinbgp.bgp.rib.Path;
import dev.twinbgp.bgp.rib.Route;
import dev.twinbgp.bgp.wire.attribute.Attribute;
import dev.twinbgp.bgp.wire.family.Prefix;
import dev.twinbgp.reactor.ReactorConfig;
import dev.twinbgp.speaker.session.BgpSpeaker;
import dev.twinbgp.speaker.session.PeerDriver;
import dev.twinbgp.speaker.session.PeerSettings;
import dev.twinbgp.speaker.session.Ports;
import dev.twinbgp.speaker.session.SessionListener;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our speaker against BIRD 2 on loopback. We connect (active only); BIRD is {@code passive}, so
 * exactly one TCP connection forms. Checks, on the reactor the subclass names: Established; our
 * routes in BIRD's table with their attributes; BIRD's routes in our Adj-RIB-In; withdrawals both
 * ways; our shutdown reaching BIRD as Cease ("Received: Administrative shutdown" in its log).
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
abstract class AbstractBirdInteropTest {
    static final long OUR_AS = 65041;
    static final long THEIR_AS = 65042;

    /** Our loopback address (distinct per subclass). */
    abstract String ours();

    /** BIRD's loopback address (distinct per subclass). */
    abstract String theirs();

    abstract String reactor();

    @TempDir
    java.nio.file.Path dir;

    private Bird bird;
    private BgpSpeaker speaker;

    @BeforeEach
    void needsBird() {
        Interop.assumeDaemon("bird", "birdc");
    }

    @AfterEach
    void stop() {
        if (speaker != null) {
            speaker.close();
        }
        if (bird != null) {
            bird.close();
        }
    }

    @Test
    void establishExchangeWithdrawAndCease() throws Exception {
        int theirPort = Ports.freeOn(theirs());
        int unusedPort = Ports.freeOn(ours()); // BIRD's connect target: never used, BIRD is passive
        bird = new Bird(dir.resolve("bird"), theirs(), theirPort, THEIR_AS, ours(), unusedPort, OUR_AS, 9, true);
        bird.start();
        bird.await("BIRD up", Interop.LONG, () -> bird.birdc("show", "protocols").contains("peer"));
        bird.announce(List.of("10.42.1.0/24", "10.42.2.0/24"));

        List<Route> announced = Interop.routes(10, 41, 5, OUR_AS);
        PeerSettings settings = new PeerSettings(Interop.address(theirs()), theirPort, Interop.address(ours()), 0,
                Interop.session(OUR_AS, THEIR_AS, ours()).active(true).passive(false).build(), true, false, announced);
        speaker = BgpSpeaker.start(reactor(), ReactorConfig.defaults(), List.of(settings), SessionListener.NONE);
        PeerDriver peer = speaker.peer(theirs());

        bird.await("Established", Interop.LONG, bird::established);
        Interop.until("our side Established", () -> peer.state() == State.ESTABLISHED, bird::log);

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
        Interop.until("BIRD's 2 routes in our Adj-RIB-In", () -> Interop.query(peer, () -> peer.adjRibIn().size()) == 2,
                bird::log);
        Path got = Interop.query(peer, () -> peer.adjRibIn().get(second));
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
        Interop.until("BIRD's withdrawal", () -> Interop.query(peer, () -> peer.adjRibIn().get(first)) == null, bird::log);
        assertEquals(1, Interop.query(peer, () -> peer.adjRibIn().size()));

        // Our shutdown reaches BIRD as Cease / Administrative Shutdown.
        speaker.close();
        bird.await("BIRD logs our Cease", Interop.LONG, () -> bird.log().contains("Received: Administrative shutdown"));
        assertFalse(bird.established());
    }
}
