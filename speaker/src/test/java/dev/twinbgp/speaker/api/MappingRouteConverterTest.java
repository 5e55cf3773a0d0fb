package dev.twinbgp.speaker.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.twinbgp.bgp.rib.Route;
import dev.twinbgp.speaker.config.ConfigException;
import dev.twinbgp.speaker.config.ConfigParser;
import dev.twinbgp.speaker.config.Configuration;
import dev.twinbgp.speaker.config.FlowConfig;
import dev.twinbgp.speaker.config.FlowParser;
import dev.twinbgp.speaker.config.NeighborConfig;
import dev.twinbgp.speaker.config.RouteConfig;
import dev.twinbgp.speaker.config.RouteParser;
import dev.twinbgp.speaker.mapping.PeerSettingsMapper;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * An API FlowSpec rule converted through the converter's cache of paths is the route the whole mapping makes of
 * the same line (key, attributes, next hop), and rules with equal actions share one path.
 */
class MappingRouteConverterTest {

    private static NeighborConfig neighbor() throws ConfigException {
        return ConfigParser.parse("t.conf", """
                neighbor 192.0.2.1 {
                  router-id 10.0.0.1; local-address 192.0.2.2; local-as 65000; peer-as 65001;
                  family { ipv4 unicast; ipv4 flow; ipv6 flow; ipv4 flow-vpn; }
                }
                """).neighbors().get(0);
    }

    private static Route wholeMapping(NeighborConfig n, FlowConfig flow) throws ConfigException {
        NeighborConfig one = n.withRoutes(List.of(), List.of(flow));
        return PeerSettingsMapper.map(new Configuration(RouteParser.COMMAND, List.of(one), List.of(), Optional.empty()))
                .get(0).routes().get(0);
    }

    @Test
    void cachedFlowPathsAreThoseOfTheWholeMapping() throws ConfigException {
        NeighborConfig n = neighbor();
        List<String> actions = List.of("then discard", "then rate-limit 9600", "then redirect 65000:12",
                "then mark 10", "then community [ 65000:1 ] discard", "then redirect-to-nexthop",
                "then redirect 192.0.2.9", "then redirect 192.0.2.9 mark 3");
        for (int round = 0; round < 2; round++) {
            for (String action : actions) {
                for (int i = 1; i <= 3; i++) {
                    String line = "flow route destination 10.0." + round + "." + i + "/32 protocol =udp source-port =53 " + action;
                    Route cached = MappingRouteConverter.INSTANCE.toRoute(n, FlowParser.command(line));
                    Route whole = wholeMapping(n, FlowParser.command(line));
                    assertEquals(whole.key(), cached.key(), line);
                    assertEquals(whole.path(), cached.path(), line);
                    assertArrayEquals(whole.path().attributes().toByteArray(true), cached.path().attributes().toByteArray(true), line);
                    assertArrayEquals(whole.path().nextHop(), cached.path().nextHop(), line);
                }
            }
        }
        Route a = MappingRouteConverter.INSTANCE.toRoute(n, FlowParser.command("flow route destination 10.1.0.1/32 then discard"));
        Route b = MappingRouteConverter.INSTANCE.toRoute(n, FlowParser.command("flow route destination 10.1.0.2/32 then discard"));
        assertSame(a.path(), b.path(), "equal actions: one path");
        Route v6 = MappingRouteConverter.INSTANCE.toRoute(n, FlowParser.command("flow route destination 2001:db8::1/128 then discard"));
        assertEquals(wholeMapping(n, FlowParser.command("flow route destination 2001:db8::1/128 then discard")).path(), v6.path());
    }

    /**
     * Lines with one tail share one attribute set ({@link RouteLines}), which the converter finds by identity: a
     * labeled route found that way keeps its labeled NLRI as key, as the whole mapping gives it (it was handed its
     * plain prefix, and went out as IPv4 unicast with the labeled route's path).
     */
    @Test
    void labeledRoutesOfOneTailKeepTheirLabeledKey() throws Exception {
        NeighborConfig n = ConfigParser.parse("t.conf", """
                neighbor 192.0.2.1 {
                  router-id 10.0.0.1; local-address 192.0.2.2; local-as 65000; peer-as 65001;
                  family { ipv4 unicast; ipv4 nlri-mpls; ipv4 mpls-vpn; }
                }
                """).neighbors().get(0);
        RouteLines lines = new RouteLines();
        for (String tail : List.of("next-hop 192.0.2.9 rd 1:1 label 100", "next-hop 192.0.2.9 label 100")) {
            for (int i = 0; i < 3; i++) {
                String line = "announce route 10.0." + i + ".0/24 " + tail;
                RouteConfig r = ((Command.Announce) lines.parse(line).command()).routes().get(0);
                NeighborConfig one = n.withRoutes(List.of(r), List.of());
                List<Route> whole = PeerSettingsMapper.map(new Configuration(RouteParser.COMMAND, List.of(one), List.of(),
                        Optional.empty())).get(0).routes();
                assertEquals(whole, MappingRouteConverter.INSTANCE.toRoutes(n, r), line);
            }
        }
    }

