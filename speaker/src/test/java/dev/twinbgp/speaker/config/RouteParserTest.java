package dev.twinbgp.speaker.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.bgp.wire.family.Family;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The attribute grammar as the API will use it: one command line at a time. */
class RouteParserTest {

    @Test
    void apiAnnounceRouteLine() throws ConfigException {
        RouteConfig route = RouteParser.parseRoute(
                "route 10.0.0.0/24 next-hop 1.2.3.4 med 10 local-preference 200 community [no-export 1:2]");
        assertEquals("10.0.0.0/24", route.prefix().toString());
        assertEquals(Family.IPV4_UNICAST, route.family());
        assertEquals(10, route.attributes().med().getAsLong());
        assertEquals(List.of(Community.NO_EXPORT, new Community(0x10002)), route.attributes().communities());
    }

    @Test
    void familyFormAndHostRoute() throws ConfigException {
        RouteConfig route = RouteParser.parseRoute("ipv6 unicast 2A02:B80:0:1::1 next-hop 2a02:b80:0:2::1;");
        assertEquals("2a02:b80:0:1::1/128", route.prefix().toString());
        assertEquals("10.0.0.1/32", RouteParser.parseRoute("10.0.0.1 next-hop self").prefix().toString());
    }

    @Test
    void asPathForms() throws ConfigException {
        assertEquals(List.of(seq(1, 2), set(3, 4), seq(5)),
                RouteParser.parseAttributes("as-path [ 1 2 ( 3 4 ) 5 ]").asPath().orElseThrow());
        assertEquals(List.of(seq(1, 2), set(3)),
                RouteParser.parseAttributes("as-path [ 1, 2 ] ( 3 )").asPath().orElseThrow());
        assertEquals(List.of(new AsPathSegment(AsPathSegment.Type.CONFED_SET, List.of(7L))),
                RouteParser.parseAttributes("as-path ( { 7 } )").asPath().orElseThrow());
        assertEquals(List.of(), RouteParser.parseAttributes("as-path [ ]").asPath().orElseThrow());
        assertEquals(List.of(seq(4200000000L)),
                RouteParser.parseAttributes("as-path 4200000000").asPath().orElseThrow());
    }

    @Test
    void aggregatorForms() throws ConfigException {
        Aggregator expected = new Aggregator(1, IpAddress.parse("2.3.4.5"));
        assertEquals(expected, RouteParser.parseAttributes("aggregator ( 1:2.3.4.5 )").aggregator().orElseThrow());
        assertEquals(expected, RouteParser.parseAttributes("aggregator (1:2.3.4.5)").aggregator().orElseThrow());
        assertEquals(expected, RouteParser.parseAttributes("aggregator 1:2.3.4.5").aggregator().orElseThrow());
    }

    @Test
    void wellKnownCommunities() throws ConfigException {
        assertEquals(List.of(Community.NO_EXPORT, Community.NO_ADVERTISE, Community.NO_EXPORT_SUBCONFED,
                        Community.NO_PEER, Community.NO_PEER, Community.BLACKHOLE, Community.GRACEFUL_SHUTDOWN,
                        Community.ACCEPT_OWN, Community.LLGR_STALE, Community.NO_LLGR, new Community(4294967295L)),
                RouteParser.parseAttributes("community [ no-export no-advertise no-export-subconfed nopeer no-peer "
                        + "blackhole graceful-shutdown accept-own llgr-stale no-llgr 4294967295 ]").communities());
    }

    @ParameterizedTest
    @CsvSource({
        "target:65000:1, 0x0002fde800000001",
        "72:0.0.0.1, 0x0002004800000001",
        "origin:1.2.3.4:5, 0x0103010203040005",
        "redirect:65000:12, 0x8008fde80000000c",
        "redirect-to-nexthop, 0x0800000000000000",
        "bandwidth:1:1000, 0x40040001447a0000",
        "0x0102030405060708, 0x0102030405060708",
        "target:120000L:123, 0x02020001d4c0007b",
        "target:100L:7, 0x0202000000640007",
        "origin4:71100:11000, 0x0203000115bc2af8",
        "target4:71200:12000, 0x0202000116202ee0",
        "origin:130000:1234, 0x02030001fbd004d2",
        "l2info:1:2:13398:30864, 0x800a010234567890",
    })
    void extendedCommunityForms(String written, String octets) throws ConfigException {
        assertEquals(octets, RouteParser.parseAttributes("extended-community " + written)
                .extendedCommunities().get(0).toString());
    }

