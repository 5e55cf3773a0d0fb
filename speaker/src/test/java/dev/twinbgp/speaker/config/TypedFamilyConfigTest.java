package dev.twinbgp.speaker.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.bgp.rib.Route;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.family.NlriRoute;
import dev.twinbgp.speaker.mapping.PeerSettingsMapper;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The configuration grammar of the typed families (EVPN, VPLS, MCAST-VPN, MUP): what ExaBGP's examples write
 * becomes the NLRI octets of its vectors (conf-mvpn's routes, read here without the auto-flush line it waits for),
 * and a mistake is reported with file:line:column and what was expected.
 */
class TypedFamilyConfigTest {
    private static final String HEAD = """
            neighbor 127.0.0.1 {
                router-id 32.32.32.32;
                local-address 127.0.0.1;
                local-as 65000;
                peer-as 65000;
            """;

    private static List<String> nlris(String body) throws ConfigException {
        List<Route> routes = PeerSettingsMapper.map(ConfigParser.parse("t.conf", HEAD + body + "}\n")).get(0).routes();
        return routes.stream().map(r -> HexFormat.of().withUpperCase().formatHex(((NlriRoute) r.key()).nlri())).toList();
    }

    @Test
    void mcastVpnRoutesAreTheVectorsOctets() throws ConfigException {
        List<String> nlri = nlris("""
                family { ipv4 mcast-vpn; ipv6 mcast-vpn; }
                announce {
                    ipv4 {
                        mcast-vpn shared-join rp 10.99.199.1 group 239.251.255.228 rd 65000:99999 source-as 65000 next-hop 10.10.6.3 extended-community [ target:192.168.94.12:5 ];
                        mcast-vpn source-ad source 10.99.12.4 group 239.251.255.228 rd 65000:99999 next-hop 10.10.6.4 extended-community [ target:65000:99999 ];
                    }
                    ipv6 {
                        mcast-vpn source-join source fd12::2 group ff0e::1 rd 65000:99999 source-as 65000 next-hop 10.10.6.3;
                    }
                }
                """);
        assertEquals(List.of("06160000FDE80001869F0000FDE8200A63C70120EFFBFFE4",
                "05120000FDE80001869F200A630C0420EFFBFFE4",
                "072E0000FDE80001869F0000FDE880FD12000000000000000000000000000280FF0E0000000000000000000000000001"), nlri);
    }

    @Test
    void vplsLinesContinuedByBackslash() throws ConfigException {
        List<String> nlri = nlris("""
                family { l2vpn vpls; }
                l2vpn {
                    vpls \\
                        rd 192.168.201.1:123 \\
                        endpoint 5 base 10702 offset 1 size 8 \\
                        next-hop 192.168.201.1;
                    vpls site5 { endpoint 5; base 10732; offset 1; size 8; rd 192.168.201.1:124; next-hop 192.168.201.1; }
                }
                """);
        assertEquals(List.of("00110001C0A8C901007B000500010008029CE1", "00110001C0A8C901007C000500010008029EC1"), nlri);
    }

    @Test
    void evpnRoutesOfEachType() throws ConfigException {
        List<String> nlri = nlris("""
                family { l2vpn evpn; }
                l2vpn {
                    evpn mac-ip rd 37.44.55.55:1 ethernet-tag 1901 mac FC:15:B4:78:7B:8F label 0 next-hop 192.0.2.1;
                    evpn ethernet-ad rd 1:1 esi 00:11:22:33:44:55:66:77:88:99 ethernet-tag 7 label 100 next-hop 192.0.2.1;
                    evpn ethernet-segment rd 1:1 esi 00:11:22:33:44:55:66:77:88:99 ip 192.0.2.1 next-hop 192.0.2.1;
                }
                """);
        assertEquals("02210001252C37370001000000000000000000000000076D30FC15B4787B8F00000001", nlri.get(0));
        assertEquals("011900000001000000010011223344556677889900000007000641", nlri.get(1));
        assertEquals("041700000001000000010011223344556677889920C0000201", nlri.get(2));
    }

    @Test
    void mupRoutesAreTheVectorsOctets() throws ConfigException {
        List<String> nlri = nlris("""
                family { ipv4 mup; ipv6 mup; }
                announce {
                    ipv4 {
                        mup mup-t1st 192.168.0.1/32 rd 100:100 teid 12345 qfi 9 endpoint 10.0.0.1 next-hop 10.0.0.2;
                        mup mup-t2st 10.0.0.1 rd 100:100 teid 12345/23 next-hop 10.0.0.2;
                    }
                    ipv6 {
                        mup mup-isd 2001::/64 rd 100:100 next-hop 2001::2;
                    }
                }
                """);
        assertEquals(List.of("01000317000000640000006420C0A800010000303909200A000001",
                "010004100000006400000064370A000001003039", "010001110000006400000064402001000000000000"), nlri);
    }

    @Test
    void mistakesSayWhereAndWhat() {
        ConfigException e = assertThrows(ConfigException.class, () -> nlris("""
                family { l2vpn evpn; }
                l2vpn {
                    evpn mac-ip rd 1:1 ethernet-tag 1 mac 00:11:22:33:44 label 5 next-hop 192.0.2.1;
                }
                """));
        assertTrue(e.getMessage().matches("(?s)t\\.conf:8:\\d+: .*"), e.getMessage());
        assertTrue(e.getMessage().contains("MAC address"), e.getMessage());
        ConfigException noNextHop = assertThrows(ConfigException.class, () -> nlris("""
                family { ipv4 mup; }
                announce { ipv4 { mup mup-dsd 10.0.0.1 rd 100:100; } }
                """));
        assertTrue(noNextHop.getMessage().contains("next-hop"), noNextHop.getMessage());
        ConfigException wrongFamily = assertThrows(ConfigException.class, () -> nlris("""
                family { ipv4 mcast-vpn; }
                announce { ipv4 { mcast-vpn source-ad source fd12::4 group ff0e::1 rd 1:1 next-hop 10.0.0.1; } }
                """));
        assertTrue(wrongFamily.getMessage().contains("an IPv4 address (ipv4 mcast-vpn)"), wrongFamily.getMessage());
    }

    /** The statement rules EVPN, VPLS, MCAST-VPN and MUP share ({@link RouteStatement}), tried on each family. */
    @Test
    void sharedStatementRules() throws ConfigException {
        for (String route : List.of("ipv4 { mcast-vpn source-ad source 10.0.0.1 group 239.1.1.1 %s next-hop 10.0.0.2; }",
                "ipv4 { mup mup-dsd 10.0.0.1 %s next-hop 10.0.0.2; }",
                "l2vpn { evpn multicast ethernet-tag 1 ip 10.0.0.1 %s next-hop 10.0.0.2; }",
                "l2vpn { vpls endpoint 5 base 10702 offset 1 size 8 %s next-hop 10.0.0.2; }")) {
            String family = route.contains("mup") ? "ipv4 mup" : route.contains("evpn") ? "l2vpn evpn"
                    : route.contains("vpls") ? "l2vpn vpls" : "ipv4 mcast-vpn";
            String head = "family { " + family + "; }\nannounce { ";
            assertEquals(nlris(head + route.formatted("rd 100:1") + " }\n"),
                    nlris(head + route.formatted("route-distinguisher 100:1") + " }\n"), route);
            ConfigException twice = assertThrows(ConfigException.class,
                    () -> nlris(head + route.formatted("rd 100:1 rd 100:2") + " }\n"));
            assertTrue(twice.getMessage().contains("each value once (rd is given twice)"), twice.getMessage());
            ConfigException noRd = assertThrows(ConfigException.class, () -> nlris(head + route.formatted("") + " }\n"));
            assertTrue(noRd.getMessage().contains("route with route-distinguisher"), noRd.getMessage());
            ConfigException unknown = assertThrows(ConfigException.class,
                    () -> nlris(head + route.formatted("rd 100:1 colour 5") + " }\n"));
            assertTrue(unknown.getMessage().contains("or an attribute or ';'"), unknown.getMessage());
        }
    }

    @Test
    void familiesByName() throws ConfigException {
        NeighborConfig n = ConfigParser.parse("f.conf", HEAD + """
                family { l2vpn evpn; l2vpn vpls; ipv4 mcast-vpn; ipv6 mcast-vpn; ipv4 mup; ipv6 mup; }
                }
                """).neighbors().get(0);
        assertEquals(List.of(Family.L2VPN_EVPN, Family.L2VPN_VPLS, Family.IPV4_MCAST_VPN, Family.IPV6_MCAST_VPN,
                Family.IPV4_MUP, Family.IPV6_MUP), n.families());
    }
}
