package dev.twinbgp.speaker.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.family.RouteKey;
import dev.twinbgp.speaker.api.MappingRouteConverter;
import dev.twinbgp.speaker.config.RouteParser;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * L3VPN and labeled unicast with GoBGP on loopback (RFC 4364, RFC 4659, RFC 8277): routes written in ExaBGP's
 * configuration syntax ({@code rd} of types 0 and 1, {@code label}, route targets) reach GoBGP's RIB with RD, labels and route
 * targets intact ({@code gobgp global rib -a vpnv4 / vpnv6 / ipv4-mpls}); a VPNv4 route GoBGP announces is
 * reported in ExaBGP's JSON; our withdrawal (label 0x800000 when none is written) removes the route from GoBGP.
 * GoBGP connects; we are passive. Next hops are not loopback addresses: GoBGP treats an UPDATE whose NEXT_HOP
 * is one as withdraw ("invalid nexthop address"), and we send NEXT_HOP beside the VPN next hop, as ExaBGP does.
 */
class GoBgpVpnInteropTest extends AbstractInteropTest {
    static final long OUR_AS = 65041;
    static final long THEIR_AS = 65042;

    GoBgpVpnInteropTest() {
        super("127.0.13.1", "127.0.13.2");
    }

    @Test
    void vpnAndLabeledRoutesBothWays() throws Exception {
        GoBgpPeering p = gobgp(OUR_AS, THEIR_AS);
        GoBgp gobgp = p.daemon().families("l3vpn-ipv4-unicast", "l3vpn-ipv6-unicast", "ipv4-labelled-unicast");
        p.start("""
                family { ipv4 mpls-vpn; ipv6 mpls-vpn; ipv4 nlri-mpls; }
                static {
                    route 10.1.0.0/24 rd 65041:1 label 1000 next-hop 192.0.2.41 extended-community [ target:65041:1 ];
                    route 10.1.1.0/24 route-distinguisher 192.0.2.1:7 label 1001 next-hop 192.0.2.41;
                    route 2001:db8:1::/48 rd 65041:9 label 1002 next-hop 2001:db8::1
                        extended-community [ target:65041:2 ];
                    route 10.2.0.0/24 label [ 2000 2001 ] next-hop 192.0.2.41;
                }
                """);

        // Ours -> GoBGP: RD (types 0, 1; GoBGP 3.10 shows a type 2 RD as 65535:N, so the FRR test checks type 2),
        // labels, route targets.
        gobgp.await("our VPNv4 routes in its RIB", Interop.LONG, () -> {
            String rib = gobgp.gobgp("global", "rib", "-a", "vpnv4");
            return rib.contains("65041:1:10.1.0.0/24") && rib.contains("192.0.2.1:7:10.1.1.0/24");
        });
        String v4 = gobgp.gobgp("global", "rib", "-a", "vpnv4");
        assertTrue(v4.contains("[1000]") && v4.contains("[1001]"), v4);
        assertTrue(v4.contains("65041:1]") || v4.contains("65041:1 "), v4); // the route target
        assertTrue(v4.contains("192.0.2.41"), "next hop: " + v4);
        gobgp.await("our VPNv6 route in its RIB", Interop.LONG,
                () -> gobgp.gobgp("global", "rib", "-a", "vpnv6").contains("65041:9:2001:db8:1::/48"));
        String v6 = gobgp.gobgp("global", "rib", "-a", "vpnv6");
        assertTrue(v6.contains("[1002]") && v6.contains("2001:db8::1") && v6.contains("65041:2"), v6);
        gobgp.await("our labeled route in its RIB", Interop.LONG,
                () -> gobgp.gobgp("global", "rib", "-a", "ipv4-mpls").contains("10.2.0.0/24"));
        String mpls = gobgp.gobgp("global", "rib", "-a", "ipv4-mpls");
        assertTrue(mpls.contains("2000") && mpls.contains("2001"), mpls);

        // Our withdrawal, written without label as an API command would be: GoBGP drops the route.
        List<RouteKey> gone = MappingRouteConverter.INSTANCE.toPrefixes(RouteParser.parseWithdrawal("route 10.1.0.0/24 rd 65041:1"));
        p.peer().withdraw(gone);
        gobgp.await("our VPNv4 withdrawal applied", Interop.LONG,
                () -> !gobgp.gobgp("global", "rib", "-a", "vpnv4").contains("65041:1:10.1.0.0/24"));

        // GoBGP -> ours, reported in ExaBGP's JSON.
        gobgp.gobgp("global", "rib", "-a", "vpnv4", "add", "10.9.0.0/24", "label", "200", "rd", "65042:9",
                "rt", "65042:9", "nexthop", theirs());
        p.ours().awaitJson("GoBGP's VPNv4 route in our JSON", all -> all.lines().anyMatch(l ->
                l.contains("\"ipv4mpls-vpn\":{") && l.contains("{\"nlri\":\"10.9.0.0/24\",\"label\":[[200,3201]],\"rd\":\"65042:9\"}")
                        && l.contains("\"string\":\"target:65042:9\"")), gobgp);
        assertTrue(p.ours().received(Family.IPV4_MPLS_VPN) > 0);
    }
}