    /**
     * Unicast, labeled and multicast routes through the converter's per-route mapping
     * ({@code PeerSettingsMapper.route}, first sight and from its cache) are those of the whole mapping, on an
     * external and an internal session, and a route the mapping refuses is refused with the same reason.
     */
    @Test
    void routesAreThoseOfTheWholeMapping() throws ConfigException {
        for (String peerAs : List.of("65001", "65000")) {
            NeighborConfig n = ConfigParser.parse("t.conf", """
                    neighbor 192.0.2.1 {
                      router-id 10.0.0.1; local-address 192.0.2.2; local-as 65000; peer-as %s;
                      family { ipv4 unicast; ipv6 unicast; ipv4 multicast; ipv4 nlri-mpls; ipv4 mpls-vpn; }
                    }
                    """.formatted(peerAs)).neighbors().get(0);
            for (String line : List.of("route 10.0.0.0/24 next-hop 192.0.2.9 med 5 community [ 65001:2 65001:1 ]",
                    "route 10.0.1.0/24 next-hop self local-preference 200 as-path [ 1 2 3 ] origin egp",
                    "route 10.0.2.0/24 next-hop 192.0.2.9 large-community [ 1:2:3 1:1:1 ] atomic-aggregate",
                    "route 10.0.3.0/24 next-hop 192.0.2.9 path-information 7 extended-community [ target:1:1 ]",
                    "route 2001:db8::/32 next-hop 2001:db8::9 med 1",
                    "route 10.0.4.0/24 next-hop 192.0.2.9 label 100",
                    "route 10.0.5.0/24 next-hop 192.0.2.9 rd 1:1 label 100",
                    "ipv4 multicast 10.0.6.0/24 next-hop 192.0.2.9",
                    "route 10.0.7.0/24 next-hop 2001:db8::9",
                    "route 2001:db8:1::/48 next-hop 192.0.2.9")) {
                for (int round = 0; round < 2; round++) {
                    RouteConfig r = RouteParser.parseRoute(line);
                    Object expected;
                    try {
                        NeighborConfig one = n.withRoutes(List.of(r), List.of());
                        expected = PeerSettingsMapper.map(new Configuration(RouteParser.COMMAND, List.of(one), List.of(),
                                Optional.empty())).get(0).routes();
                    } catch (ConfigException e) {
                        expected = "refused";
                    }
                    Object got;
                    try {
                        got = MappingRouteConverter.INSTANCE.toRoutes(n, r);
                    } catch (IllegalArgumentException e) {
                        got = "refused";
                    }
                    assertEquals(expected, got, line);
                    if (got instanceof List<?> routes) {
                        Route route = (Route) routes.get(0);
                        Route whole = (Route) ((List<?>) expected).get(0);
                        assertArrayEquals(whole.path().attributes().toByteArray(true), route.path().attributes().toByteArray(true), line);
                        assertArrayEquals(whole.path().nextHop(), route.path().nextHop(), line);
                    }
                }
            }
        }
    }
    /**
     * Routes of one attribute set share its path: the set of the line before at once, a set that comes back after
     * others once it has been made twice (kept then, issue 18: a set used once is not held).
     */
    @Test
    void aSetThatComesBackSharesItsPath() throws ConfigException {
        NeighborConfig n = ConfigParser.parse("t.conf", """
                neighbor 192.0.2.1 {
                  router-id 10.0.0.1; local-address 192.0.2.2; local-as 65000; peer-as 65001;
                  family { ipv4 unicast; }
                }
                """).neighbors().get(0);
        RouteConfig a = RouteParser.parseRoute("route 10.0.0.0/24 next-hop 192.0.2.9 med 5");
        RouteConfig b = RouteParser.parseRoute("route 10.1.0.0/24 next-hop 192.0.2.9 med 6");
        RouteConfig other = RouteParser.parseRoute("route 10.9.0.0/16 next-hop 1.1.1.1");
        java.util.function.BiFunction<RouteConfig, Integer, Route> route = (r, i) -> MappingRouteConverter.INSTANCE
                .toRoutes(n, new RouteConfig(other.prefix(), r.attributes())).get(0);
        Route first = route.apply(a, 0);
        assertSame(first.path(), route.apply(a, 1).path(), "the set of the line before");
        route.apply(b, 2);
        Route again = route.apply(a, 3); // made a second time: kept
        assertEquals(first.path(), again.path());
        route.apply(b, 4);
        assertSame(again.path(), route.apply(a, 5).path(), "a set that came back");
    }
}
