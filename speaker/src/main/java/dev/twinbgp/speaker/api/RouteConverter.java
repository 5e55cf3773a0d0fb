package dev.twinbgp.speaker.api;

import dev.twinbgp.bgp.rib.Route;
import dev.twinbgp.bgp.wire.Prefix;
import dev.twinbgp.speaker.config.NeighborConfig;
import dev.twinbgp.speaker.config.RouteConfig;
import java.util.List;

/**
 * Turns a route as written (configuration grammar, parsed by {@code RouteParser}) into the wire routes one
 * neighbor is sent. The one seam between the API and the configuration mapping: the speaker passes the
 * mapping's conversion here; {@link BasicRouteConverter} is the stand-in until that exists.
 */
public interface RouteConverter {

    /**
     * The routes to announce to {@code neighbor} ({@code split} expanded, defaults applied).
     *
     * @throws IllegalArgumentException for a route that cannot be sent to that neighbor (one line saying why)
     */
    List<Route> toRoutes(NeighborConfig neighbor, RouteConfig route);

    /** The wire prefixes a {@code withdraw route} removes (with the path id when one is given). */
    default List<Prefix> toPrefixes(RouteConfig route) {
        return route.expandSplit().stream().map(BasicRouteConverter::prefix).toList();
    }
}