    @Test
    void pathInformationSplitNameAndGeneric() throws ConfigException {
        RouteAttributes a = RouteParser.parseAttributes(
                "path-information 0.0.1.0 split /26 name \"my route\" attribute [ 0x99 0x60 0x ] next-hop self");
        assertEquals(256, a.pathInformation().getAsLong());
        assertEquals(26, a.split().getAsInt());
        assertEquals("my route", a.name().orElseThrow());
        assertEquals(new GenericAttribute(0x99, 0x60, new byte[0]), a.genericAttributes().get(0));
        assertTrue(a.nextHop().orElseThrow() instanceof NextHop.Self);
    }

    @Test
    void writtenFormParsesBack() throws ConfigException {
        String line = "10.1.0.0/16 next-hop 10.0.0.1 path-information 7 origin egp as-path [ 1 2 ] ( 3 ) med 1 "
                + "local-preference 2 atomic-aggregate aggregator ( 1:1.1.1.1 ) community [ 1:1 ] "
                + "large-community [ 1:2:3 ] extended-community [ 0x0002000100000002 ] originator-id 1.1.1.1 "
                + "cluster-list [ 2.2.2.2 ] attribute [ 0x99 0x60 0x01 ] split /18 name \"n\"";
        RouteConfig route = RouteParser.parseRoute(line);
        RouteConfig again = RouteParser.parseRoute(route.prefix() + " " + RouteText.attributes(route.attributes()));
        assertEquals(route, again);
        assertEquals(line, route.prefix() + " " + RouteText.attributes(route.attributes()));
    }

    @Test
    void commandErrorsPointIntoTheLine() {
        ConfigException missing = assertThrows(ConfigException.class,
                () -> RouteParser.parseRoute("route 10.0.0.0/8 med 5"));
        assertEquals("<command>:1:23: found end of file, expected next-hop (route 10.0.0.0/8 has no next hop)",
                missing.getMessage());
        ConfigException wrongFamily = assertThrows(ConfigException.class,
                () -> RouteParser.parseRoute("ipv4 unicast 2001:db8::/32 next-hop self"));
        assertEquals("<command>:1:14: found '2001:db8::/32', expected an ipv4 prefix", wrongFamily.getMessage());
        ConfigException tooBigSplit = assertThrows(ConfigException.class,
                () -> RouteParser.parseRoute("10.0.0.0/8 next-hop self split /32"));
        assertEquals("<command>:1:35: found end of file, expected split /8 to /24 for 10.0.0.0/8 "
                + "(at most 65536 routes; got /32)", tooBigSplit.getMessage());
        ConfigException trailing = assertThrows(ConfigException.class,
                () -> RouteParser.parseRoute("10.0.0.0/8 next-hop self; med 5"));
        assertEquals("<command>:1:27: found 'med', expected the end of the command", trailing.getMessage());
    }

