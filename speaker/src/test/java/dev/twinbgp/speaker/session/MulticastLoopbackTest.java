package dev.twinbgp.speaker.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.bgp.fsm.State;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.family.Prefix;
import dev.twinbgp.reactor.ReactorConfig;
import dev.twinbgp.speaker.api.MappingRouteConverter;
import dev.twinbgp.speaker.config.ConfigParser;
import dev.twinbgp.speaker.config.RouteParser;
import dev.twinbgp.speaker.events.JsonEventListener;
import dev.twinbgp.speaker.json.ExaJson;
import dev.twinbgp.speaker.mapping.PeerSettingsMapper;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SAFI 2 multicast (RFC 4760) between two twinbgp speakers on loopback, on each reactor: routes written in ExaBGP's
 * {@code announce { ipv4 { multicast ... } }} arrive as multicast routes, apart from the unicast route of the same
 * prefix (two routes, counted per family), are reported under {@code "ipv4 multicast"} in ExaBGP's JSON, and a
 * multicast withdrawal (the API's {@code withdraw ipv4 multicast PREFIX}) leaves the unicast route alone.
 * (GoBGP 3.10 cannot serve as the peer here: its CLI refuses {@code -a ipv4-multicast} and it files received
 * multicast prefixes in its IPv4 unicast table.)
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MulticastLoopbackTest {
    private BgpSpeaker sender;
    private BgpSpeaker receiver;

    @AfterEach
    void stop() {
        if (sender != null) {
            sender.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @ParameterizedTest
    @MethodSource("dev.twinbgp.speaker.session.EveryReactor#names")
    void multicastAndUnicastOfOnePrefixAreTwoRoutes(String reactor) throws Exception {
        String a = "127.0.0.1";
        String b = "127.0.0.2";
        int portA = Ports.freeOn(a);
        int portB = Ports.freeOn(b);
        String families = "family { ipv4 unicast; ipv6 unicast; ipv4 multicast; ipv6 multicast; }";
        String senderConf = """
                neighbor %s { router-id %s; local-address %s; local-as 65061; peer-as 65062; listen %d; connect %d; %s
                    announce {
                        ipv4 { multicast 10.3.0.0/24 next-hop 192.0.2.61 community [ 65061:2 ];
                               unicast 10.3.0.0/24 next-hop 192.0.2.62; multicast 10.4.0.0/24 next-hop 192.0.2.61; }
                        ipv6 { multicast 2001:db8:3::/48 next-hop 2001:db8::61; }
                    }
                }
                """.formatted(b, a, a, portA, portB, families);
        String receiverConf = """
                neighbor %s { router-id %s; local-address %s; local-as 65062; peer-as 65061; passive; listen %d; connect %d; %s }
                """.formatted(a, b, b, portB, portA, families);
        Queue<String> json = new ConcurrentLinkedQueue<>();
        receiver = BgpSpeaker.start(reactor, ReactorConfig.defaults(),
                PeerSettingsMapper.map(ConfigParser.parse("receiver.conf", receiverConf)),
                new JsonEventListener(ExaJson.system(), json::add));
        sender = BgpSpeaker.start(reactor, ReactorConfig.defaults(),
                PeerSettingsMapper.map(ConfigParser.parse("sender.conf", senderConf)), new JsonEventListener(ExaJson.system(), new ConcurrentLinkedQueue<String>()::add));
        PeerDriver in = receiver.peer(a);
        PeerDriver out = sender.peer(b);
        until("both Established", () -> in.state() == State.ESTABLISHED && out.state() == State.ESTABLISHED, json);

        Prefix p = Prefix.parse("10.3.0.0/24");
        until("4 routes held", () -> query(in, () -> in.adjRibIn().size()) == 4, json);
        assertEquals(Map.of(Family.IPV4_UNICAST, 1, Family.IPV4_MULTICAST, 2, Family.IPV6_MULTICAST, 1),
                query(in, () -> in.adjRibIn().sizesByFamily()));
        assertTrue(query(in, () -> in.adjRibIn().get(p) != in.adjRibIn().get(p.multicast())), "each its own path");
        until("JSON under ipv4 multicast", () -> json.stream().map(l -> l.replace(" ", ""))
                .anyMatch(l -> l.contains("\"ipv4multicast\":{") && l.contains("\"nlri\":\"10.3.0.0/24\"")), json);

        out.withdraw(MappingRouteConverter.INSTANCE.toPrefixes(RouteParser.parseWithdrawal("ipv4 multicast 10.3.0.0/24")));
        until("the multicast route withdrawn", () -> query(in, () -> in.adjRibIn().get(p.multicast()) == null), json);
        assertTrue(query(in, () -> in.adjRibIn().get(p) != null), "the unicast route stays");
        assertEquals(3, (int) query(in, () -> in.adjRibIn().size()));
    }

    /** RFC 4684 memberships written in ExaBGP's {@code rtc} grammar reach the peer's Adj-RIB-In and its JSON. */
    @ParameterizedTest
    @MethodSource("dev.twinbgp.speaker.session.EveryReactor#names")
    void routeTargetMembershipsAreAnnounced(String reactor) throws Exception {
        String a = "127.0.0.1";
        String b = "127.0.0.2";
        int portA = Ports.freeOn(a);
        int portB = Ports.freeOn(b);
        String senderConf = """
                neighbor %s { router-id %s; local-address %s; local-as 65061; peer-as 65062; listen %d; connect %d;
                    family { ipv4 unicast; ipv4 rtc; }
                    announce { ipv4 { rtc origin-as 65061 route-target 65061:100 next-hop self; rtc default next-hop 192.0.2.61; } }
                }
                """.formatted(b, a, a, portA, portB);
        String receiverConf = """
                neighbor %s { router-id %s; local-address %s; local-as 65062; peer-as 65061; passive; listen %d; connect %d;
                    family { ipv4 unicast; ipv4 rtc; } }
                """.formatted(a, b, b, portB, portA);
        Queue<String> json = new ConcurrentLinkedQueue<>();
        receiver = BgpSpeaker.start(reactor, ReactorConfig.defaults(),
                PeerSettingsMapper.map(ConfigParser.parse("receiver.conf", receiverConf)),
                new JsonEventListener(ExaJson.system(), json::add));
        sender = BgpSpeaker.start(reactor, ReactorConfig.defaults(),
                PeerSettingsMapper.map(ConfigParser.parse("sender.conf", senderConf)),
                new JsonEventListener(ExaJson.system(), new ConcurrentLinkedQueue<String>()::add));
        PeerDriver in = receiver.peer(a);
        until("both memberships held", () -> query(in, () -> in.adjRibIn().sizesByFamily().getOrDefault(Family.IPV4_RTC, 0)) == 2, json);
        until("JSON under ipv4 rtc", () -> json.stream().map(l -> l.replace(" ", "")).anyMatch(l -> l.contains("\"ipv4rtc\":{")
                && l.contains("\"origin\":65061") && l.contains("\"route-target\":\"target:65061:100\"")), json);
    }

    private static <T> T query(PeerDriver peer, Supplier<T> what) {
        try {
            return peer.query(what).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void until(String what, BooleanSupplier condition, Queue<String> json) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; JSON:\n" + String.join("\n", json));
            }
            Thread.sleep(50);
        }
    }
}
