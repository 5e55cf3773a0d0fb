package dev.twinbgp.speaker.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.twinbgp.bgp.rib.Route;
import dev.twinbgp.bgp.wire.attribute.Attribute;
import dev.twinbgp.bgp.wire.family.Family;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * EVPN with FRR 8.4 on loopback (RFC 7432, RFC 9136), our MAC/IP (type 2), Inclusive Multicast (type 3) and IP
 * Prefix (type 5) routes both ways:
 * <ul>
 * <li>FRR holds ours: {@code show bgp l2vpn evpn route} lists them, {@code show bgp l2vpn evpn json} shows each
 *     under its RD with our MAC, IP, Ethernet tag, route target, next hop and AS_PATH;</li>
 * <li>FRR sends them: it passes ours over eBGP to our second peer (AS {@value #OTHER_AS}), which reports them in
 *     ExaBGP's JSON with FRR's AS in the path;</li>
 * <li>FRR originates the one route it can here, a static IP Prefix route ({@link #FRR_TYPE5}), which we report
 *     in ExaBGP's JSON; withdrawals both ways.</li>
 * </ul>
 * What FRR cannot originate here: types 2 and 3 come only from the VNIs zebra learns from kernel VXLAN devices
 * ({@code advertise-all-vni}), and a type 5 from a VRF ({@code advertise ipv4 unicast} in a {@code router bgp N vrf
 * V}) needs the VRF's L3VNI, which zebra reports only for a kernel VRF with a VXLAN device; this bgpd runs without
 * zebra ({@code -Z}), so FRR accepts that configuration and sends nothing ("Number of L3 VNIs: 0" in
 * {@code show bgp l2vpn evpn vni}). FRR is passive; our speakers connect.
 */
class FrrEvpnInteropTest extends AbstractInteropTest {
    static final long OUR_AS = 65151;
    static final long THEIR_AS = 65152;
    static final long OTHER_AS = 65153;

    /** Our second peer's address. */
    String other() {
        return "127.0.0.149";
    }

    FrrEvpnInteropTest() {
        super("127.0.0.147", "127.0.0.148");
    }

    @Test
    void frrHoldsOurRoutesAndPassesThemOn() throws Exception {
        FrrPeering p = frr(OUR_AS, THEIR_AS).withReceiver(other(), OTHER_AS);
        Frr frr = p.daemon().withFamilies("l2vpn evpn");
        // FRR refuses a 127/8 next hop as martian: a documentation address (the value only, no traffic)
        p.start(List.of(Family.L2VPN_EVPN), GoBgpEvpnInteropTest.ourRoutes("192.0.2.1", OUR_AS));
        TwinSpeaker second = p.receiver();

        frr.await("our routes in 'show bgp l2vpn evpn route'", Interop.LONG, () -> {
            String rib = frr.vtysh("show bgp l2vpn evpn route");
            return rib.contains("00:11:22:33:44:55") && rib.contains("10.20.30.0") && rib.contains("[3]:");
        });
        String rib = frr.vtysh("show bgp l2vpn evpn route");
        assertTrue(rib.contains("10.1.1.1") && rib.contains("10.0.0.1:100") && rib.contains("10.0.0.1:200"), rib);

        second.awaitJson("FRR's UPDATEs in our second peer's JSON", all ->
                all.contains("\"local\":\"" + other() + "\"") && all.contains("\"mac\":\"00:11:22:33:44:55\"")
                    && all.contains("\"name\":\"InclusiveMulticastEthernetTag\",\"rd\":\"10.0.0.1:100\"")
                    && all.contains("\"ip\":\"10.20.30.0\",\"iplen\":24") && all.contains("[" + THEIR_AS + "," + OUR_AS + "]"), frr);
        Interop.until("three routes in the second peer's Adj-RIB-In", () -> second.received(Family.L2VPN_EVPN) == 3, frr::log);
    }

    /**
     * FRR 8.4's static IP Prefix route ({@code network ... rd ... ethtag ...} in {@code address-family l2vpn evpn}),
     * without its {@code routermac}, which the {@code no} form does not take.
     */
    static final String FRR_TYPE5 = "network 10.77.0.0/24 rd 192.0.2.2:77 ethtag 0 label 77 esi 00:00:00:00:00:00:00:00:00:00"
            + " gwip 192.0.2.254";

    /**
     * FRR's JSON view of our types 2, 3 and 5 ({@code show bgp l2vpn evpn json}: RD, then the route in FRR's
     * {@code [type]:[...]} notation), and the one EVPN route FRR 8.4 originates here: a static IP Prefix route,
     * which we receive and report in ExaBGP's JSON, and whose withdrawal we see.
     */
    @Test
    void frrShowsOursInJsonAndOriginatesAnIpPrefixRoute() throws Exception {
        FrrPeering p = frr(OUR_AS, THEIR_AS);
        Frr frr = p.daemon().withFamilies("l2vpn evpn").withFamilyLines("l2vpn evpn",
                FRR_TYPE5 + " routermac 00:aa:bb:cc:dd:ee");
        List<Route> ours = GoBgpEvpnInteropTest.ourRoutes("192.0.2.1", OUR_AS);
        p.start(List.of(Family.L2VPN_EVPN), ours);

        frr.await("our 3 routes in 'show bgp l2vpn evpn json'", Interop.LONG, () -> {
            JsonNode rib = frr.json("show bgp l2vpn evpn json");
            return rib.path("10.0.0.1:100").size() == 3 && rib.path("10.0.0.1:200").size() == 2;
        });
        JsonNode rib = frr.json("show bgp l2vpn evpn json");
        JsonNode mac = ourPath(rib, "10.0.0.1:100", "[2]:[100]:[48]:[00:11:22:33:44:55]:[32]:[10.1.1.1]");
        assertEquals(2, mac.path("routeType").asInt(), mac::toString);
        assertEquals("00:11:22:33:44:55", mac.path("mac").asText(), mac::toString);
        assertEquals("10.1.1.1", mac.path("ip").asText(), mac::toString);
        assertEquals("RT:65000:100", mac.path("extendedCommunity").path("string").asText(), mac::toString);
        JsonNode multicast = ourPath(rib, "10.0.0.1:100", "[3]:[100]:[32]:[192.0.2.1]");
        assertEquals(3, multicast.path("routeType").asInt(), multicast::toString);
        assertEquals("RT:65000:100", multicast.path("extendedCommunity").path("string").asText(), multicast::toString);
        JsonNode prefix = ourPath(rib, "10.0.0.1:200", "[5]:[0]:[24]:[10.20.30.0]");
        assertEquals(5, prefix.path("routeType").asInt(), prefix::toString);
        assertEquals("RT:65000:200", prefix.path("extendedCommunity").path("string").asText(), prefix::toString);

        // FRR -> ours: its static IP Prefix route in ExaBGP's JSON (label 77 as the MPLS label field 77 << 4 | S, the
        // Router's MAC extended community, RFC 9135 section 8.1, in hex as ExaBGP shows a community it has no name for;
        // FRR 8.4 sends gateway 0.0.0.0 whatever its gwip says) and in our Adj-RIB-In (AS_PATH FRR's alone: FRR
        // also sends our own routes back, AS_PATH 65152 65151).
        p.ours().awaitJson("FRR's IP Prefix route in our JSON", all -> all.lines().anyMatch(l ->
                l.contains("\"name\":\"IPPrefixAdvertisement\",\"rd\":\"192.0.2.2:77\",\"esi\":\"-\",\"ethernet-tag\":0,"
                        + "\"label\":[[77,1233]],\"ip\":\"10.77.0.0\",\"iplen\":24,\"gateway\":\"0.0.0.0\"")
                        && l.contains("\"string\":\"0x060300AABBCCDDEE\"") && l.contains("\"as-path\":{\"0\":{\"element\":\"as-sequence\",\"value\":[" + THEIR_AS + "]}}")), frr);
        Interop.until("FRR's route in our Adj-RIB-In", () -> frrsOwn(p) == 1, frr::log);

        // Withdrawals both ways.
        frr.configureFamily("l2vpn evpn", "no " + FRR_TYPE5);
        p.ours().awaitJson("FRR's withdrawal in our JSON", all -> all.lines().anyMatch(l ->
                l.contains("\"withdraw\":{\"l2vpnevpn\":") && l.contains("\"rd\":\"192.0.2.2:77\"")), frr);
        Interop.until("FRR's route gone from our Adj-RIB-In", () -> frrsOwn(p) == 0, frr::log);
        p.peer().withdraw(List.of(ours.get(2).key()));
        frr.await("our IP Prefix route withdrawn", Interop.LONG,
                () -> !frr.json("show bgp l2vpn evpn json").path("10.0.0.1:200").has("[5]:[0]:[24]:[10.20.30.0]"));
        assertTrue(frr.json("show bgp l2vpn evpn json").path("10.0.0.1:100").has("[3]:[100]:[32]:[192.0.2.1]"),
                () -> frr.vtysh("show bgp l2vpn evpn route"));
    }

    /** How many EVPN routes our Adj-RIB-In holds that FRR originated (AS_PATH FRR's AS alone). */
    private static long frrsOwn(FrrPeering p) {
        return p.ours().query(() -> p.peer().adjRibIn().routes().stream().filter(r -> r.family().equals(Family.L2VPN_EVPN)
                && r.path().attributes().asPath().orElseThrow().equals(Attribute.AsPath.sequence(THEIR_AS))).count());
    }

    /** Our path (from {@link #ours()}, AS_PATH ours, next hop ours) of {@code route} under {@code rd} in FRR's JSON. */
    private JsonNode ourPath(JsonNode rib, String rd, String route) {
        JsonNode path = rib.path(rd).path(route).path("paths").path(0);
        assertEquals(ours(), path.path("peerId").asText(), () -> route + " in " + rib.toPrettyString());
        assertEquals(Long.toString(OUR_AS), path.path("path").asText(), path::toString);
        assertEquals("192.0.2.1", path.path("nexthops").path(0).path("ip").asText(), path::toString);
        return path;
    }
}
