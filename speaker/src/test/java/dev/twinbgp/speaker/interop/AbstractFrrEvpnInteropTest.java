package dev.twinbgp.speaker.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.bgp.fsm.State;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.reactor.ReactorConfig;
import dev.twinbgp.speaker.events.JsonEventListener;
import dev.twinbgp.speaker.json.ExaJson;
import dev.twinbgp.speaker.session.BgpSpeaker;
import dev.twinbgp.speaker.session.PeerDriver;
import dev.twinbgp.speaker.session.PeerSettings;
import dev.twinbgp.speaker.session.Ports;
import dev.twinbgp.speaker.session.SessionListener;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * EVPN with FRR on loopback (RFC 7432, RFC 9136). FRR cannot originate EVPN routes without kernel VXLAN devices,
 * so it passes ours on: our first peer (AS {@value #OUR_AS}) sends MAC/IP (type 2), Inclusive Multicast (type 3)
 * and IP Prefix (type 5) routes, {@code show bgp l2vpn evpn route} lists them, and FRR sends them over eBGP to our
 * second peer (AS {@value #OTHER_AS}), which reports them in ExaBGP's JSON with FRR's AS in the path. FRR is
 * passive; both our speakers (one peer each) connect.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
abstract class AbstractFrrEvpnInteropTest {
    static final long OUR_AS = 65151;
    static final long THEIR_AS = 65152;
    static final long OTHER_AS = 65153;

    abstract String ours();

    /** Our second peer's address. */
    abstract String other();

    abstract String theirs();

    abstract String reactor();

    @TempDir
    java.nio.file.Path dir;

    private Frr frr;
    private BgpSpeaker speaker;
    private BgpSpeaker second;

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
        if (second != null) {
            second.close();
        }
        if (frr != null) {
            frr.close();
        }
    }

    @Test
    void frrHoldsOurRoutesAndPassesThemOn() throws Exception {
        int theirPort = Ports.freeOn(theirs());
        int unused = Ports.freeOn(ours()); // FRR's connect port: never used, it is passive
        frr = new Frr(dir.resolve("frr"), theirs(), theirPort, THEIR_AS, ours(), unused, OUR_AS, 9, true)
                .withNeighbor(other(), OTHER_AS).withFamilies("l2vpn evpn");
        frr.start();
        frr.await("FRR up", Interop.LONG, () -> frr.vtysh("show bgp summary").contains(ours()));

        Queue<String> json = new ConcurrentLinkedQueue<>();
        PeerSettings sender = new PeerSettings(Interop.address(theirs()), theirPort, Interop.address(ours()), 0,
                Interop.session(OUR_AS, THEIR_AS, ours()).active(true).passive(false)
                        .families(List.of(Family.L2VPN_EVPN)).build(), true, false,
                // FRR refuses a 127/8 next hop as martian: a documentation address (the value only, no traffic)
                AbstractGoBgpEvpnInteropTest.ourRoutes("192.0.2.1", OUR_AS));
        PeerSettings receiver = new PeerSettings(Interop.address(theirs()), theirPort, Interop.address(other()), 0,
                Interop.session(OTHER_AS, THEIR_AS, other()).active(true).passive(false)
                        .families(List.of(Family.L2VPN_EVPN)).build(), true, false, List.of());
        speaker = BgpSpeaker.start(reactor(), ReactorConfig.defaults(), List.of(sender), SessionListener.NONE);
        this.second = BgpSpeaker.start(reactor(), ReactorConfig.defaults(), List.of(receiver),
                new JsonEventListener(ExaJson.system(), json::add));
        PeerDriver first = speaker.peer(theirs());
        PeerDriver second = this.second.peer(theirs());

        Interop.until("both sessions Established", () -> first.state() == State.ESTABLISHED
                && second.state() == State.ESTABLISHED, frr::log);
        frr.await("our routes in 'show bgp l2vpn evpn route'", Interop.LONG, () -> {
            String rib = frr.vtysh("show bgp l2vpn evpn route");
            return rib.contains("00:11:22:33:44:55") && rib.contains("10.20.30.0") && rib.contains("[3]:");
        });
        String rib = frr.vtysh("show bgp l2vpn evpn route");
        assertTrue(rib.contains("10.1.1.1") && rib.contains("10.0.0.1:100") && rib.contains("10.0.0.1:200"), rib);

        Interop.until("FRR's UPDATEs in our second peer's JSON", () -> {
            String all = String.join("\n", json).replace(" ", "");
            return all.contains("\"local\":\"" + other() + "\"") && all.contains("\"mac\":\"00:11:22:33:44:55\"")
                    && all.contains("\"name\":\"InclusiveMulticastEthernetTag\",\"rd\":\"10.0.0.1:100\"")
                    && all.contains("\"ip\":\"10.20.30.0\",\"iplen\":24") && all.contains("[" + THEIR_AS + "," + OUR_AS + "]");
        }, () -> String.join("\n", json) + "\n" + frr.log());
        Interop.until("three routes in the second peer's Adj-RIB-In", () -> Interop.query(second, () ->
                second.adjRibIn().routes().stream().filter(r -> r.family().equals(Family.L2VPN_EVPN)).count() == 3), frr::log);
    }
}
