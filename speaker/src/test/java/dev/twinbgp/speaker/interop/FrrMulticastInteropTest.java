package dev.twinbgp.speaker.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.twinbgp.bgp.rib.Path;
import dev.twinbgp.bgp.wire.attribute.Attribute;
import dev.twinbgp.bgp.wire.family.Prefix;
import dev.twinbgp.speaker.api.MappingRouteConverter;
import dev.twinbgp.speaker.config.RouteParser;
import dev.twinbgp.speaker.session.PeerDriver;
import org.junit.jupiter.api.Test;

/**
 * SAFI 2 multicast (RFC 4760) with FRR on loopback ({@code address-family ipv4 multicast}, {@code ipv6 multicast}):
 * FRR files our multicast routes in its multicast tables, apart from our unicast route of the same prefix
 * ({@code show bgp ipv4 multicast json} against {@code show bgp ipv4 unicast json}); we receive the multicast and
 * unicast networks FRR originates for one prefix as two routes and report the multicast ones under
 * {@code "ipv4 multicast"} / {@code "ipv6 multicast"} in ExaBGP's JSON; a multicast withdrawal, ours or FRR's, leaves the unicast route alone.
 * FRR is passive; we connect.
 */
class FrrMulticastInteropTest extends AbstractInteropTest {
    static final long OUR_AS = 65081;
    static final long THEIR_AS = 65082;

    FrrMulticastInteropTest() {
        super("127.0.81.1", "127.0.81.2");
    }

    /** The routes of {@code show bgp <afi> <safi> json}: prefix -> its paths. */
    private static JsonNode table(Frr frr, String family) {
        return frr.json("show bgp " + family + " json").path("routes");
    }

    /** The first next hop of the first path of {@code prefix} in FRR's {@code family} table, "" if none. */
    private static String nextHop(Frr frr, String family, String prefix) {
        return table(frr, family).path(prefix).path(0).path("nexthops").path(0).path("ip").asText("");
    }

