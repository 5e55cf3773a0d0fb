package dev.twinbgp.speaker.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.bgp.wire.family.Family;
import java.util.List;
import org.junit.jupiter.api.Test;

/** FlowSpec to FRR on loopback: {@code show bgp ipv4 flowspec} lists our rule with its action. FRR is passive. */
class FrrFlowSpecInteropTest extends AbstractInteropTest {
    static final long OUR_AS = 65061;
    static final long THEIR_AS = 65062;

    FrrFlowSpecInteropTest() {
        super("127.0.0.59", "127.0.0.60");
    }

    @Test
    void ourRulesShownByFrr() throws Exception {
        FrrPeering p = frr(OUR_AS, THEIR_AS);
        Frr frr = p.daemon().withFamilies("ipv4 flowspec", "ipv6 flowspec");
        p.start(List.of(Family.IPV4_FLOW, Family.IPV6_FLOW), List.of(
                GoBgpFlowSpecInteropTest.rule("flow route destination 10.0.0.1/32 protocol tcp destination-port =80 then discard"),
                GoBgpFlowSpecInteropTest.rule("flow route destination 2001:db8::1/128 next-header udp then rate-limit 9600")));
        frr.await("our IPv4 rule in 'show bgp ipv4 flowspec'", Interop.LONG,
                () -> frr.vtysh("show bgp ipv4 flowspec detail").contains("10.0.0.1/32"));
        String v4 = frr.vtysh("show bgp ipv4 flowspec detail");
        assertTrue(v4.contains("rate 0") || v4.toLowerCase().contains("discard") || v4.contains("FS:rate 0"), v4);
        frr.await("our IPv6 rule in 'show bgp ipv6 flowspec'", Interop.LONG,
                () -> frr.vtysh("show bgp ipv6 flowspec detail").contains("2001:db8::1/128"));
    }
}
