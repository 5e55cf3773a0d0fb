package dev.twinbgp.speaker.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.bgp.wire.family.Family;
import java.util.List;
import org.junit.jupiter.api.Test;

/** FlowSpec to BIRD 2 on loopback: our IPv4 and IPv6 rules imported into its flow4/flow6 tables. BIRD is passive. */
class BirdFlowSpecInteropTest extends AbstractInteropTest {
    static final long OUR_AS = 65051;
    static final long THEIR_AS = 65052;

    BirdFlowSpecInteropTest() {
        super("127.0.0.55", "127.0.0.56");
    }

    @Test
    void ourRulesInItsFlowTables() throws Exception {
        BirdPeering p = bird(OUR_AS, THEIR_AS);
        Bird bird = p.daemon().withFlowSpec();
        p.start(List.of(Family.IPV4_FLOW, Family.IPV6_FLOW), List.of(
                GoBgpFlowSpecInteropTest.rule("flow route destination 10.0.0.1/32 protocol tcp destination-port =80 then discard"),
                GoBgpFlowSpecInteropTest.rule("flow route destination 2001:db8::1/128 next-header udp then rate-limit 9600")));
        bird.await("our IPv4 rule in flowtab4", Interop.LONG,
                () -> bird.birdc("show", "route", "table", "flowtab4").contains("10.0.0.1/32"));
        String v4 = bird.birdc("show", "route", "all", "table", "flowtab4");
        assertTrue(v4.contains("proto 6") && v4.contains("dport 80"), v4);
        assertTrue(v4.contains("(generic, 0x80060000, 0x0)"), v4); // traffic-rate 0: discard (RFC 8955 section 7.1)
        bird.await("our IPv6 rule in flowtab6", Interop.LONG,
                () -> bird.birdc("show", "route", "table", "flowtab6").contains("2001:db8::1/128"));
        String v6 = bird.birdc("show", "route", "all", "table", "flowtab6");
        assertTrue(v6.contains("next header 17") || v6.contains("proto 17"), v6);
    }
}
