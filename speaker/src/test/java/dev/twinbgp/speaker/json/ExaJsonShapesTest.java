package dev.twinbgp.speaker.json;

import static dev.twinbgp.speaker.json.JsonAssert.assertSameJson;
import static dev.twinbgp.speaker.json.JsonAssert.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.twinbgp.bgp.wire.attribute.AsPathSegment;
import dev.twinbgp.bgp.wire.attribute.Attribute;
import dev.twinbgp.bgp.wire.attribute.Attributes;
import dev.twinbgp.bgp.wire.capability.Capability;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.Keepalive;
import dev.twinbgp.bgp.wire.MessageDecoder;
import dev.twinbgp.bgp.wire.capability.Negotiated;
import dev.twinbgp.bgp.wire.family.Nlri;
import dev.twinbgp.bgp.wire.Notification;
import dev.twinbgp.bgp.wire.Open;
import dev.twinbgp.bgp.wire.family.Prefix;
import dev.twinbgp.bgp.wire.RouteRefresh;
import dev.twinbgp.bgp.wire.Update;
import dev.twinbgp.bgp.wire.capability.AddPathMode;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Shapes the ExaBGP vectors do not show, checked against ExaBGP's JSON encoder source. */
class ExaJsonShapesTest {
    private static final NeighborContext N = new NeighborContext("127.0.0.1", "127.0.0.2", 65000, 65001, "10.0.0.1");
    private static final String NEIGHBOR = "\"neighbor\":{\"address\":{\"local\":\"127.0.0.1\",\"peer\":\"127.0.0.2\"},"
            + "\"asn\":{\"local\":65000,\"peer\":65001},\"router-id\":\"10.0.0.1\"";

    private final ExaJson json = JsonAssert.fixedEncoder();

    private static Nlri v4(String... prefixes) {
        return Nlri.of(Family.IPV4_UNICAST, false, java.util.Arrays.stream(prefixes).map(Prefix::parse).toList());
    }

    @Test
    void headerHasTheVolatileKeysFromTheInjectedClockAndProcess() {
        JsonNode n = parse(json.message(Keepalive.INSTANCE, N, Direction.IN));
        assertEquals("5.0.0", n.get("exabgp").asText());
        assertEquals("test-host", n.get("host").asText());
        assertEquals(42, n.get("pid").asLong());
        assertEquals(1, n.get("ppid").asLong());
        assertEquals(1, n.get("counter").asLong());
        assertEquals(2, parse(json.message(Keepalive.INSTANCE, N, Direction.IN)).get("counter").asLong(), "counts per neighbor");
        NeighborContext other = new NeighborContext("127.0.0.1", "127.0.0.9", 1, 2, "1.1.1.1");
        assertEquals(1, parse(json.message(Keepalive.INSTANCE, other, Direction.IN)).get("counter").asLong());
        assertTrue(json.message(Keepalive.INSTANCE, N, Direction.IN).startsWith("{ \"exabgp\": \"5.0.0\", \"time\": 1700000000.123456, "),
                "ExaBGP's key order and layout, time as a plain number");
    }

    @Test
    void keepaliveIsTheNeighborBlockAlone() {
        assertSameJson("{\"type\":\"keepalive\"," + NEIGHBOR + ",\"direction\":\"out\"}}",
                json.message(Keepalive.INSTANCE, N, Direction.OUT));
    }

    @Test
    void notificationCarriesCodeSubcodeDataAndMessage() {
        assertSameJson("{\"type\":\"notification\"," + NEIGHBOR + ",\"direction\":\"in\",\"notification\":{\"code\":3,"
                        + "\"subcode\":1,\"data\":\"0x\",\"message\":\"\",\"name\":\"UPDATE message error / Malformed Attribute List\"}}}",
                json.message(new Notification(3, 1), N, Direction.IN));
        JsonNode shut = parse(json.message(Notification.shutdown(2, "maintenance \"now\""), N, Direction.IN)).path("neighbor").path("notification");
        assertEquals("Shutdown Communication: \"maintenance \"now\"\"", shut.get("message").asText());
        assertEquals("0x116D61696E74656E616E636520226E6F7722", shut.get("data").asText());
        JsonNode bin = parse(json.message(new Notification(1, 2, new byte[] {0, 17}), N, Direction.OUT)).path("neighbor").path("notification");
        assertEquals("0x0011", bin.get("message").asText(), "non-printable data is shown as hex");
    }

