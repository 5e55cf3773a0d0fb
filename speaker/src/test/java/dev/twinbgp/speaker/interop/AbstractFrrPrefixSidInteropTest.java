package dev.twinbgp.speaker.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.bgp.fsm.State;
import dev.twinbgp.reactor.ReactorConfig;
import dev.twinbgp.speaker.config.ConfigParser;
import dev.twinbgp.speaker.mapping.PeerSettingsMapper;
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

/**
 * BGP Prefix-SID (RFC 8669) and AIGP (RFC 7311) with FRR on loopback: our labeled unicast route, written in ExaBGP's
 * syntax ({@code label [ 800001 ] bgp-prefix-sid [ 777, [ ( 800000,4096 ) ] ] aigp 100}), over an internal session
 * (AIGP_SESSION on, RFC 7311 section 3.3); FRR's {@code show bgp ipv4 labeled-unicast PREFIX} shows the label index
 * it read from the Prefix-SID ({@code Label Index: 777}, {@code "labelIndex":777}) and keeps the route beside the AIGP
 * it does not know. FRR is passive; we connect.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
abstract class AbstractFrrPrefixSidInteropTest {
    static final long AS = 65070;

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
    void labelIndexAndAigpShownByFrr() throws Exception {
        int theirPort = Ports.freeOn(theirs());
        int unused = Ports.freeOn(ours()); // FRR's connect port: never used, it is passive
        frr = new Frr(dir.resolve("frr"), theirs(), theirPort, AS, ours(), unused, AS, 9, true)
                .withFamilies("ipv4 labeled-unicast");
        frr.start();
        frr.await("FRR up", Interop.LONG, () -> frr.vtysh("show bgp summary").contains(ours()));

        String conf = """
                neighbor %s {
                    router-id %s;
                    local-address %s;
                    local-as %d;
                    peer-as %d;
                    connect %d;
                    family { ipv4 nlri-mpls; }
                    static {
                        route 10.70.0.0/24 next-hop 192.0.2.70 label [ 800001 ] bgp-prefix-sid [ 777, [ ( 800000,4096 ) ] ] aigp 100;
                    }
                }
                """.formatted(theirs(), ours(), ours(), AS, AS, theirPort);
        List<PeerSettings> settings = PeerSettingsMapper.map(ConfigParser.parse("sid.conf", conf));
        speaker = BgpSpeaker.start(reactor(), ReactorConfig.defaults(), settings, SessionListener.NONE);
        PeerDriver peer = speaker.peer(theirs());

        frr.await("Established", Interop.LONG, frr::established);
        Interop.until("our side Established", () -> peer.state() == State.ESTABLISHED, frr::log);
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
