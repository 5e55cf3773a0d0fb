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
}