    @Test
    void routeRefreshNamesFamilyAndSubtype() {
        assertSameJson("{\"type\":\"refresh\"," + NEIGHBOR + ",\"direction\":\"in\",\"route-refresh\":{\"afi\":\"ipv6\","
                        + "\"safi\":\"unicast\",\"subtype\":\"query\"}}}",
                json.message(new RouteRefresh(Family.IPV6_UNICAST), N, Direction.IN));
        JsonNode end = parse(json.message(new RouteRefresh(1, RouteRefresh.END_OF_RR, 1), N, Direction.IN));
        assertEquals("end", end.path("neighbor").path("route-refresh").path("subtype").asText());
    }

    @Test
    void statesHaveNoDirectionAndDownHasAReason() {
        assertSameJson("{\"type\":\"state\"," + NEIGHBOR + ",\"state\":\"connected\"}}", json.state(N, SessionState.CONNECTED, null));
        assertSameJson("{\"type\":\"state\"," + NEIGHBOR + ",\"state\":\"up\"}}", json.state(N, SessionState.UP, "ignored"));
        assertSameJson("{\"type\":\"state\"," + NEIGHBOR + ",\"state\":\"down\",\"reason\":\"peer reset: \\\"x\\\" {y}\"}}",
                json.state(N, SessionState.DOWN, "peer reset: \"x\" {y}"));
    }

    @Test
    void ipv4WithdrawShowsNoAnnounceAndNoAttributes() {
        assertSameJson("{\"type\":\"update\"," + NEIGHBOR + ",\"direction\":\"in\",\"message\":{\"update\":{\"withdraw\":"
                        + "{\"ipv4 unicast\":[{\"nlri\":\"10.0.0.0/24\"},{\"nlri\":\"10.0.1.0/24\"}]}}}}}",
                json.message(Update.withdraw(v4("10.0.0.0/24", "10.0.1.0/24")), N, Direction.IN));
    }

    @Test
    void announceAndWithdrawTogetherListTheNextHopAttribute() {
        Attributes a = Attributes.of(new Attribute.Origin(0), Attribute.AsPath.EMPTY, Attribute.NextHop.of("1.1.1.1"));
        Update u = new Update(v4("10.9.0.0/24"), a, v4("10.0.0.0/24"));
        assertSameJson("{\"type\":\"update\"," + NEIGHBOR + ",\"direction\":\"in\",\"message\":{\"update\":{"
                        + "\"attribute\":{\"origin\":\"igp\",\"next-hop\":\"1.1.1.1\"},"
                        + "\"announce\":{\"ipv4 unicast\":{\"1.1.1.1\":[{\"nlri\":\"10.0.0.0/24\"}]}},"
                        + "\"withdraw\":{\"ipv4 unicast\":[{\"nlri\":\"10.9.0.0/24\"}]}}}}}",
                json.message(u, N, Direction.IN));
    }

    @Test
    void ipv6AnnounceAndWithdrawInMpAttributes() {
        Family v6 = Family.IPV6_UNICAST;
        byte[] nh = Prefix.parse("2001:db8::1/128").address();
        byte[] nhWithLinkLocal = new byte[32];
        System.arraycopy(nh, 0, nhWithLinkLocal, 0, 16);
        System.arraycopy(Prefix.parse("fe80::1/128").address(), 0, nhWithLinkLocal, 16, 16);
        Nlri none = Nlri.empty(Family.IPV4_UNICAST, false);
        Update u = new Update(none, Attributes.of(new Attribute.Origin(2), new Attribute.MultiExitDisc(7)),
                new Attribute.MpReach(v6, nhWithLinkLocal, Nlri.of(v6, false, List.of(Prefix.parse("2001:db8:1::/48")))),
                new Attribute.MpUnreach(v6, Nlri.of(v6, false, List.of(Prefix.parse("2001:db8:2::/48")))), none);
        assertSameJson("{\"type\":\"update\"," + NEIGHBOR + ",\"direction\":\"in\",\"message\":{\"update\":{"
                        + "\"attribute\":{\"origin\":\"incomplete\",\"med\":7},"
                        + "\"announce\":{\"ipv6 unicast\":{\"2001:db8::1\":[{\"nlri\":\"2001:db8:1::/48\"}]}},"
                        + "\"withdraw\":{\"ipv6 unicast\":[{\"nlri\":\"2001:db8:2::/48\"}]}}}}}",
                json.message(u, N, Direction.IN));
    }

