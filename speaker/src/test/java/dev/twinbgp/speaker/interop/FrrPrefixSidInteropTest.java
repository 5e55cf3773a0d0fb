package dev.twinbgp.speaker.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * BGP Prefix-SID (RFC 8669) and AIGP (RFC 7311) with FRR on loopback: our labeled unicast route, written in ExaBGP's
 * syntax ({@code label [ 800001 ] bgp-prefix-sid [ 777, [ ( 800000,4096 ) ] ] aigp 100}), over an internal session
 * (AIGP_SESSION on, RFC 7311 section 3.3); FRR's {@code show bgp ipv4 labeled-unicast PREFIX} shows the label index
 * it read from the Prefix-SID ({@code Label Index: 777}, {@code "labelIndex":777}) and keeps the route beside the AIGP
 * it does not know. FRR is passive; we connect.
 */
class FrrPrefixSidInteropTest extends AbstractInteropTest {
    static final long AS = 65070;

    FrrPrefixSidInteropTest() {
        super("127.0.40.11", "127.0.40.12");
    }

    @Test
    void labelIndexAndAigpShownByFrr() throws Exception {
        FrrPeering p = frr(AS, AS);
        Frr frr = p.daemon().withFamilies("ipv4 labeled-unicast");
        p.start("""
                family { ipv4 nlri-mpls; }
                static {
                    route 10.70.0.0/24 next-hop 192.0.2.70 label [ 800001 ] bgp-prefix-sid [ 777, [ ( 800000,4096 ) ] ] aigp 100;
                }
                """);
        frr.await("our labeled route in 'show bgp ipv4 labeled-unicast'", Interop.LONG,
                () -> frr.vtysh("show bgp ipv4 labeled-unicast").contains("10.70.0.0/24"));
        String shown = frr.vtysh("show bgp ipv4 labeled-unicast 10.70.0.0/24");
        String json = frr.vtysh("show bgp ipv4 labeled-unicast 10.70.0.0/24 json");
        assertTrue(shown.contains("800001"), shown); // the label
        assertTrue(shown.contains("Label Index: 777"), shown);
        assertTrue(json.contains("\"labelIndex\":777"), json);
        // FRR 8.4 (Debian's) predates its AIGP support: it drops the attribute as an unknown non-transitive one, and
        // keeps the route (RFC 4271 section 5). GoBGP's test reads our AIGP back.
        assertTrue(json.contains("\"remoteLabel\":800001"), json);
    }
}
