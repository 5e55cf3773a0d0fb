package dev.twinbgp.speaker.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our speaker against GoBGP on loopback. GoBGP connects (to our listening port); we are passive
 * and never connect, so exactly one TCP connection forms. Checks, on the reactor the subclass
 * names: Established; our routes in GoBGP's Adj-RIB-In with their attributes; GoBGP's route in
 * ours; withdrawals both ways; our shutdown reaching GoBGP as Cease.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
abstract class AbstractGoBgpInteropTest {
    static final long OUR_AS = 65031;
    static final long THEIR_AS = 65032;

    /** Our loopback address (distinct per subclass). */
    abstract String ours();

    /** GoBGP's loopback address (distinct per subclass). */
    abstract String theirs();

    abstract String reactor();

    @TempDir
    java.nio.file.Path dir;

    private GoBgp gobgp;
    private BgpSpeaker speaker;

    @BeforeEach
    void needsGoBgp() {
        Interop.assumeDaemon("gobgpd", "gobgp");
    }

    @AfterEach
    void stop() {
        if (speaker != null) {
            speaker.close();
        }
        if (gobgp != null) {
            gobgp.close();
        }
    }

    @Test
    void establishExchangeWithdrawAndCease() throws Exception {
        int ourPort = Ports.freeOn(ours());
        int theirPort = Ports.freeOn(theirs());
        int apiPort = Ports.freeOn(theirs());
        while (apiPort == theirPort) {
            apiPort = Ports.freeOn(theirs());
        }
        List<Route> announced = Interop.routes(10, 31, 5, OUR_AS);
        PeerSettings settings = new PeerSettings(Interop.address(theirs()), theirPort, Interop.address(ours()), ourPort,
                Interop.session(OUR_AS, THEIR_AS, ours()).active(false).passive(true).build(), true, false, announced);
        speaker = BgpSpeaker.start(reactor(), ReactorConfig.defaults(), List.of(settings), SessionListener.NONE);
        PeerDriver peer = speaker.peer(theirs());

        gobgp = new GoBgp(dir.resolve("gobgp"), theirs(), theirPort, apiPort, THEIR_AS, ours(), ourPort, OUR_AS, 9, false);
        gobgp.start();
        gobgp.await("Established", Interop.LONG, () -> gobgp.sessionState() == GoBgp.ESTABLISHED);
        Interop.until("our side Established", () -> peer.state() == State.ESTABLISHED, gobgp::log);

        // Ours -> GoBGP, attributes intact.
        gobgp.await("our 5 routes in its Adj-RIB-In", Interop.LONG, () -> gobgp.adjInPaths("ipv4").size() == 5);
        JsonNode attrs = gobgp.adjInPaths("ipv4").get("10.31.2.0/24").path("attrs");
        assertEquals(0, GoBgp.attribute(attrs, 1).path("value").asInt(), () -> "ORIGIN IGP in " + attrs);
        assertEquals(List.of(OUR_AS), GoBgp.asPath(attrs), () -> "AS_PATH in " + attrs);
        assertEquals(Interop.OUR_NEXT_HOP, GoBgp.attribute(attrs, 3).path("nexthop").asText(), () -> "NEXT_HOP in " + attrs);
        assertEquals(Interop.OUR_MED, GoBgp.attribute(attrs, 4).path("metric").asLong(), () -> "MED in " + attrs);
        assertEquals(OUR_AS << 16 | Interop.OUR_COMMUNITY,
                GoBgp.attribute(attrs, 8).path("communities").path(0).asLong(), () -> "COMMUNITIES in " + attrs);

        // GoBGP -> ours.
        Prefix theirPrefix = Prefix.parse("10.32.7.0/24");
        gobgp.addRoute("ipv4", "10.32.7.0/24", "origin", "igp", "med", "44", "community", THEIR_AS + ":5");
        Interop.until("GoBGP's route in our Adj-RIB-In",
                () -> Interop.query(peer, () -> peer.adjRibIn().get(theirPrefix)) != null, gobgp::log);
        Path got = Interop.query(peer, () -> peer.adjRibIn().get(theirPrefix));
        assertEquals(new Attribute.MultiExitDisc(44), got.attributes().med().orElseThrow());
        assertEquals(Attribute.AsPath.sequence(THEIR_AS), got.attributes().asPath().orElseThrow());
        assertEquals(Attribute.NextHop.of(theirs()), got.attributes().nextHop().orElseThrow(), "eBGP: next hop self");
        assertEquals(new Attribute.Communities(List.of(THEIR_AS << 16 | 5)),
                got.attributes().get(Attribute.Communities.class).orElseThrow());

        // Withdrawals both ways.
        peer.withdraw(List.of(announced.get(0).prefix(), announced.get(1).prefix()));
        gobgp.await("our withdrawal", Interop.LONG, () -> gobgp.adjInPaths("ipv4").size() == 3
                && !gobgp.adjInPaths("ipv4").has("10.31.0.0/24"));
        gobgp.deleteRoute("ipv4", "10.32.7.0/24");
        Interop.until("GoBGP's withdrawal", () -> Interop.query(peer, () -> peer.adjRibIn().size()) == 0, gobgp::log);
        assertNull(Interop.query(peer, () -> peer.adjRibIn().get(theirPrefix)));

        // Our shutdown reaches GoBGP as Cease / Administrative Shutdown (RFC 4486 subcode 2).
        speaker.close();
        gobgp.await("GoBGP logs our Cease", Interop.LONG, () -> gobgp.receivedCease());
        assertTrue(gobgp.sessionState() != GoBgp.ESTABLISHED);
    }
}