    @Test
    void prefixSidTlvsOfEveryKindAndAigp() {
        Attribute.PrefixSid sid = new Attribute.PrefixSid(List.of(
                new dev.twinbgp.bgp.wire.attribute.PrefixSidTlv.LabelIndex(0, 777),
                new dev.twinbgp.bgp.wire.attribute.PrefixSidTlv.Opaque(9, new byte[] {(byte) 0xAB}),
                new dev.twinbgp.bgp.wire.attribute.PrefixSidTlv.Srv6Service(6, List.of(
                        new dev.twinbgp.bgp.wire.attribute.PrefixSidTlv.OpaqueSubTlv(7, new byte[] {(byte) 0xEE}),
                        new dev.twinbgp.bgp.wire.attribute.PrefixSidTlv.SidInformation(
                                Prefix.parse("2001:db8::/128").address(), 0, 0x15, List.of(
                                new dev.twinbgp.bgp.wire.attribute.PrefixSidTlv.OpaqueSubSubTlv(5, new byte[] {1}),
                                new dev.twinbgp.bgp.wire.attribute.PrefixSidTlv.SidStructure(32, 24, 16, 0, 0, 0)))))));
        Update u = new Update(v4(), Attributes.of(new Attribute.Origin(0), Attribute.NextHop.of("10.0.0.1"),
                Attribute.Aigp.of(-1L), sid), v4("10.0.0.0/24"));
        JsonNode attribute = parse(json.message(u, N, Direction.IN)).path("neighbor").path("message").path("update")
                .path("attribute");
        assertEquals("18446744073709551615", attribute.get("aigp").asText(), "AIGP's 64 bits, unsigned");
        assertSameJson("{\"sr-label-index\":777,\"attribute-not-implemented-9\":\"0xAB\",\"l2-service\":["
                        + "{\"type\":7,\"raw\":\"ee\"},{\"sid\":\"2001:db8::\",\"flags\":0,\"endpoint_behavior\":21,"
                        + "\"sub-sub-tlv-5\":\"0x01\",\"structure\":{\"locator-block-length\":32,\"locator-node-length\":24,"
                        + "\"function-length\":16,\"argument-length\":0,\"transposition-length\":0,"
                        + "\"transposition-offset\":0}}]}",
                attribute.get("bgp-prefix-sid").toString());
    }

    @Test
    void linkLocalNextHopCapabilityIsNamed() {
        Open o = new Open(4, 65000, 90, 0x0A000002L, List.of(new dev.twinbgp.bgp.wire.capability.OptionalParameter.Capabilities(
                List.of(new Capability.LinkLocalNextHop()))), false);
        assertSameJson("{\"77\":{\"name\":\"link-local-nexthop\"}}",
                parse(json.message(o, N, Direction.IN)).path("neighbor").path("open").path("capabilities").toString());
    }

    @Test
    void endOfRibIsAnnouncedUnderNullNextHop() {
        assertSameJson("{\"type\":\"update\"," + NEIGHBOR + ",\"direction\":\"in\",\"message\":{\"update\":{\"announce\":"
                        + "{\"ipv4 unicast\":{\"null\":[{\"eor\":{\"afi\":\"ipv4\",\"safi\":\"unicast\"}}]}}}}}}",
                json.message(Update.endOfRib(Family.IPV4_UNICAST), N, Direction.IN));
        assertSameJson("{\"type\":\"update\"," + NEIGHBOR + ",\"direction\":\"in\",\"message\":{\"update\":{\"announce\":"
                        + "{\"ipv6 unicast\":{\"null\":[{\"eor\":{\"afi\":\"ipv6\",\"safi\":\"unicast\"}}]}}}}}}",
                json.message(Update.endOfRib(Family.IPV6_UNICAST), N, Direction.IN));
    }

