package dev.twinbgp.speaker.api;

import dev.twinbgp.bgp.rib.Route;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.family.LabelStack;
import dev.twinbgp.bgp.wire.family.Prefix;
import dev.twinbgp.bgp.wire.family.RouteKey;
import dev.twinbgp.bgp.wire.family.vpn.LabeledRoute;
import dev.twinbgp.speaker.config.IpAddress;
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
     * True when an IPv4 unicast route's path depends on its attributes, family and neighbor only - never on its
     * prefix - and its key is its prefix as written: then {@link AnnounceShortcut} may give the next API lines with
     * the same attributes the path of a line converted before. False unless a converter says so: one that looks at
     * the prefix (refuses some, adds to some) must see every line.
     */
    default boolean pathIgnoresPrefix() {
        return false;
    }

    /**
     * The route of a FlowSpec rule for {@code neighbor} (defaults applied).
     *
     * @throws IllegalArgumentException when it cannot be sent to that neighbor
     */
    default Route toRoute(NeighborConfig neighbor, FlowConfig flow) {
        throw new IllegalArgumentException("FlowSpec routes are not supported here");
    }

    /**
     * The wire routes a {@code withdraw route} removes (with the path id when one is given): prefixes, or for a
     * route with {@code rd}/{@code label} its labeled NLRI; without a label, the withdrawal label 0x800000
     * (RFC 8277 section 2.4: the receiver ignores the label of a withdrawal, and so does our RIB).
     */
    default List<RouteKey> toPrefixes(RouteConfig route) {
        return route.expandSplit().stream().map(RouteConverter::key).toList();
    }

    /** The RIB key of a route as written: its prefix, or its labeled NLRI (nlri-mpls, mpls-vpn). */
    static RouteKey key(RouteConfig route) {
        Prefix p = prefix(route);
        Family family = route.family();
        if (family.safi() == Family.SAFI_UNICAST) {
            return p;
        }
        if (route.multicast()) {
            return p.multicast(); // SAFI 2 (RFC 4760): the prefix, keyed apart from the unicast route
        }
        List<Integer> labels = route.attributes().labels();
        return new LabeledRoute(family, labels.isEmpty() ? LabelStack.withdrawal() : LabelStack.of(labels),
                route.attributes().rd().orElse(null), p).route();
    }

    /** The wire prefix of a route as written, with its ADD-PATH path id (RFC 7911 section 3) when given. */
    static Prefix prefix(RouteConfig route) {
        IpAddress address = route.prefix().address();
        Prefix p = address.isIpv4() ? Prefix.ipv4((int) address.toUnsignedInt(), route.prefix().length())
                : Prefix.of(address.bytes(), route.prefix().length());
        return route.attributes().pathInformation().isPresent()
                ? p.withPathId(route.attributes().pathInformation().getAsLong()) : p;
    }
}
