package dev.twinbgp.speaker.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.twinbgp.bgp.rib.Path;
import dev.twinbgp.bgp.rib.Route;
import dev.twinbgp.bgp.wire.attribute.Attribute;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.family.Prefix;
import dev.twinbgp.speaker.session.PeerDriver;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Our speaker against GoBGP on loopback ({@link GoBgpPeering}: GoBGP connects, we are passive). Checks, on
 * every reactor: Established; our routes in GoBGP's Adj-RIB-In with their attributes; GoBGP's route in
 * ours; withdrawals both ways; our shutdown reaching GoBGP as Cease.
 */
class GoBgpInteropTest extends AbstractInteropTest {
    static final long OUR_AS = 65031;
    static final long THEIR_AS = 65032;

    GoBgpInteropTest() {
        super("127.0.0.33", "127.0.0.34");
    }

    @Test
    void establishExchangeWithdrawAndCease() throws Exception {
        List<Route> announced = Interop.routes(10, 31, 5, OUR_AS);
        GoBgpPeering p = gobgp(OUR_AS, THEIR_AS);
        p.start(List.of(Family.IPV4_UNICAST), announced);
        GoBgp gobgp = p.daemon();
        PeerDriver peer = p.peer();

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
                () -> p.ours().query(() -> peer.adjRibIn().get(theirPrefix)) != null, gobgp::log);
        Path got = p.ours().query(() -> peer.adjRibIn().get(theirPrefix));
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
        Interop.until("GoBGP's withdrawal", () -> p.ours().query(() -> peer.adjRibIn().size()) == 0, gobgp::log);
        assertNull(p.ours().query(() -> peer.adjRibIn().get(theirPrefix)));

        // Our shutdown reaches GoBGP as Cease / Administrative Shutdown (RFC 4486 subcode 2).
        p.ours().close();
        gobgp.await("GoBGP logs our Cease", Interop.LONG, () -> gobgp.receivedCease());
        assertTrue(gobgp.sessionState() != GoBgp.ESTABLISHED);
    }
}