    @Test
    void everyNamedAttribute() {
        Attributes a = Attributes.of(
                new Attribute.Origin(1),
                new Attribute.AsPath(List.of(new AsPathSegment(AsPathSegment.AS_CONFED_SEQUENCE, List.of(65100L)),
                        AsPathSegment.sequence(65001L, 4200000000L), AsPathSegment.set(1L, 2L))),
                Attribute.NextHop.of("192.0.2.1"),
                new Attribute.LocalPref(200),
                new Attribute.AtomicAggregate(),
                new Attribute.Aggregator(4200000000L, 0xC0000201),
                new Attribute.Communities(List.of(0xFFFFFF01L, 65000L << 16 | 1, 65000L << 16 | 1)),
                new Attribute.OriginatorId(0x01020304),
                new Attribute.ClusterList(List.of(0x0A000001, 0x0A000002)),
                new Attribute.ExtendedCommunities(List.of(0x0002FDE800000001L, 0x0103C000020100C8L, 0x8000000000000000L)),
                new Attribute.LargeCommunities(List.of(new Attribute.LargeCommunity(65000, 2, 3), new Attribute.LargeCommunity(65000, 1, 3))),
                new Attribute.Unknown(0xC0, 0x63, new byte[] {(byte) 0xAB, 1}));
        JsonNode attr = parse(json.message(Update.announce(a, v4("10.0.0.0/8")), N, Direction.IN))
                .path("neighbor").path("message").path("update").path("attribute");
        assertSameJson("{\"origin\":\"egp\",\"as-path\":{\"0\":{\"element\":\"confed-sequence\",\"value\":[65100]},"
                + "\"1\":{\"element\":\"as-sequence\",\"value\":[65001,4200000000]},\"2\":{\"element\":\"as-set\",\"value\":[1,2]}},"
                + "\"local-preference\":200,\"atomic-aggregate\":true,\"aggregator\":\"4200000000:192.0.2.1\","
                + "\"community\":[[65000,1],[65535,65281]],\"originator-id\":\"1.2.3.4\",\"cluster-list\":[\"10.0.0.1\",\"10.0.0.2\"],"
                + "\"extended-community\":[{\"value\":842122827661313,\"string\":\"target:65000:1\"},"
                + "{\"value\":73113125234213064,\"string\":\"origin:192.0.2.1:200\"},"
                + "{\"value\":9223372036854775808,\"string\":\"0x8000000000000000\"}],"
                + "\"large-community\":[[65000,1,3],[65000,2,3]],\"attribute-0x63-0xC0\":\"0xAB01\"}", attr.toString());
    }

    @Test
    void as4PathIsMergedIntoAsPathOnATwoOctetSession() {
        // AS_PATH 2-octet [23456 65001] + AS4_PATH [4200000000 65001] (RFC 6793 section 4.2.3)
        byte[] wire = JsonAssert.message(2, "0000" + "0021"
                + "400101" + "00" + "400206" + "0202" + "5BA0" + "FDE9" + "40030401010101"
                + "C0110A" + "0202" + "FA56EA00" + "0000FDE9" + "080A");
        Update u = (Update) MessageDecoder.decode(wire, Negotiated.DEFAULT).message();
        JsonNode attr = parse(json.message(u, N, Direction.IN)).path("neighbor").path("message").path("update").path("attribute");
        assertEquals("{\"0\":{\"element\":\"as-sequence\",\"value\":[4200000000,65001]}}", attr.get("as-path").toString());
        assertFalse(attr.has("attribute-0x11-0xC0"), "AS4_PATH is merged, not shown");
    }

