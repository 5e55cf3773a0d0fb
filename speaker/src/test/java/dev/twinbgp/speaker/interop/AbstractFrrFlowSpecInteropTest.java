package dev.twinbgp.speaker.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.bgp.fsm.State;
import dev.twinbgp.bgp.rib.Route;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.reactor.ReactorConfig;
import dev.twinbgp.speaker.session.BgpSpeaker;
import dev.twinbgp.speaker.session.PeerDriver;
import dev.twinbgp.speaker.session.PeerSettings;
import dev.twinbgp.speaker.session.Ports;
import dev.twinbgp.speaker.session.SessionListener;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** FlowSpec to FRR on loopback: {@code show bgp ipv4 flowspec} lists our rule with its action. FRR is passive. */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
abstract class AbstractFrrFlowSpecInteropTest {
    static final long OUR_AS = 65061;
    static final long THEIR_AS = 65062;

    abstract String ours();

    abstract String theirs();

    abstract String reactor();

    @TempDir
    java.nio.file.Path dir;

    private Frr frr;
    private BgpSpeaker speaker;

    @BeforeEach
    void needsFrr() {
        Interop.assumeDaemon();
        Assumptions.assumeTrue(Frr.installed(), "FRR is not installed (apt-get install frr)");
    }

    @AfterEach
    void stop() {
        if (speaker != null) {
            speaker.close();
        }
        if (frr != null) {
            frr.close();
        }
    }

    @Test
    void ourRulesShownByFrr() throws Exception {
        int theirPort = Ports.freeOn(theirs());
        int unused = Ports.freeOn(ours()); // FRR's connect port: never used, it is passive
        frr = new Frr(dir.resolve("frr"), theirs(), theirPort, THEIR_AS, ours(), unused, OUR_AS, 9, true)
                .withFamilies("ipv4 flowspec", "ipv6 flowspec");
        frr.start();
        frr.await("FRR up", Interop.LONG, () -> frr.vtysh("show bgp summary").contains(ours()));

        List<Route> rules = List.of(
                AbstractGoBgpFlowSpecInteropTest.rule("flow route destination 10.0.0.1/32 protocol tcp destination-port =80 then discard"),
                AbstractGoBgpFlowSpecInteropTest.rule("flow route destination 2001:db8::1/128 next-header udp then rate-limit 9600"));
        PeerSettings settings = new PeerSettings(Interop.address(theirs()), theirPort, Interop.address(ours()), 0,
                Interop.session(OUR_AS, THEIR_AS, ours()).active(true).passive(false)
                        .families(List.of(Family.IPV4_FLOW, Family.IPV6_FLOW)).build(), true, false, rules);
        speaker = BgpSpeaker.start(reactor(), ReactorConfig.defaults(), List.of(settings), SessionListener.NONE);
        PeerDriver peer = speaker.peer(theirs());

        frr.await("Established", Interop.LONG, frr::established);
        Interop.until("our side Established", () -> peer.state() == State.ESTABLISHED, frr::log);
        frr.await("our IPv4 rule in 'show bgp ipv4 flowspec'", Interop.LONG,
                () -> frr.vtysh("show bgp ipv4 flowspec detail").contains("10.0.0.1/32"));
        String v4 = frr.vtysh("show bgp ipv4 flowspec detail");
        assertTrue(v4.contains("rate 0") || v4.toLowerCase().contains("discard") || v4.contains("FS:rate 0"), v4);
        frr.await("our IPv6 rule in 'show bgp ipv6 flowspec'", Interop.LONG,
                () -> frr.vtysh("show bgp ipv6 flowspec detail").contains("2001:db8::1/128"));
    }
}
