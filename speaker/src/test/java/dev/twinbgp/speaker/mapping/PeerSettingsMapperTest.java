package dev.twinbgp.speaker.mapping;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.bgp.fsm.SessionConfig;
import dev.twinbgp.bgp.rib.Route;
import dev.twinbgp.bgp.wire.attribute.AsPathSegment;
import dev.twinbgp.bgp.wire.attribute.Attribute;
import dev.twinbgp.bgp.wire.attribute.Attributes;
import dev.twinbgp.bgp.wire.capability.Capability;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.speaker.config.ConfigException;
import dev.twinbgp.speaker.config.ConfigParser;
import dev.twinbgp.speaker.config.IpAddress;
import dev.twinbgp.speaker.session.PeerSettings;
import java.net.InetAddress;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeerSettingsMapperTest {

    private static List<PeerSettings> map(String text) throws ConfigException {
        return PeerSettingsMapper.map(ConfigParser.parse("test.conf", text));
    }

    private static PeerSettings one(String neighborBody) throws ConfigException {
        List<PeerSettings> all = map("neighbor 192.0.2.1 {\n" + neighborBody + "\n}\n");
        assertEquals(1, all.size());
        return all.get(0);
    }

    private static final String IBGP = "router-id 10.0.0.1; local-address 192.0.2.2; local-as 65000; peer-as 65000;\n";
    private static final String EBGP = "router-id 10.0.0.1; local-address 192.0.2.2; local-as 65000; peer-as 65001;\n";

    private static InetAddress literal(String address) {
        try {
            return InetAddress.getByAddress(IpAddress.parse(address).bytes());
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static Attributes attributes(Route route) {
        return route.path().attributes();
    }

    private static String hex(Attributes attributes) {
        return HexFormat.of().withUpperCase().formatHex(attributes.toByteArray(true));
    }

    @Test
    void ibgpGetsOriginIgpEmptyAsPathAndLocalPreference100() throws ConfigException {
        Route r = one(IBGP + "static { route 10.0.0.0/24 next-hop 192.0.2.9; }").routes().get(0);
        // ORIGIN IGP, empty AS_PATH, NEXT_HOP, LOCAL_PREF 100: the attributes of conformance conf-group
        assertEquals("400101" + "00" + "400200" + "400304C0000209" + "40050400000064", hex(attributes(r)));
        assertFalse(r.path().hasMpNextHop());
        assertEquals("10.0.0.0/24", r.prefix().toString());
    }

    @Test
    void ibgpKeepsConfiguredAsPathAndLocalPreference() throws ConfigException {
        Route r = one(IBGP + "static { route 10.0.0.0/24 next-hop 192.0.2.9 as-path [ 1 2 ] local-preference 7 origin egp; }")
                .routes().get(0);
        assertEquals(new Attribute.AsPath(List.of(AsPathSegment.sequence(1L, 2L))), attributes(r).asPath().orElseThrow());
        assertEquals(7, attributes(r).localPref().orElseThrow().value());
        assertEquals(Attribute.Origin.EGP, attributes(r).origin().orElseThrow().value());
    }

    @Test
    void ebgpDefaultsToTheLocalAsAloneAndNeverSendsLocalPreference() throws ConfigException {
        List<Route> routes = one(EBGP + "static {\n route 10.0.0.0/24 next-hop 192.0.2.9 local-preference 200;\n"
                + " route 10.0.1.0/24 next-hop 192.0.2.9 as-path [ 3 4 ];\n"
                + " route 10.0.2.0/24 next-hop 192.0.2.9 as-path ( 5 6 );\n}").routes();
        // RFC 4271 section 5.1.5: no LOCAL_PREF to an external peer (ExaBGP: conformance conf-ebgp)
        assertTrue(attributes(routes.get(0)).localPref().isEmpty());
        // ExaBGP's default AS_PATH to an external peer is our AS alone (RFC 4271 section 5.1.2) ...
        assertEquals(List.of(AsPathSegment.sequence(65000L)), attributes(routes.get(0)).asPath().orElseThrow().segments());
        // ... and a written AS_PATH goes out as written (ExaBGP's Attributes.pack; conformance conf-ebgp's
        // API command "as-path [65533]" from AS 65533 is sent as 65533 once).
        assertEquals(List.of(AsPathSegment.sequence(3L, 4L)), attributes(routes.get(1)).asPath().orElseThrow().segments());
        assertEquals(List.of(AsPathSegment.set(5L, 6L)), attributes(routes.get(2)).asPath().orElseThrow().segments());
    }

    @Test
    void eachExternalNeighborGetsItsOwnLocalAsWhenRoutesAlternate() throws ConfigException {
        // The AS_PATH of a route written without one is made once per local AS and shared (issue 18): neighbors of
        // two local ASes, one route at a time as the API converts them, each keep their own.
        var config = ConfigParser.parse("test.conf", """
                neighbor 192.0.2.1 { router-id 10.0.0.1; local-address 192.0.2.2; local-as 65000; peer-as 65001;
                  static { route 10.0.0.0/24 next-hop 192.0.2.9; } }
                neighbor 192.0.2.3 { router-id 10.0.0.1; local-address 192.0.2.4; local-as 4200000000; peer-as 65001;
                  static { route 10.0.0.0/24 next-hop 192.0.2.9; } }
                neighbor 192.0.2.5 { router-id 10.0.0.1; local-address 192.0.2.6; local-as 65001; peer-as 65001;
                  static { route 10.0.0.0/24 next-hop 192.0.2.9; } }
                """);
        for (int i = 0; i < 3; i++) {
            for (var n : config.neighbors()) {
                Route r = PeerSettingsMapper.route(n, n.routes().get(0));
                List<AsPathSegment> expected = n.isIbgp() ? List.of() : List.of(AsPathSegment.sequence(n.localAs()));
                assertEquals(expected, attributes(r).asPath().orElseThrow().segments(), n.peerAddress().toString());
            }
        }
    }

    @Test
    void prependStartsANewSequenceWhenTheFirstIsFull() {
        List<Long> full = java.util.stream.LongStream.rangeClosed(1, 255).boxed().toList();
        List<AsPathSegment> out = PathAttributes.prepend(9, List.of(new AsPathSegment(AsPathSegment.AS_SEQUENCE, full)));
        assertEquals(2, out.size());
        assertEquals(AsPathSegment.sequence(9L), out.get(0));
    }

    @Test
    void nextHopSelfIsTheLocalAddress() throws ConfigException {
        Route r = one(IBGP + "static { route 10.0.0.0/32 next-hop self; }").routes().get(0);
        assertEquals("192.0.2.2", attributes(r).nextHop().orElseThrow().addressString());
    }

    @Test
    void nextHopSelfWithoutLocalAddressIsRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> one(
                "router-id 10.0.0.1; local-as 1; peer-as 1; static { route 10.0.0.0/32 next-hop self; }"));
        assertEquals("test.conf:1:10: neighbor 192.0.2.1: route 10.0.0.0/32: next-hop self needs the neighbor's local-address"
                + " (twinbgp resolves it when the configuration is read)", e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void splitExpandsIntoSubPrefixesSharingOnePath() throws ConfigException {
        List<Route> routes = one(IBGP + "static { route 10.0.0.0/22 next-hop 192.0.2.9 split /24; }").routes();
        assertEquals(List.of("10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24", "10.0.3.0/24"),
                routes.stream().map(r -> r.prefix().toString()).toList());
        assertSame(routes.get(0).path(), routes.get(3).path());
    }

    @Test
    void routesWrittenWithTheSameAttributesShareOnePathPerFamily() throws ConfigException {
        List<Route> routes = one(IBGP + "family { ipv4 unicast; ipv4 multicast; }\n"
                + "static { route 10.0.0.0/24 next-hop 192.0.2.9 med 5;\n"
                + "  route 10.0.1.0/24 next-hop 192.0.2.9 med 6;\n"
                + "  route 10.0.2.0/24 next-hop 192.0.2.9 med 5; }\n"
                + "announce { ipv4 { multicast 10.0.3.0/24 next-hop 192.0.2.9 med 5; } }").routes();
        assertEquals(4, routes.size());
        assertSame(routes.get(0).path(), routes.get(2).path(), "the same attributes: one path");
        assertFalse(routes.get(0).path().equals(routes.get(1).path()), "another MED: another path");
        assertFalse(routes.get(0).path().equals(routes.get(3).path()), "multicast: the next hop in MP_REACH_NLRI");
        assertEquals("10.0.3.0/24", routes.get(3).key().toString().replaceAll(".* ", ""));
    }

    @Test
    void genericAttributeOfAKnownCodeBecomesTheTypedAttribute() throws ConfigException {
        // conformance conf-generic-attribute: [0x04 0x80 0x00000064] goes out as MED 100
        Route r = one(IBGP + "static { route 10.0.0.1 next-hop 192.0.2.9 med 5 attribute [ 0x04 0x80 0x00000064 ]; }")
                .routes().get(0);
        assertEquals(new Attribute.MultiExitDisc(100), attributes(r).med().orElseThrow());
        Route large = one(IBGP + "static { route 10.0.0.1 next-hop 192.0.2.9"
                + " attribute [ 0x20 0xc0 0x0000000100000002000000030000000A0000000B0000000C ]; }").routes().get(0);
        assertTrue(attributes(large).get(Attribute.LargeCommunities.class).isPresent());
    }

    @Test
    void genericAttributeOfAnUnknownCodeKeepsItsFlags() throws ConfigException {
        List<Route> routes = one(IBGP + "static {\n route 10.0.0.1 next-hop 192.0.2.9 attribute [ 0x99 0x70 0x00000064 ];\n"
                + " route 10.0.0.2 next-hop 192.0.2.9 attribute [ 0x04 0xC0 0x00000064 ];\n}").routes();
        // the Extended Length bit (0x10) as written: a 2-octet length
        assertTrue(hex(attributes(routes.get(0))).endsWith("7099000400000064"));
        // MED with flags other than the RFC's: sent as written, not retyped
        assertEquals(new Attribute.Unknown(0xC0, 4, HexFormat.of().parseHex("00000064")), attributes(routes.get(1)).get(4));
    }

    @Test
    void rawMpReachIsRefused() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> one(IBGP + "static { route 10.0.0.1 next-hop 192.0.2.9 attribute [ 0x0e 0x80 0x00 ]; }"));
        assertTrue(e.getMessage().startsWith("test.conf:1:10: neighbor 192.0.2.1: route 10.0.0.1/32: attribute"), e.getMessage());
    }

    @Test
    void communitiesAreSortedAndLargeCommunitiesDeduplicated() throws ConfigException {
        Route r = one(IBGP + "static { route 10.0.0.1 next-hop 192.0.2.9 community [ 30740:30740 30740:0 ]"
                + " large-community [ 2914:3320:123 2914:0:666 2914:3320:123 ]; }").routes().get(0);
        assertEquals(List.of(30740L << 16, (30740L << 16) | 30740), attributes(r).get(Attribute.Communities.class).orElseThrow().values());
        assertEquals(List.of(new Attribute.LargeCommunity(2914, 0, 666), new Attribute.LargeCommunity(2914, 3320, 123)),
                attributes(r).get(Attribute.LargeCommunities.class).orElseThrow().values());
    }

    @Test
    void ipv6RoutesCarryASixteenOctetNextHop() throws ConfigException {
        PeerSettings s = map("neighbor 2001:db8::1 { router-id 10.0.0.1; local-as 1; peer-as 1;"
                + " family { ipv6 unicast; } static { route 2001:db8:1::/48 next-hop 2001:db8::2; } }").get(0);
        Route r = s.routes().get(0);
        assertEquals(Family.IPV6_UNICAST, r.family());
        assertArrayEquals(IpAddress.parse("2001:db8::2").bytes(), r.path().nextHop());
        assertTrue(attributes(r).nextHop().isEmpty());
    }

    @Test
    void anIpv4RouteWithAnIpv6NextHopNeedsTheExtendedNextHopEncoding() throws ConfigException {
        String families = "family { ipv4 unicast; ipv6 unicast; }";
        ConfigException e = assertThrows(ConfigException.class,
                () -> one(IBGP + families + " static { route 10.0.0.0/24 next-hop 2001:db8::2; }"));
        assertTrue(e.getMessage().contains("extended next hop"), e.getMessage());

        PeerSettings s = one(IBGP + families + " nexthop { ipv4 unicast ipv6; } static { route 10.0.0.0/24 next-hop 2001:db8::2; }");
        assertEquals(16, s.routes().get(0).path().nextHop().length);
        assertTrue(attributes(s.routes().get(0)).nextHop().isEmpty());
        assertTrue(s.session().capabilities().contains(new Capability.ExtendedNextHop(
                List.of(new Capability.ExtendedNextHop.Entry(Family.AFI_IPV4, 1, Family.AFI_IPV6)))));
    }

    @Test
    void anIpv6RouteWithAnIpv4NextHopIsRefused() {
        assertThrows(ConfigException.class, () -> one(IBGP + "family { ipv4 unicast; ipv6 unicast; }"
                + " static { route 2001:db8:1::/48 next-hop 10.0.0.1; }"));
    }

    @Test
    void pathInformationIsThePathId() throws ConfigException {
        Route r = one(IBGP + "capability { add-path send/receive; } static { route 10.0.0.10 next-hop 10.10.1.1 path-information 0.0.0.7; }")
                .routes().get(0);
        assertEquals(7, r.prefix().pathId());
    }

    @Test
    void sessionSettingsFollowTheNeighbor() throws ConfigException {
        PeerSettings s = one(IBGP + "hold-time 90; connect 1790; group-updates false; manual-eor true;"
                + " capability { route-refresh enable; graceful-restart 120; add-path send; }"
                + " family { ipv4 unicast; ipv6 unicast; }");
        SessionConfig c = s.session();
        assertEquals(65000, c.localAs());
        assertEquals(0x0A000001L, c.localId());
        assertEquals(90, c.holdTime());
        assertEquals(1790, s.connectPort());
        assertEquals(literal("192.0.2.2"), s.localAddress());
        assertFalse(s.groupUpdates());
        assertTrue(s.manualEor());
        assertTrue(c.active());
        assertFalse(c.passive());
        assertEquals(0, s.listenPort());
        // ExaBGP's order: MP, 4-octet AS, ADD-PATH, graceful restart, route refresh, enhanced route refresh, extended message
        assertEquals(List.of(Capability.MULTIPROTOCOL, Capability.MULTIPROTOCOL, Capability.FOUR_OCTET_AS, Capability.ADD_PATH,
                Capability.GRACEFUL_RESTART, Capability.ROUTE_REFRESH, Capability.ENHANCED_ROUTE_REFRESH,
                Capability.EXTENDED_MESSAGE), c.capabilities().stream().map(Capability::code).toList());
    }

    @Test
    void defaultsAdvertiseWhatExaBgpAdvertises() throws ConfigException {
        SessionConfig c = one(IBGP).session();
        assertEquals(List.of(Capability.MULTIPROTOCOL, Capability.MULTIPROTOCOL, Capability.FOUR_OCTET_AS,
                Capability.EXTENDED_MESSAGE), c.capabilities().stream().map(Capability::code).toList());
        assertNull(c.softwareVersion());
        assertNull(c.hostName());
        assertTrue(one(IBGP + "capability { software-version enable; }").session().softwareVersion().startsWith("twinbgp/"));
        assertEquals("h", one(IBGP + "host-name h;").session().hostName());
    }

    @Test
    void passiveOnlyAcceptsAndListenAlsoAccepts() throws ConfigException {
        PeerSettings passive = one(IBGP + "passive;");
        assertFalse(passive.session().active());
        assertTrue(passive.session().passive());
        assertEquals(PeerSettingsMapper.BGP_PORT, passive.listenPort());
        PeerSettings both = one(IBGP + "listen 1179;");
        assertTrue(both.session().active());
        assertTrue(both.session().passive());
        assertEquals(1179, both.listenPort());
    }

    @Test
    void aNeighborWithoutARouterIdIsRefused() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> map("neighbor 2001:db8::1 { local-address 2001:db8::2; local-as 1; peer-as 1; }"));
        assertEquals("test.conf:1:10: neighbor 2001:db8::1: needs a router-id (or an IPv4 local-address to take it from)", e.getMessage());
    }

    @Test
    void settingsTheSessionCannotRunAreRefused() {
        assertThrows(ConfigException.class, () -> one("router-id 10.0.0.1; local-as 0; peer-as 1;"));
        assertThrows(ConfigException.class, () -> one("router-id 10.0.0.1; local-as 70000; peer-as 1; capability { asn4 disable; }"));
    }

    @Test
    void anEmptyConfigurationHasNoPeers() throws ConfigException {
        assertEquals(List.of(), map(""));
    }

    /**
     * conf-cap-paths-limit.conf: the neighbor-level add-path block offers ADD-PATH for its families and advertises
     * PATHS-LIMIT (code 76: AFI, SAFI, limit) right after ADD-PATH for those with a limit; a family left out of the
     * block gets no ADD-PATH.
     */
    @Test
    void theAddPathBlockChoosesTheFamiliesAndTheirPathsLimit() throws ConfigException {
        List<Capability> caps = one(IBGP + """
                capability { add-path send/receive; }
                family { ipv4 unicast; ipv6 unicast; }
                add-path { ipv4 unicast limit 10; }
                """).session().capabilities();
        int addPath = -1;
        for (int i = 0; i < caps.size(); i++) {
            if (caps.get(i) instanceof Capability.AddPath a) {
                addPath = i;
                assertEquals(List.of(Family.IPV4_UNICAST), a.entries().stream().map(Capability.AddPath.Entry::family).toList());
            }
        }
        assertTrue(addPath >= 0, caps.toString());
        Capability.Unknown limit = (Capability.Unknown) caps.get(addPath + 1);
        assertEquals(SessionConfig.PATHS_LIMIT, limit.code());
        assertArrayEquals(new byte[] {0, 1, 1, 0, 10}, limit.value());

        List<Capability> all = one(IBGP + """
                capability { add-path send/receive; }
                family { ipv4 unicast; ipv6 unicast; }
                """).session().capabilities();
        assertTrue(all.stream().anyMatch(c -> c instanceof Capability.AddPath a && a.entries().size() == 2), all.toString());
        assertTrue(all.stream().noneMatch(c -> c instanceof Capability.Unknown u && u.code() == SessionConfig.PATHS_LIMIT));
    }

    /** {@code operational} and {@code multi-session} are advertised with ExaBGP's codes and bytes, in its order. */
    @Test
    void operationalAndMultiSessionCapabilities() throws ConfigException {
        List<Capability> caps = one(IBGP + "capability { route-refresh; operational enable; multi-session; }")
                .session().capabilities();
        List<String> codes = caps.stream().map(c -> c instanceof Capability.Unknown u
                ? u.code() + ":" + HexFormat.of().formatHex(u.value()) : c.getClass().getSimpleName()).toList();
        assertTrue(codes.indexOf("185:") > codes.indexOf("EnhancedRouteRefresh"), codes.toString());
        assertTrue(codes.indexOf("185:") < codes.indexOf("ExtendedMessage"), codes.toString());
        assertEquals(List.of("68:00", "68:01"), codes.subList(codes.size() - 2, codes.size()), codes.toString());
    }

    @Test
    void aigpGoesOnlyWhereAigpSessionIsOn() throws ConfigException {
        // RFC 7311 section 3.3: on for internal sessions, off for external ones unless configured.
        String route = "static { route 10.0.0.0/24 next-hop 192.0.2.9 aigp 100 bgp-prefix-sid [ 777 ]; }";
        Attributes ibgp = attributes(one(IBGP + route).routes().get(0));
        assertEquals(100, ibgp.get(Attribute.Aigp.class).orElseThrow().metric());
        Attributes ebgp = attributes(one(EBGP + route).routes().get(0));
        assertTrue(ebgp.get(Attribute.Aigp.class).isEmpty(), "not to an external peer by default");
        assertTrue(ebgp.get(Attribute.PrefixSid.class).isPresent(), "Prefix-SID is optional transitive, always sent");
        Attributes enabled = attributes(one(EBGP + "capability { aigp enable; }\n" + route).routes().get(0));
        assertEquals(100, enabled.get(Attribute.Aigp.class).orElseThrow().metric());
    }

    @Test
    void linkLocalNextHopMakesA32OctetNextHopAndIsAdvertised() throws ConfigException {
        String v6 = "neighbor ::1 {\n router-id 10.0.0.1; local-address ::1; local-as 1; peer-as 1; family { ipv6 unicast; }\n";
        PeerSettings both = map(v6 + "local-link-local fe80::1; capability { link-local-nexthop; }\n"
                + "static { route 2001:db8:1::/48 next-hop 2001:db8::1; route 2001:db8:2::/48 next-hop fe80::cafe; }\n}\n")
                .get(0);
        assertEquals("20010DB8000000000000000000000001FE800000000000000000000000000001",
                HexFormat.of().withUpperCase().formatHex(both.routes().get(0).path().nextHop()));
        assertEquals(16, both.routes().get(1).path().nextHop().length, "a link-local next hop alone stays 16 octets");
        assertTrue(both.session().capabilities().contains(new Capability.LinkLocalNextHop()));
        PeerSettings noCapability = map(v6 + "local-link-local fe80::1;\n"
                + "static { route 2001:db8:1::/48 next-hop 2001:db8::1; }\n}\n").get(0);
        assertEquals(16, noCapability.routes().get(0).path().nextHop().length);
        assertFalse(noCapability.session().capabilities().contains(new Capability.LinkLocalNextHop()));
    }
}