    @Test
    void addPathRoutesCarryPathInformation() {
        Nlri n = Nlri.of(Family.IPV4_UNICAST, true, List.of(Prefix.parse("10.0.0.0/24").withPathId(0x01000002L)));
        Update u = Update.announce(Attributes.of(new Attribute.Origin(0), Attribute.NextHop.of("1.1.1.1")), n);
        JsonNode routes = parse(json.message(u, N, Direction.IN)).path("neighbor").path("message").path("update")
                .path("announce").path("ipv4 unicast").path("1.1.1.1");
        assertEquals("[{\"nlri\":\"10.0.0.0/24\",\"path-information\":\"1.0.0.2\"}]", routes.toString());
    }

    @Test
    void openCapabilitiesMergeLikeExaBgp() {
        Open o = new Open(4, 23456, 90, 0x0A000002L, List.of(
                new dev.twinbgp.bgp.wire.capability.OptionalParameter.Capabilities(List.of(
                        new Capability.Multiprotocol(Family.IPV4_UNICAST), new Capability.Multiprotocol(Family.IPV6_UNICAST),
                        new Capability.RouteRefresh(), new Capability.EnhancedRouteRefresh(), new Capability.ExtendedMessage(),
                        new Capability.FourOctetAs(4200000000L),
                        new Capability.AddPath(List.of(new Capability.AddPath.Entry(Family.IPV4_UNICAST, AddPathMode.BOTH))),
                        new Capability.AddPath(List.of(new Capability.AddPath.Entry(Family.IPV6_UNICAST, AddPathMode.RECEIVE))),
                        new Capability.GracefulRestart(0x8, 120, List.of(new Capability.GracefulRestart.Entry(Family.IPV4_UNICAST, 0x80))),
                        new Capability.ExtendedNextHop(List.of(new Capability.ExtendedNextHop.Entry(1, 1, 2))),
                        new Capability.Fqdn("r1", "example.net"),
                        new Capability.Unknown(66, "loremipsum".getBytes(java.nio.charset.StandardCharsets.US_ASCII))))),
                false);
        JsonNode open = parse(json.message(o, N, Direction.IN)).path("neighbor").path("open");
        assertSameJson("{\"version\":4,\"asn\":23456,\"hold_time\":90,\"router_id\":\"10.0.0.2\",\"capabilities\":{"
                + "\"1\":{\"name\":\"multiprotocol\",\"families\":[\"ipv4/unicast\",\"ipv6/unicast\"]},"
                + "\"2\":{\"name\":\"route-refresh\",\"variant\":\"RFC\"},\"70\":{\"name\":\"enhanced-route-refresh\"},"
                + "\"6\":{\"name\":\"extended-message\",\"size\":65535},\"65\":{\"name\":\"asn4\",\"asn4\":4200000000},"
                + "\"69\":{\"name\":\"addpath\",\"ipv4/unicast\":\"send/receive\",\"ipv6/unicast\":\"receive\"},"
                + "\"64\":{\"name\":\"graceful restart\",\"time\":120,\"address-family-flags\":{\"ipv4/unicast\":[\"forwarding\"]},"
                + "\"restart-flags\":[\"restart\"]},"
                + "\"5\":{\"name\":\"nexthop\",\"conversion\":[\"ipv4/unicast/ipv6\"]},"
                + "\"73\":{\"host-name\":\"r1\",\"domain-name\":\"example.net\"},"
                + "\"66\":{\"name\":\"unknown\",\"iana\":\"unknown\",\"value\":66,\"raw\":\"6C6F72656D697073756D\"}}}",
                open.toString());
    }

    @Test
    void treatAsWithdrawShowsTheRoutesWithdrawn() {
        // ORIGIN with value 5 (RFC 7606 section 7.1: treat-as-withdraw), NEXT_HOP, NLRI 10.0.0.0/24
        byte[] wire = JsonAssert.message(2, "0000" + "0015"
                + "400101" + "05" + "400200" + "40030401010101" + "4005040000000A" + "180A0000");
        Update u = (Update) MessageDecoder.decode(wire, new Negotiated(true, Set.of(), Set.of(), false)).message();
        assertTrue(u.treatAsWithdraw());
        JsonNode update = parse(json.message(u, N, Direction.IN)).path("neighbor").path("message").path("update");
        assertEquals("{\"withdraw\":{\"ipv4 unicast\":[{\"nlri\":\"10.0.0.0/24\"}]}}", update.toString());
    }

