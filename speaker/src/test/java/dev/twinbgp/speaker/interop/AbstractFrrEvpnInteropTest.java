package dev.twinbgp.speaker.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.bgp.wire.family.Family;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * EVPN with FRR on loopback (RFC 7432, RFC 9136). FRR cannot originate EVPN routes without kernel VXLAN devices,
 * so it passes ours on: our first peer (AS {@value #OUR_AS}) sends MAC/IP (type 2), Inclusive Multicast (type 3)
 * and IP Prefix (type 5) routes, {@code show bgp l2vpn evpn route} lists them, and FRR sends them over eBGP to our
 * second peer (AS {@value #OTHER_AS}), which reports them in ExaBGP's JSON with FRR's AS in the path. FRR is
 * passive; both our speakers (one peer each) connect.
 */
abstract class AbstractFrrEvpnInteropTest extends AbstractInteropTest {
    static final long OUR_AS = 65151;
    static final long THEIR_AS = 65152;
    static final long OTHER_AS = 65153;

    /** Our second peer's address. */
    abstract String other();

    @Test
    void frrHoldsOurRoutesAndPassesThemOn() throws Exception {
        FrrPeering p = frr(OUR_AS, THEIR_AS).withReceiver(other(), OTHER_AS);
        Frr frr = p.daemon().withFamilies("l2vpn evpn");
        // FRR refuses a 127/8 next hop as martian: a documentation address (the value only, no traffic)
        p.start(List.of(Family.L2VPN_EVPN), AbstractGoBgpEvpnInteropTest.ourRoutes("192.0.2.1", OUR_AS));
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
}