    @Test
    void multicastRoutesBothWaysApartFromUnicast() throws Exception {
        FrrPeering p = frr(OUR_AS, THEIR_AS);
        Frr frr = p.daemon().withFamilies("ipv4 unicast", "ipv4 multicast", "ipv6 multicast")
                .withFamilyLines("ipv4 unicast", "network 10.88.0.0/24")
                .withFamilyLines("ipv4 multicast", "network 10.88.0.0/24", "network 10.89.0.0/24")
                .withFamilyLines("ipv6 multicast", "network 2001:db8:88::/48");
        p.start("""
                family { ipv4 unicast; ipv4 multicast; ipv6 multicast; }
                announce {
                    ipv4 { multicast 10.3.0.0/24 next-hop 192.0.2.81 community [ 65081:2 ];
                           unicast 10.3.0.0/24 next-hop 192.0.2.82; multicast 10.4.0.0/24 next-hop 192.0.2.81; }
                    ipv6 { multicast 2001:db8:3::/48 next-hop 2001:db8::81; }
                }
                """);
        PeerDriver peer = p.peer();

        // Ours -> FRR: the multicast routes in its multicast tables, the unicast one apart (its own next hop).
        frr.await("our IPv4 multicast routes in 'show bgp ipv4 multicast'", Interop.LONG, () -> {
            JsonNode t = table(frr, "ipv4 multicast");
            return t.has("10.3.0.0/24") && t.has("10.4.0.0/24");
        });
        assertEquals("192.0.2.81", nextHop(frr, "ipv4 multicast", "10.3.0.0/24"), () -> frr.vtysh("show bgp ipv4 multicast json"));
        String shown = frr.vtysh("show bgp ipv4 multicast 10.3.0.0/24");
        assertTrue(shown.contains("Community: 65081:2"), shown);
        frr.await("our unicast route of the same prefix in 'show bgp ipv4 unicast'", Interop.LONG,
                () -> table(frr, "ipv4 unicast").has("10.3.0.0/24"));
        assertEquals("192.0.2.82", nextHop(frr, "ipv4 unicast", "10.3.0.0/24"), () -> frr.vtysh("show bgp ipv4 unicast json"));
        assertTrue(!table(frr, "ipv4 unicast").has("10.4.0.0/24"), () -> frr.vtysh("show bgp ipv4 unicast json"));
        frr.await("our IPv6 multicast route in 'show bgp ipv6 multicast'", Interop.LONG,
                () -> table(frr, "ipv6 multicast").has("2001:db8:3::/48"));

        // FRR -> ours: its multicast and unicast networks of one prefix are two routes, the multicast one in JSON.
        Prefix both = Prefix.parse("10.88.0.0/24");
        // (FRR also sends our own routes back to us, AS_PATH 65082 65081: loop detection is the receiver's business)
        Prefix only = Prefix.parse("10.89.0.0/24");
        Interop.until("FRR's multicast and unicast routes in our Adj-RIB-In", () -> p.ours().query(() ->
                peer.adjRibIn().get(both.multicast()) != null && peer.adjRibIn().get(both) != null
                        && peer.adjRibIn().get(only.multicast()) != null), () -> p.ours().query(() -> peer.adjRibIn().routes())
                + "\n" + frr.log());
        assertEquals(null, p.ours().query(() -> peer.adjRibIn().get(only)), "10.89.0.0/24 is multicast only");
        Prefix v6 = Prefix.parse("2001:db8:88::/48");
        Interop.until("FRR's IPv6 multicast route in our Adj-RIB-In",
                () -> p.ours().query(() -> peer.adjRibIn().get(v6.multicast())) != null, frr::log);
        assertEquals(null, p.ours().query(() -> peer.adjRibIn().get(v6)), "2001:db8:88::/48 is multicast only");
        Path multicast = p.ours().query(() -> peer.adjRibIn().get(both.multicast()));
        Path unicast = p.ours().query(() -> peer.adjRibIn().get(both));
        assertTrue(multicast != null && unicast != null && multicast != unicast, "each its own path");
        assertEquals(Attribute.AsPath.sequence(THEIR_AS), multicast.attributes().asPath().orElseThrow());
        p.ours().awaitJson("FRR's routes under ipv4 multicast in our JSON", all -> all.lines().anyMatch(l ->
                l.contains("\"announce\":{\"ipv4multicast\":{") && l.contains("\"nlri\":\"10.88.0.0/24\"")), frr);
        p.ours().awaitJson("FRR's route under ipv6 multicast in our JSON", all -> all.lines().anyMatch(l ->
                l.contains("\"announce\":{\"ipv6multicast\":{") && l.contains("\"nlri\":\"2001:db8:88::/48\"")), frr);

        // Withdrawals both ways: multicast only, the unicast route of the prefix stays.
        peer.withdraw(MappingRouteConverter.INSTANCE.toPrefixes(RouteParser.parseWithdrawal("ipv4 multicast 10.3.0.0/24")));
        frr.await("our multicast withdrawal", Interop.LONG, () -> !table(frr, "ipv4 multicast").has("10.3.0.0/24"));
        assertTrue(table(frr, "ipv4 unicast").has("10.3.0.0/24"), () -> frr.vtysh("show bgp ipv4 unicast json"));
        assertTrue(table(frr, "ipv4 multicast").has("10.4.0.0/24"), () -> frr.vtysh("show bgp ipv4 multicast json"));
        frr.configureFamily("ipv4 multicast", "no network 10.88.0.0/24");
        p.ours().awaitJson("FRR's multicast withdrawal in our JSON", all -> all.lines().anyMatch(l ->
                l.contains("\"withdraw\":{\"ipv4multicast\":") && l.contains("10.88.0.0/24")), frr);
        Interop.until("FRR's multicast route gone from our Adj-RIB-In",
                () -> p.ours().query(() -> peer.adjRibIn().get(both.multicast())) == null, frr::log);
        assertTrue(p.ours().query(() -> peer.adjRibIn().get(both)) != null, "the unicast route stays");
        assertTrue(p.ours().query(() -> peer.adjRibIn().get(only.multicast())) != null, "FRR's other multicast route stays");
    }
}