    /** An API process's {@code packets} (ExaBGP's JSON {@code packets}): the octets alone, type by its long name. */
    @Test
    void packetsAreTheOctetsAloneUnderMessage() {
        Update eor = Update.endOfRib(Family.IPV4_UNICAST);
        byte[] octets = dev.twinbgp.bgp.wire.MessageEncoder.encode(eor, Negotiated.DEFAULT);
        String header = "0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF001702";
        String line = json.packets(N, Direction.IN, octets);
        assertSameJson("{\"type\":\"update\"," + NEIGHBOR + ",\"direction\":\"in\",\"message\":{\"category\":2,"
                + "\"header\":\"" + header + "\",\"body\":\"0x00000000\"}}}", line);
        assertTrue(line.contains("\"direction\": \"in\", \"message\": { \"category\": 2, \"header\": \"" + header
                + "\", \"body\": \"0x00000000\" }"), line);
        byte[] keepalive = dev.twinbgp.bgp.wire.MessageEncoder.encode(Keepalive.INSTANCE, Negotiated.DEFAULT);
        assertSameJson("{\"type\":\"keepalive\"," + NEIGHBOR + ",\"direction\":\"out\",\"message\":{\"category\":4,"
                + "\"header\":\"0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF001304\",\"body\":\"0x\"}}}",
                json.packets(N, Direction.OUT, keepalive));
        byte[] refresh = dev.twinbgp.bgp.wire.MessageEncoder.encode(new RouteRefresh(Family.IPV4_UNICAST), Negotiated.DEFAULT);
        assertEquals("route refresh", parse(json.packets(N, Direction.IN, refresh)).get("type").asText(),
                "ExaBGP's Message.string: the long name, not the parsed line's \"refresh\"");
    }

    /** {@code consolidate} with {@code packets}: the parsed line with "header" and "body" after "type" (ExaBGP's _header). */
    @Test
    void consolidatedLinesCarryHeaderAndBodyAfterTheType() {
        Attributes attrs = Attributes.of(new Attribute.Origin(Attribute.Origin.IGP), Attribute.AsPath.sequence(65001L),
                Attribute.NextHop.of("192.0.2.1"));
        Update u = new Update(Nlri.emptyIpv4(false), attrs, v4("10.0.0.0/24"));
        byte[] octets = dev.twinbgp.bgp.wire.MessageEncoder.encode(u, Negotiated.DEFAULT);
        String hex = java.util.HexFormat.of().withUpperCase().formatHex(octets);
        String header = "0x" + hex.substring(0, 38);
        String body = "0x" + hex.substring(38);
        String line = json.message(u, N, Direction.IN, octets);
        assertTrue(line.contains("\"type\": \"update\", \"header\": \"" + header + "\", \"body\": \"" + body
                + "\", \"neighbor\": {"), line);
        JsonNode parsed = parse(line);
        JsonNode plain = parse(json.message(u, N, Direction.IN));
        assertEquals(plain.get("neighbor"), parsed.get("neighbor"), "the parsed message is the same");
        // the tree path (not the UPDATE fast path) puts them in the same place; a KEEPALIVE has no body
        byte[] keepalive = dev.twinbgp.bgp.wire.MessageEncoder.encode(Keepalive.INSTANCE, Negotiated.DEFAULT);
        String k = json.message(Keepalive.INSTANCE, N, Direction.OUT, keepalive);
        assertTrue(k.contains("\"type\": \"keepalive\", \"header\": \"0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF001304\", "
                + "\"neighbor\": {"), k);
        assertFalse(k.contains("\"body\""), k);
        byte[] notification = dev.twinbgp.bgp.wire.MessageEncoder.encode(new Notification(6, 2), Negotiated.DEFAULT);
        JsonNode n = parse(json.message(new Notification(6, 2), N, Direction.OUT, notification));
        assertEquals("0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF001503", n.get("header").asText());
        assertEquals("0x0602", n.get("body").asText());
        assertEquals(6, n.path("neighbor").path("notification").path("code").asInt());
        assertFalse(parse(json.message(u, N, Direction.IN, (byte[]) null)).has("header"), "no octets: the plain line");
    }
}
