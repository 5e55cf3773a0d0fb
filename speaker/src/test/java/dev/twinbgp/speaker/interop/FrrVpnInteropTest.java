package dev.twinbgp.speaker.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.bgp.wire.attribute.Attribute;
import dev.twinbgp.bgp.wire.family.Family;
import org.junit.jupiter.api.Test;

/**
 * L3VPN and labeled unicast with FRR on loopback ({@code address-family ipv4 vpn}, {@code ipv6 vpn},
 * {@code ipv4 labeled-unicast}): FRR's {@code show bgp ipv4 vpn} lists our routes under their route
 * distinguishers (types 0, 1 and 2) with their labels and route targets; we receive FRR's static VPNv4 and VPNv6
 * routes ({@code network ... rd ... label ... route-map}) and report them in ExaBGP's JSON with RD, label and route
 * target. FRR 8.4 cannot originate a labeled-unicast route here: its label would come from zebra's label manager,
 * and this bgpd runs without zebra. FRR is passive. Next hops are not loopback addresses: FRR treats one as
 * martian and the UPDATE as withdraw.
 */
class FrrVpnInteropTest extends AbstractInteropTest {
    static final long OUR_AS = 65061;
    static final long THEIR_AS = 65062;

    FrrVpnInteropTest() {
        super("127.0.13.11", "127.0.13.12");
    }

    @Test
    void ourVpnRoutesShownByFrr() throws Exception {
        FrrPeering p = frr(OUR_AS, THEIR_AS);
        Frr frr = p.daemon().withFamilies("ipv4 vpn", "ipv6 vpn", "ipv4 labeled-unicast")
                .withFamilyLines("ipv4 vpn", "network 10.99.0.0/24 rd 65062:9 label 99 route-map THEIR-RT")
                .withFamilyLines("ipv6 vpn", "network 2001:db8:99::/48 rd 192.0.2.62:9 label 98 route-map THEIR-RT")
                .withGlobalLines("route-map THEIR-RT permit 10", " set extcommunity rt 65062:9");
        p.start("""
                family { ipv4 mpls-vpn; ipv6 mpls-vpn; ipv4 nlri-mpls; }
                static {
                    route 10.1.0.0/24 rd 65061:1 label 1000 next-hop 192.0.2.61 extended-community [ target:65061:1 ];
                    route 10.1.1.0/24 rd 4200000001:9 label 1001 next-hop 192.0.2.61;
                    route 2001:db8:1::/48 rd 192.0.2.1:7 label 1002 next-hop 2001:db8::1
                        extended-community [ target:65061:2 ];
                    route 10.2.0.0/24 label 2000 next-hop 192.0.2.61;
                }
                """);
        frr.await("our VPNv4 route in 'show bgp ipv4 vpn'", Interop.LONG,
                () -> frr.vtysh("show bgp ipv4 vpn").contains("10.1.0.0/24"));
        String v4 = frr.vtysh("show bgp ipv4 vpn 10.1.0.0/24");
        assertTrue(v4.contains("65061:1"), v4); // the RD
        assertTrue(v4.contains("RT:65061:1"), v4);
        assertTrue(v4.contains("1000"), v4); // the label
        frr.await("our type 2 RD in 'show bgp ipv4 vpn'", Interop.LONG,
                () -> frr.vtysh("show bgp ipv4 vpn").contains("4200000001:9"));
        frr.await("our VPNv6 route in 'show bgp ipv6 vpn'", Interop.LONG,
                () -> frr.vtysh("show bgp ipv6 vpn").contains("2001:db8:1::/48"));
        String v6 = frr.vtysh("show bgp ipv6 vpn 2001:db8:1::/48");
        assertTrue(v6.contains("192.0.2.1:7") && v6.contains("RT:65061:2") && v6.contains("1002"), v6);
        frr.await("our labeled route in 'show bgp ipv4 labeled-unicast'", Interop.LONG,
                () -> frr.vtysh("show bgp ipv4 labeled-unicast").contains("10.2.0.0/24"));
        String lu = frr.vtysh("show bgp ipv4 labeled-unicast 10.2.0.0/24");
        assertTrue(lu.contains("2000"), lu);
    
        // FRR -> ours: its static VPN routes (network ... rd ... label ... in address-family ipv4/ipv6 vpn), reported in
        // ExaBGP's JSON with RD, label (FRR's MPLS label field, 99 << 4 | S) and the route target its route map sets.
        p.ours().awaitJson("FRR's VPN routes in our JSON", all -> all.lines().anyMatch(l -> l.contains("\"ipv4mpls-vpn\":{")
                && l.contains("{\"nlri\":\"10.99.0.0/24\",\"label\":[[99,1585]],\"rd\":\"65062:9\"}")
                && l.contains("\"string\":\"target:65062:9\"") && l.contains("\"value\":[" + THEIR_AS + "]"))
                && all.lines().anyMatch(l -> l.contains("\"ipv6mpls-vpn\":{")
                && l.contains("{\"nlri\":\"2001:db8:99::/48\",\"label\":[[98,1569]],\"rd\":\"192.0.2.62:9\"}")
                && l.contains("\"string\":\"target:65062:9\"")), frr);
        assertTrue(p.ours().query(() -> p.peer().adjRibIn().routes().stream().anyMatch(r -> r.family().equals(Family.IPV4_MPLS_VPN)
                && r.path().attributes().asPath().orElseThrow().equals(Attribute.AsPath.sequence(THEIR_AS)))));
    }
}
