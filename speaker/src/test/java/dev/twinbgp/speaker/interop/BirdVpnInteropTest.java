package dev.twinbgp.speaker.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.family.RouteKey;
import dev.twinbgp.speaker.api.MappingRouteConverter;
import dev.twinbgp.speaker.config.RouteParser;
import dev.twinbgp.speaker.session.PeerDriver;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * L3VPN with BIRD 2's {@code vpn4}/{@code vpn6} channels on loopback (RFC 4364, RFC 4659; issue 13): routes written in
 * ExaBGP's configuration syntax - RDs of types 0, 1 and 2, one label and a stack of two, route targets - land in
 * BIRD's VPN tables with RD, labels and route targets intact ({@code birdc show route all table vpntab4/vpntab6});
 * our withdrawal (label 0x800000, RFC 8277 section 2.4) removes one; BIRD's static VPN routes reach us and are
 * reported in ExaBGP's JSON with their RD, BIRD's label (3, implicit null: see {@link Bird#withVpn()}) and route target, and
 * BIRD's withdrawal of one is reported and applied.
 * BIRD is passive; we connect.
 */
class BirdVpnInteropTest extends AbstractInteropTest {
    static final long OUR_AS = 65091;
    static final long THEIR_AS = 65092;

    BirdVpnInteropTest() {
        super("127.0.92.1", "127.0.92.2");
    }

    @Test
    void vpnRoutesBothWays() throws Exception {
        BirdPeering p = bird(OUR_AS, THEIR_AS);
        Bird bird = p.daemon().withVpn();
        p.start("""
                family { ipv4 mpls-vpn; ipv6 mpls-vpn; }
                static {
                    route 10.1.0.0/24 rd 65091:1 label 1000 next-hop 192.0.2.91 extended-community [ target:65091:1 ];
                    route 10.1.1.0/24 route-distinguisher 192.0.2.1:7 label 1001 next-hop 192.0.2.91
                        extended-community [ target:65091:3 target:192.0.2.1:4 ];
                    route 10.1.2.0/24 rd 4200000001:9 label [ 2000 2001 ] next-hop 192.0.2.91 extended-community [ target:65091:5 ];
                    route 2001:db8:1::/48 rd 65091:9 label 1002 next-hop 2001:db8::91 extended-community [ target:65091:2 ];
                }
                """);
        PeerDriver peer = p.peer();

        // Ours -> BIRD: RD of type 0, 1 and 2, labels, route targets, next hops.
        bird.await("our four VPN routes in its tables", Interop.LONG, () -> bird.vpnRoutes("vpntab4").keySet().containsAll(
                List.of("65091:1 10.1.0.0/24", "192.0.2.1:7 10.1.1.0/24", "4200000001:9 10.1.2.0/24"))
                && bird.vpnRoutes("vpntab6").containsKey("65091:9 2001:db8:1::/48"));
        Map<String, String> v4 = bird.vpnRoutes("vpntab4");
        String r1 = v4.get("65091:1 10.1.0.0/24");
        assertTrue(r1.contains("BGP.mpls_label_stack: 1000\n") && r1.contains("(rt, 65091, 1)")
                && r1.contains("BGP.next_hop: 192.0.2.91") && r1.contains("BGP.as_path: 65091"), r1);
        String r2 = v4.get("192.0.2.1:7 10.1.1.0/24");
        assertTrue(r2.contains("BGP.mpls_label_stack: 1001\n") && r2.contains("(rt, 65091, 3)")
                && r2.contains("(rt, 192.0.2.1, 4)"), r2);
        String r3 = v4.get("4200000001:9 10.1.2.0/24");
        assertTrue(r3.contains("BGP.mpls_label_stack: 2000/2001\n") && r3.contains("(rt, 65091, 5)"), r3);
        String r6 = bird.vpnRoutes("vpntab6").get("65091:9 2001:db8:1::/48");
        assertTrue(r6.contains("BGP.mpls_label_stack: 1002\n") && r6.contains("(rt, 65091, 2)")
                && r6.contains("BGP.next_hop: 2001:db8::91"), r6);

        // Our withdrawal, written without label as an API command would be: BIRD drops the route, keeps the others.
        List<RouteKey> gone = MappingRouteConverter.INSTANCE.toPrefixes(RouteParser.parseWithdrawal("route 10.1.0.0/24 rd 65091:1"));
        peer.withdraw(gone);
        bird.await("our VPNv4 withdrawal applied", Interop.LONG, () -> !bird.vpnRoutes("vpntab4").containsKey("65091:1 10.1.0.0/24"));
        assertTrue(bird.vpnRoutes("vpntab4").containsKey("192.0.2.1:7 10.1.1.0/24"));

        // BIRD -> ours: its static vpn4 and vpn6 routes, reported in ExaBGP's JSON with RD, label and route target.
        p.ours().awaitJson("BIRD's VPNv4 route in our JSON", all ->
                all.contains("\"ipv4mpls-vpn\":{\"" + theirs() + "\":[{\"nlri\":\"" + Bird.VPN4_ROUTE
                    + "\",\"label\":[[3,49]],\"rd\":\"" + bird.vpnRd(7) + "\"}]}") && all.contains("\"string\":\"target:65092:7\""), bird);
        p.ours().awaitJson("BIRD's VPNv6 route in our JSON", all ->
                all.contains("\"ipv6mpls-vpn\":{\"" + Bird.VPN6_NEXT_HOP + "\":[{\"nlri\":\"" + Bird.VPN6_ROUTE
                    + "\",\"label\":[[3,49]],\"rd\":\"" + bird.vpnRd(8) + "\"}]}") && all.contains("\"string\":\"target:65092:8\""), bird);
        Interop.until("both in our Adj-RIB-In", () -> p.ours().query(() -> peer.adjRibIn().sizesByFamily())
                .equals(Map.of(Family.IPV4_MPLS_VPN, 1, Family.IPV6_MPLS_VPN, 1)), bird::log);

        // BIRD withdraws its VPNv4 route (its static protocol disabled): the withdrawal is reported and applied.
        assertTrue(bird.birdc("disable", "svpn4").contains("disabled"), "birdc disable svpn4");
        p.ours().awaitJson("BIRD's VPNv4 withdrawal in our JSON", all -> all.contains(
                "\"withdraw\":{\"ipv4mpls-vpn\":[{\"nlri\":\"" + Bird.VPN4_ROUTE + "\"}]}"), bird);
        Interop.until("only the VPNv6 route left", () -> {
            Map<Family, Integer> held = p.ours().query(() -> peer.adjRibIn().sizesByFamily()); // a family's count stays, at 0
            return held.getOrDefault(Family.IPV4_MPLS_VPN, 0) == 0 && held.getOrDefault(Family.IPV6_MPLS_VPN, 0) == 1;
        }, bird::log);
    }
}
