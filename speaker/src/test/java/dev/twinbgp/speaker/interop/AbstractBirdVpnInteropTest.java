package dev.twinbgp.speaker.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.bgp.fsm.State;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.family.RouteKey;
import dev.twinbgp.reactor.ReactorConfig;
import dev.twinbgp.speaker.api.MappingRouteConverter;
import dev.twinbgp.speaker.config.ConfigParser;
import dev.twinbgp.speaker.config.RouteParser;
import dev.twinbgp.speaker.events.JsonEventListener;
import dev.twinbgp.speaker.json.ExaJson;
import dev.twinbgp.speaker.mapping.PeerSettingsMapper;
import dev.twinbgp.speaker.session.BgpSpeaker;
import dev.twinbgp.speaker.session.PeerDriver;
import dev.twinbgp.speaker.session.PeerSettings;
import dev.twinbgp.speaker.session.Ports;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * L3VPN with BIRD 2's {@code vpn4}/{@code vpn6} channels on loopback (RFC 4364, RFC 4659; issue 13): routes written in
 * ExaBGP's configuration syntax - RDs of types 0, 1 and 2, one label and a stack of two, route targets - land in
 * BIRD's VPN tables with RD, labels and route targets intact ({@code birdc show route all table vpntab4/vpntab6});
 * our withdrawal (label 0x800000, RFC 8277 section 2.4) removes one; BIRD's static VPN routes reach us and are
 * reported in ExaBGP's JSON with their RD, BIRD's label (3, implicit null: see {@link BirdVpn}) and route target.
 * BIRD is passive; we connect.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
abstract class AbstractBirdVpnInteropTest {
    static final long OUR_AS = 65091;
    static final long THEIR_AS = 65092;

    abstract String ours();

    abstract String theirs();

    abstract String reactor();

    @TempDir
    java.nio.file.Path dir;

    private BirdVpn bird;
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

    private static String flat(Queue<String> json) {
        return String.join("\n", json).replace(" ", "");
    }

    @Test
    void vpnRoutesBothWays() throws Exception {
        int theirPort = Ports.freeOn(theirs());
        bird = new BirdVpn(dir.resolve("bird"), theirs(), theirPort, THEIR_AS, ours(), OUR_AS);
        bird.start();
        bird.await("BIRD up", Interop.LONG, () -> bird.birdc("show", "protocols").contains("peer"));

        String conf = """
                neighbor %s {
                    router-id %s;
                    local-address %s;
                    local-as %d;
                    peer-as %d;
                    hold-time 9;
                    connect %d;
                    family { ipv4 mpls-vpn; ipv6 mpls-vpn; }
                    static {
                        route 10.1.0.0/24 rd 65091:1 label 1000 next-hop 192.0.2.91 extended-community [ target:65091:1 ];
                        route 10.1.1.0/24 route-distinguisher 192.0.2.1:7 label 1001 next-hop 192.0.2.91
                            extended-community [ target:65091:3 target:192.0.2.1:4 ];
                        route 10.1.2.0/24 rd 4200000001:9 label [ 2000 2001 ] next-hop 192.0.2.91 extended-community [ target:65091:5 ];
                        route 2001:db8:1::/48 rd 65091:9 label 1002 next-hop 2001:db8::91 extended-community [ target:65091:2 ];
                    }
                }
                """.formatted(theirs(), ours(), ours(), OUR_AS, THEIR_AS, theirPort);
        List<PeerSettings> settings = PeerSettingsMapper.map(ConfigParser.parse("vpn.conf", conf));
        Queue<String> json = new ConcurrentLinkedQueue<>();
        speaker = BgpSpeaker.start(reactor(), ReactorConfig.defaults(), settings, new JsonEventListener(ExaJson.system(), json::add));
        PeerDriver peer = speaker.peer(theirs());

        bird.await("Established", Interop.LONG, bird::established);
        Interop.until("our side Established", () -> peer.state() == State.ESTABLISHED, bird::log);

        // Ours -> BIRD: RD of type 0, 1 and 2, labels, route targets, next hops.
        bird.await("our four VPN routes in its tables", Interop.LONG, () -> bird.routes("vpntab4").keySet().containsAll(
                List.of("65091:1 10.1.0.0/24", "192.0.2.1:7 10.1.1.0/24", "4200000001:9 10.1.2.0/24"))
                && bird.routes("vpntab6").containsKey("65091:9 2001:db8:1::/48"));
        Map<String, String> v4 = bird.routes("vpntab4");
        String r1 = v4.get("65091:1 10.1.0.0/24");
        assertTrue(r1.contains("BGP.mpls_label_stack: 1000\n") && r1.contains("(rt, 65091, 1)")
                && r1.contains("BGP.next_hop: 192.0.2.91") && r1.contains("BGP.as_path: 65091"), r1);
        String r2 = v4.get("192.0.2.1:7 10.1.1.0/24");
        assertTrue(r2.contains("BGP.mpls_label_stack: 1001\n") && r2.contains("(rt, 65091, 3)")
                && r2.contains("(rt, 192.0.2.1, 4)"), r2);
        String r3 = v4.get("4200000001:9 10.1.2.0/24");
        assertTrue(r3.contains("BGP.mpls_label_stack: 2000/2001\n") && r3.contains("(rt, 65091, 5)"), r3);
        String r6 = bird.routes("vpntab6").get("65091:9 2001:db8:1::/48");
        assertTrue(r6.contains("BGP.mpls_label_stack: 1002\n") && r6.contains("(rt, 65091, 2)")
                && r6.contains("BGP.next_hop: 2001:db8::91"), r6);

        // Our withdrawal, written without label as an API command would be: BIRD drops the route, keeps the others.
        List<RouteKey> gone = MappingRouteConverter.INSTANCE.toPrefixes(RouteParser.parseWithdrawal("route 10.1.0.0/24 rd 65091:1"));
        peer.withdraw(gone);
        bird.await("our VPNv4 withdrawal applied", Interop.LONG, () -> !bird.routes("vpntab4").containsKey("65091:1 10.1.0.0/24"));
        assertTrue(bird.routes("vpntab4").containsKey("192.0.2.1:7 10.1.1.0/24"));

        // BIRD -> ours: its static vpn4 and vpn6 routes, reported in ExaBGP's JSON with RD, label and route target.
        Interop.until("BIRD's VPNv4 route in our JSON", () -> {
            String all = flat(json);
            return all.contains("\"ipv4mpls-vpn\":{\"" + theirs() + "\":[{\"nlri\":\"" + BirdVpn.V4_ROUTE
                    + "\",\"label\":[[3,49]],\"rd\":\"" + bird.rd(7) + "\"}]}") && all.contains("\"string\":\"target:65092:7\"");
        }, () -> String.join("\n", json) + "\n" + bird.log());
        Interop.until("BIRD's VPNv6 route in our JSON", () -> {
            String all = flat(json);
            return all.contains("\"ipv6mpls-vpn\":{\"" + BirdVpn.V6_NEXT_HOP + "\":[{\"nlri\":\"" + BirdVpn.V6_ROUTE
                    + "\",\"label\":[[3,49]],\"rd\":\"" + bird.rd(8) + "\"}]}") && all.contains("\"string\":\"target:65092:8\"");
        }, () -> String.join("\n", json) + "\n" + bird.log());
        Interop.until("both in our Adj-RIB-In", () -> Interop.query(peer, () -> peer.adjRibIn().sizesByFamily())
                .equals(Map.of(Family.IPV4_MPLS_VPN, 1, Family.IPV6_MPLS_VPN, 1)), bird::log);
    }
}