    @Test
    void rdAndLabelMakeVpnAndLabeledRoutes() throws ConfigException {
        RouteConfig vpn = RouteParser.parseRoute("route 10.0.0.0/24 rd 65000:1 label 1000 next-hop 1.2.3.4");
        assertEquals(Family.IPV4_MPLS_VPN, vpn.family());
        assertEquals("65000:1", vpn.attributes().rd().orElseThrow().toString());
        assertEquals(List.of(1000), vpn.attributes().labels());
        RouteConfig v6 = RouteParser.parseRoute(
                "ipv6 mpls-vpn 2001:db8::/32 route-distinguisher 10.0.0.1:7 label [ 100 200 ] next-hop ::1");
        assertEquals(Family.IPV6_MPLS_VPN, v6.family());
        assertEquals(List.of(100, 200), v6.attributes().labels());
        assertEquals("0001", java.util.HexFormat.of().formatHex(v6.attributes().rd().orElseThrow().octets()).substring(0, 4));
        assertEquals(2, RouteParser.parseRoute("10.0.0.0/24 rd 4200000000:1 label 5 next-hop self").attributes().rd()
                .orElseThrow().type());
        assertEquals(Family.IPV4_MPLS_LABEL, RouteParser.parseRoute("ipv4 nlri-mpls 10.0.0.0/24 label 16 next-hop self")
                .family());
        RouteConfig multicast = RouteParser.parseRoute("ipv6 multicast 2001:db8::/32 next-hop 2001:db8::1");
        assertEquals(Family.IPV6_MULTICAST, multicast.family());
        assertEquals(Family.IPV4_MULTICAST, RouteParser.parseWithdrawal("ipv4 multicast 10.0.0.0/24").family());
        assertEquals("<command>:1:6: found 'multicast', expected a multicast route without rd or label (route 10.0.0.0/24)",
                assertThrows(ConfigException.class, () -> RouteParser.parseRoute(
                        "ipv4 multicast 10.0.0.0/24 label 1 next-hop 1.2.3.4")).getMessage());
        // written back and read again
        String line = "10.1.0.0/16 next-hop 10.0.0.1 rd 1.2.3.4:5 label [ 1 2 ]";
        RouteConfig route = RouteParser.parseRoute(line);
        assertEquals(line, route.prefix() + " " + RouteText.attributes(route.attributes()));
        assertEquals(route, RouteParser.parseRoute(line));
        // a withdrawal names no label
        assertEquals(Family.IPV4_MPLS_VPN, RouteParser.parseWithdrawal("route 10.0.0.0/24 rd 65000:1").family());
    }

    @Test
    void vpnRouteErrorsSayWhatWasExpected() {
        assertEquals("<command>:1:40: found end of file, expected label (route 10.0.0.0/24 has an rd: an mpls-vpn route"
                + " needs a label)", assertThrows(ConfigException.class,
                () -> RouteParser.parseRoute("10.0.0.0/24 rd 65000:1 next-hop 1.2.3.4")).getMessage());
        assertEquals("<command>:1:16: found '65536:65536', expected a route distinguisher number of at most 65535 after"
                + " a 4-octet AS", assertThrows(ConfigException.class,
                () -> RouteParser.parseRoute("10.0.0.0/24 rd 65536:65536 label 1 next-hop 1.2.3.4")).getMessage());
        assertEquals("<command>:1:19: found '1048576', expected an MPLS label (0-1048575)",
                assertThrows(ConfigException.class,
                        () -> RouteParser.parseRoute("10.0.0.0/24 label 1048576 next-hop 1.2.3.4")).getMessage());
        assertEquals("<command>:1:6: found 'mpls-vpn', expected nlri-mpls (the route's rd and label make it ipv4"
                + " nlri-mpls)", assertThrows(ConfigException.class,
                () -> RouteParser.parseRoute("ipv4 mpls-vpn 10.0.0.0/24 label 1 next-hop 1.2.3.4")).getMessage());
    }

    @Test
    void withdrawalNeedsNoNextHop() throws ConfigException {
        RouteConfig route = RouteParser.parseWithdrawal("route 10.0.0.0/24");
        assertEquals("10.0.0.0/24", route.prefix().toString());
        assertTrue(route.attributes().nextHop().isEmpty());
    }

    @Test
    void splitOfIpv6() throws ConfigException {
        List<RouteConfig> routes = RouteParser.parseRoute("2001:db8::/32 next-hop ::1 split /34").expandSplit();
        assertEquals(List.of("2001:db8::/34", "2001:db8:4000::/34", "2001:db8:8000::/34", "2001:db8:c000::/34"),
                routes.stream().map(r -> r.prefix().toString()).toList());
    }

    private static AsPathSegment seq(long... asns) {
        return new AsPathSegment(AsPathSegment.Type.SEQUENCE, java.util.Arrays.stream(asns).boxed().toList());
    }

    private static AsPathSegment set(long... asns) {
        return new AsPathSegment(AsPathSegment.Type.SET, java.util.Arrays.stream(asns).boxed().toList());
    }
}
