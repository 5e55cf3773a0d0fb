package dev.twinbgp.speaker.api;

import dev.twinbgp.bgp.rib.Route;
import dev.twinbgp.speaker.config.ConfigException;
import dev.twinbgp.speaker.config.Configuration;
import dev.twinbgp.speaker.config.FlowConfig;
import dev.twinbgp.speaker.config.NeighborConfig;
import dev.twinbgp.speaker.config.RouteConfig;
import dev.twinbgp.speaker.config.RouteParser;
import dev.twinbgp.speaker.mapping.PeerSettingsMapper;
import java.util.List;
import java.util.Optional;

/**
 * API routes built by the configuration mapping itself ({@link PeerSettingsMapper}), so a route announced by a
 * command is byte for byte the route the same line in a configuration file would give. The adapter: the
 * neighbor is copied with this one route and mapped whole, using only the mapping's public entry point; when
 * the mapping offers a per-route conversion, {@link #toRoutes} becomes that one call.
 */
public final class MappingRouteConverter implements RouteConverter {
    public static final MappingRouteConverter INSTANCE = new MappingRouteConverter();

    private MappingRouteConverter() {
    }

    @Override
    public List<Route> toRoutes(NeighborConfig n, RouteConfig route) {
        NeighborConfig one = n.withRoutes(List.of(route), List.of());
        try {
            return PeerSettingsMapper.map(new Configuration(RouteParser.COMMAND, List.of(one), List.of(), Optional.empty()))
                    .get(0).routes();
        } catch (ConfigException e) {
            throw new IllegalArgumentException(reason(e.getMessage(), n));
        }
    }

    @Override
    public Route toRoute(NeighborConfig n, FlowConfig flow) {
        NeighborConfig one = n.withRoutes(List.of(), List.of(flow));
        try {
            return PeerSettingsMapper.map(new Configuration(RouteParser.COMMAND, List.of(one), List.of(), Optional.empty()))
                    .get(0).routes().get(0);
        } catch (ConfigException e) {
            throw new IllegalArgumentException(reason(e.getMessage(), n));
        }
    }

    /** "&lt;command&gt;: neighbor 192.0.2.1: route 10.0.0.0/8: has no next-hop" -&gt; "route 10.0.0.0/8: has no next-hop". */
    private static String reason(String message, NeighborConfig n) {
        String head = RouteParser.COMMAND + ": neighbor " + n.peerAddress() + ": ";
        return message.startsWith(head) ? message.substring(head.length()) : message;
    }
}
