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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** FlowSpec to BIRD 2 on loopback: our IPv4 and IPv6 rules imported into its flow4/flow6 tables. BIRD is passive. */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
abstract class AbstractBirdFlowSpecInteropTest {
    static final long OUR_AS = 65051;
    static final long THEIR_AS = 65052;

    abstract String ours();

    abstract String theirs();

    abstract String reactor();

    @TempDir
    java.nio.file.Path dir;

    private Bird bird;
    private BgpSpeaker speaker;

    @BeforeEach
    void needsBird() {
        Interop.assumeDaemon("bird", "birdc");
    }

    @AfterEach
    void stop() {
        if (speaker != null) {
            speaker.close();
        }
        if (bird != null) {
            bird.close();
        }
    }

    @Test
    void ourRulesInItsFlowTables() throws Exception {
        int theirPort = Ports.freeOn(theirs());
        int unusedPort = Ports.freeOn(ours());
        bird = new Bird(dir.resolve("bird"), theirs(), theirPort, THEIR_AS, ours(), unusedPort, OUR_AS, 9, true).withFlowSpec();
        bird.start();
        bird.await("BIRD up", Interop.LONG, () -> bird.birdc("show", "protocols").contains("peer"));

        List<Route> rules = List.of(
                AbstractGoBgpFlowSpecInteropTest.rule("flow route destination 10.0.0.1/32 protocol tcp destination-port =80 then discard"),
                AbstractGoBgpFlowSpecInteropTest.rule("flow route destination 2001:db8::1/128 next-header udp then rate-limit 9600"));
        PeerSettings settings = new PeerSettings(Interop.address(theirs()), theirPort, Interop.address(ours()), 0,
                Interop.session(OUR_AS, THEIR_AS, ours()).active(true).passive(false)
                        .families(List.of(Family.IPV4_FLOW, Family.IPV6_FLOW)).build(), true, false, rules);
        speaker = BgpSpeaker.start(reactor(), ReactorConfig.defaults(), List.of(settings), SessionListener.NONE);
        PeerDriver peer = speaker.peer(theirs());

        bird.await("Established", Interop.LONG, bird::established);
        Interop.until("our side Established", () -> peer.state() == State.ESTABLISHED, bird::log);
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
