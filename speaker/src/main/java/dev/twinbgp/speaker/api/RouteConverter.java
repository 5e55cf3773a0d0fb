package dev.twinbgp.speaker.api;

import dev.twinbgp.bgp.rib.Route;
import dev.twinbgp.bgp.wire.family.Prefix;
import dev.twinbgp.speaker.config.NeighborConfig;
import dev.twinbgp.speaker.config.FlowConfig;
import dev.twinbgp.speaker.config.RouteConfig;
import java.util.List;

/**
 * Turns a route as written (configuration grammar, parsed by {@code RouteParser}) into the wire routes one
 * neighbor is sent: the one seam between the API and the configuration mapping
 * ({@link MappingRouteConverter} by default).
 */
public interface RouteConverter {

    /**
     * The routes to announce to {@code neighbor} ({@code split} expanded, defaults applied).
     *
     * @throws IllegalArgumentException for a route that cannot be sent to that neighbor (one line saying why)
     */
    List<Route> toRoutes(NeighborConfig neighbor, RouteConfig route);

    /**
     * The route of a FlowSpec rule for {@code neighbor} (defaults applied).
     *
     * @throws IllegalArgumentException when it cannot be sent to that neighbor
     */
    default Route toRoute(NeighborConfig neighbor, FlowConfig flow) {
        throw new IllegalArgumentException("FlowSpec routes are not supported here");
    }

    /** The wire prefixes a {@code withdraw route} removes (with the path id when one is given). */
    default List<Prefix> toPrefixes(RouteConfig route) {
        return route.expandSplit().stream().map(RouteConverter::prefix).toList();
    }

    /** The wire prefix of a route as written, with its ADD-PATH path id (RFC 7911 section 3) when given. */
    static Prefix prefix(RouteConfig route) {
        Prefix p = Prefix.of(route.prefix().address().bytes(), route.prefix().length());
        return route.attributes().pathInformation().isPresent()
                ? p.withPathId(route.attributes().pathInformation().getAsLong()) : p;
    }
}
