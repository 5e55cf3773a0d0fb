package dev.twinbgp.speaker.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.bgp.fsm.State;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.reactor.ReactorConfig;
import dev.twinbgp.speaker.api.MappingRouteConverter;
import dev.twinbgp.speaker.config.ConfigParser;
import dev.twinbgp.speaker.config.RouteParser;
import dev.twinbgp.speaker.events.JsonEventListener;
import dev.twinbgp.speaker.json.ExaJson;
import dev.twinbgp.speaker.mapping.PeerSettingsMapper;
import dev.twinbgp.speaker.session.BgpSpeaker;
import dev.twinbgp.speaker.session.PeerDriver;
import dev.twinbgp.speaker.session.Ports;
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
 * SAFI 2 multicast (RFC 4760) with BIRD 2's {@code ipv4 multicast} / {@code ipv6 multicast} channels on loopback:
 * our multicast routes, written in ExaBGP's {@code announce { ipv4 { multicast ... } }}, land in BIRD's multicast
 * tables with their next hop and community - not the unicast route of the same prefix, which goes nowhere (BIRD
 * negotiates no unicast here) - and our withdrawal removes one; BIRD's multicast routes are reported under
 * {@code "ipv4 multicast"} / {@code "ipv6 multicast"} in ExaBGP's JSON, held as multicast routes, and its
 * withdrawal is applied. BIRD is passive; we connect.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
abstract class AbstractBirdMulticastInteropTest {
    static final long OUR_AS = 65091;
    static final long THEIR_AS = 65092;

    abstract String ours();

    abstract String theirs();

    abstract String reactor();

    @TempDir
    java.nio.file.Path dir;

    private BirdChannels bird;
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

    private static int held(PeerDriver peer, Family family) {
        return Interop.query(peer, () -> peer.adjRibIn().sizesByFamily()).getOrDefault(family, 0);
    }

    @Test
    void multicastRoutesBothWays() throws Exception {
        int theirPort = Ports.freeOn(theirs());
        bird = new BirdChannels(BirdChannels.Kind.MULTICAST, dir.resolve("bird"), theirs(), theirPort, THEIR_AS, ours(), OUR_AS);
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
                    family { ipv4 unicast; ipv4 multicast; ipv6 multicast; }
                    announce {
                        ipv4 {
                            multicast 10.3.0.0/24 next-hop 192.0.2.91 community [ 65091:2 ];
                            unicast 10.3.0.0/24 next-hop 192.0.2.99;
                            multicast 10.4.0.0/24 next-hop 192.0.2.91;
                        }
                        ipv6 { multicast 2001:db8:3::/48 next-hop 2001:db8::91; }
                    }
                }
                """.formatted(theirs(), ours(), ours(), OUR_AS, THEIR_AS, theirPort);
        Queue<String> json = new ConcurrentLinkedQueue<>();
        speaker = BgpSpeaker.start(reactor(), ReactorConfig.defaults(), PeerSettingsMapper.map(ConfigParser.parse("mc.conf", conf)),
                new JsonEventListener(ExaJson.system(), json::add));
        PeerDriver peer = speaker.peer(theirs());

        bird.await("Established", Interop.LONG, bird::established);
        Interop.until("our side Established", () -> peer.state() == State.ESTABLISHED, bird::log);

        // Ours -> BIRD: the multicast routes in its multicast tables, the unicast route of 10.3.0.0/24 nowhere.
        bird.await("our multicast routes in its tables", Interop.LONG, () -> bird.routes("mtab4").keySet()
                .containsAll(java.util.List.of("10.3.0.0/24", "10.4.0.0/24")) && bird.routes("mtab6").containsKey("2001:db8:3::/48"));
        String r3 = bird.routes("mtab4").get("10.3.0.0/24");
        assertTrue(r3.contains("BGP.next_hop: 192.0.2.91") && r3.contains("BGP.community: (65091,2)") && !r3.contains("192.0.2.99"), r3);
        String r6 = bird.routes("mtab6").get("2001:db8:3::/48");
        assertTrue(r6.contains("BGP.next_hop: 2001:db8::91") && r6.contains("BGP.as_path: 65091"), r6);

        // Our multicast withdrawal (as the API's 'withdraw ipv4 multicast PREFIX'): BIRD drops that route only.
        peer.withdraw(MappingRouteConverter.INSTANCE.toPrefixes(RouteParser.parseWithdrawal("ipv4 multicast 10.3.0.0/24")));
        bird.await("our multicast withdrawal applied", Interop.LONG, () -> !bird.routes("mtab4").containsKey("10.3.0.0/24"));
        assertTrue(bird.routes("mtab4").containsKey("10.4.0.0/24"));

        // BIRD -> ours: its multicast routes under "ipv4 multicast" / "ipv6 multicast", held as multicast routes.
        Interop.until("BIRD's multicast routes in our JSON", () -> {
            String all = flat(json);
            return all.contains("\"ipv4multicast\":{\"" + theirs() + "\":[{\"nlri\":\"" + BirdChannels.V4_MULTICAST + "\"}]}")
                    && all.contains("\"community\":[[65092,3]]")
                    && all.contains("\"ipv6multicast\":{\"" + BirdChannels.V6_NEXT_HOP + "\":[{\"nlri\":\"" + BirdChannels.V6_MULTICAST + "\"}]}");
        }, () -> String.join("\n", json) + "\n" + bird.log());
        Interop.until("held as multicast", () -> held(peer, Family.IPV4_MULTICAST) == 1 && held(peer, Family.IPV6_MULTICAST) == 1
                && held(peer, Family.IPV4_UNICAST) == 0, bird::log);

        // BIRD withdraws its IPv4 multicast route (its static protocol disabled): reported and applied.
        assertTrue(bird.birdc("disable", "smc4").contains("disabled"), "birdc disable smc4");
        Interop.until("BIRD's multicast withdrawal in our JSON", () -> flat(json).contains(
                "\"withdraw\":{\"ipv4multicast\":[{\"nlri\":\"" + BirdChannels.V4_MULTICAST + "\"}]}"), () -> String.join("\n", json));
        Interop.until("only the IPv6 multicast route left", () -> held(peer, Family.IPV4_MULTICAST) == 0
                && held(peer, Family.IPV6_MULTICAST) == 1, bird::log);
    }
}
