package dev.twinbgp.speaker.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.speaker.api.MappingRouteConverter;
import dev.twinbgp.speaker.config.RouteParser;
import dev.twinbgp.speaker.session.PeerDriver;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SAFI 2 multicast (RFC 4760) with BIRD 2's {@code ipv4 multicast} / {@code ipv6 multicast} channels on loopback
 * ({@link Bird#withMulticast()}): our multicast routes, written in ExaBGP's {@code announce { ipv4 { multicast ... } }},
 * land in BIRD's multicast tables with their next hop and community - not the unicast route of the same prefix,
 * which goes nowhere (BIRD negotiates no unicast here) - and our withdrawal removes one; BIRD's multicast routes are
 * reported under {@code "ipv4 multicast"} / {@code "ipv6 multicast"} in ExaBGP's JSON and held as multicast routes,
 * and its withdrawal is applied. BIRD is passive; we connect.
 */
class BirdMulticastInteropTest extends AbstractInteropTest {
    static final long OUR_AS = 65091;
    static final long THEIR_AS = 65092;

    BirdMulticastInteropTest() {
        super("127.0.93.1", "127.0.93.2");
    }

    @Test
    void multicastRoutesBothWays() throws Exception {
        BirdPeering p = bird(OUR_AS, THEIR_AS);
        Bird bird = p.daemon().withMulticast();
        p.start("""
                family { ipv4 unicast; ipv4 multicast; ipv6 multicast; }
                announce {
                    ipv4 {
                        multicast 10.3.0.0/24 next-hop 192.0.2.91 community [ 65091:2 ];
                        unicast 10.3.0.0/24 next-hop 192.0.2.99;
                        multicast 10.4.0.0/24 next-hop 192.0.2.91;
                    }
                    ipv6 { multicast 2001:db8:3::/48 next-hop 2001:db8::91; }
                }
                """);
        PeerDriver peer = p.peer();

        // Ours -> BIRD: the multicast routes in its multicast tables, the unicast route of 10.3.0.0/24 nowhere.
        bird.await("our multicast routes in its tables", Interop.LONG, () -> bird.tableRoutes("mtab4").keySet()
                .containsAll(List.of("10.3.0.0/24", "10.4.0.0/24")) && bird.tableRoutes("mtab6").containsKey("2001:db8:3::/48"));
        String r3 = bird.tableRoutes("mtab4").get("10.3.0.0/24");
        assertTrue(r3.contains("BGP.next_hop: 192.0.2.91") && r3.contains("BGP.community: (65091,2)") && !r3.contains("192.0.2.99"), r3);
        String r6 = bird.tableRoutes("mtab6").get("2001:db8:3::/48");
        assertTrue(r6.contains("BGP.next_hop: 2001:db8::91") && r6.contains("BGP.as_path: 65091"), r6);

        // Our multicast withdrawal (as the API's 'withdraw ipv4 multicast PREFIX'): BIRD drops that route only.
        peer.withdraw(MappingRouteConverter.INSTANCE.toPrefixes(RouteParser.parseWithdrawal("ipv4 multicast 10.3.0.0/24")));
        bird.await("our multicast withdrawal applied", Interop.LONG, () -> !bird.tableRoutes("mtab4").containsKey("10.3.0.0/24"));
        assertTrue(bird.tableRoutes("mtab4").containsKey("10.4.0.0/24"));

        // BIRD -> ours: its multicast routes under "ipv4 multicast" / "ipv6 multicast", held as multicast routes.
        p.ours().awaitJson("BIRD's multicast routes in our JSON", all ->
                all.contains("\"ipv4multicast\":{\"" + theirs() + "\":[{\"nlri\":\"" + Bird.MULTICAST4_ROUTE + "\"}]}")
                        && all.contains("\"community\":[[65092,3]]")
                        && all.contains("\"ipv6multicast\":{\"" + Bird.VPN6_NEXT_HOP + "\":[{\"nlri\":\"" + Bird.MULTICAST6_ROUTE + "\"}]}"),
                bird);
        Interop.until("held as multicast", () -> p.ours().received(Family.IPV4_MULTICAST) == 1
                && p.ours().received(Family.IPV6_MULTICAST) == 1 && p.ours().received(Family.IPV4_UNICAST) == 0, bird::log);

        // BIRD withdraws its IPv4 multicast route (its static protocol disabled): reported and applied.
        assertTrue(bird.birdc("disable", "smc4").contains("disabled"), "birdc disable smc4");
        p.ours().awaitJson("BIRD's multicast withdrawal in our JSON", all -> all.contains(
                "\"withdraw\":{\"ipv4multicast\":[{\"nlri\":\"" + Bird.MULTICAST4_ROUTE + "\"}]}"), bird);
        Interop.until("only the IPv6 multicast route left", () -> p.ours().received(Family.IPV4_MULTICAST) == 0
                && p.ours().received(Family.IPV6_MULTICAST) == 1, bird::log);
    }
}
