package dev.twinbgp.speaker.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.twinbgp.bgp.rib.Path;
import dev.twinbgp.bgp.rib.Route;
import dev.twinbgp.bgp.wire.Bytes;
import dev.twinbgp.bgp.wire.attribute.Attribute;
import dev.twinbgp.bgp.wire.attribute.Attributes;
import dev.twinbgp.bgp.wire.attribute.PrefixSidTlv;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.family.Prefix;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * BGP Prefix-SID (RFC 8669, RFC 9252) and AIGP (RFC 7311) with GoBGP on loopback, over an internal session (where
 * AIGP_SESSION is on, RFC 7311 section 3.3): GoBGP receives our route with both attributes and shows them in its
 * RIB ({@code gobgp global rib -a ipv4 -j}: type 26 with the metric, type 40 with the SRv6 L3 service's SID, endpoint
 * behavior and SID structure - the label index and SRGB TLVs travel in the same attribute, GoBGP's API does not show
 * them); and we report the AIGP metric of a route GoBGP announces ({@code aigp metric 200}) in
 * ExaBGP's JSON. GoBGP connects; we are passive.
 */
class GoBgpPrefixSidInteropTest extends AbstractInteropTest {
    static final long AS = 65040;

    GoBgpPrefixSidInteropTest() {
        super("127.0.40.1", "127.0.40.2");
    }

    @Test
    void prefixSidAndAigpBothWays() throws Exception {
        Attribute.PrefixSid sid = new Attribute.PrefixSid(List.of(new PrefixSidTlv.LabelIndex(0, 777),
                new PrefixSidTlv.OriginatorSrgb(0, List.of(new PrefixSidTlv.SrgbRange(800000, 4096))),
                new PrefixSidTlv.Srv6Service(PrefixSidTlv.SRV6_L3_SERVICE, List.of(new PrefixSidTlv.SidInformation(
                        Bytes.parseIpv6("2001:db8:40::"), 0, 0x13, List.of(new PrefixSidTlv.SidStructure(40, 24, 16, 0, 0, 0)))))));
        Attributes attrs = Attributes.of(new Attribute.Origin(Attribute.Origin.IGP), Attribute.AsPath.EMPTY,
                Attribute.NextHop.of("192.0.2.40"), new Attribute.LocalPref(100), Attribute.Aigp.of(100), sid);
        Route route = new Route(Prefix.parse("10.40.0.0/24"), new Path(attrs));
        GoBgpPeering p = gobgp(AS, AS);
        GoBgp gobgp = p.daemon().families("ipv4-unicast");
        p.start(List.of(Family.IPV4_UNICAST), List.of(route));

        // Ours -> GoBGP: both attributes in its RIB.
        gobgp.await("our route in its RIB", Interop.LONG,
                () -> gobgp.gobgp("global", "rib", "-a", "ipv4").contains("10.40.0.0/24"));
        JsonNode paths = gobgp.json("global", "rib", "-a", "ipv4", "-j").path("10.40.0.0/24");
        JsonNode path = paths.get(0);
        String shown = paths.toString();
        assertEquals(100, GoBgp.attribute(path.path("attrs"), Attribute.AIGP).path("value").path(0).path("metric").asLong(),
                shown);
        JsonNode prefixSid = GoBgp.attribute(path.path("attrs"), Attribute.BGP_PREFIX_SID);
        String sidText = prefixSid.toString();
        assertTrue(!prefixSid.isMissingNode(), shown);
        // GoBGP's API shows the SRv6 Service TLVs of the attribute (its label index / SRGB TLVs are not in its model).
        JsonNode info = prefixSid.path("TLVs").path(0).path("SubTLVs").path(0);
        assertEquals(PrefixSidTlv.SRV6_L3_SERVICE, prefixSid.path("TLVs").path(0).path("type").asInt(), sidText);
        assertEquals(java.util.Base64.getEncoder().encodeToString(Bytes.parseIpv6("2001:db8:40::")), info.path("sid").asText(),
                sidText);
        assertEquals(0x13, info.path("endpoint_behavior").asInt(), sidText);
        JsonNode structure = info.path("sub_sub_tlvs").path(0);
        assertEquals(40, structure.path("locator_block_length").asInt(), sidText);
        assertEquals(24, structure.path("locator_node_length").asInt(), sidText);
        assertEquals(16, structure.path("function_length").asInt(), sidText);

        // GoBGP -> ours: the AIGP metric in ExaBGP's JSON.
        gobgp.addRoute("ipv4", "10.41.0.0/24", "aigp", "metric", "200");
        p.ours().awaitJson("GoBGP's AIGP in our JSON", all -> all.lines().anyMatch(l ->
                l.contains("\"aigp\":200") && l.contains("10.41.0.0/24")), gobgp);
        assertTrue(p.ours().query(() -> p.peer().adjRibIn().routes().stream()
                .anyMatch(r -> r.path().attributes().get(Attribute.Aigp.class).map(a -> a.metric() == 200).orElse(false))));
    }
}
