package dev.twinbgp.speaker.api;

import dev.twinbgp.bgp.rib.Path;
import dev.twinbgp.bgp.rib.Route;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.speaker.config.FlowConfig;
import dev.twinbgp.speaker.config.NeighborConfig;
import dev.twinbgp.speaker.config.RouteAttributes;
import dev.twinbgp.speaker.config.RouteConfig;
import dev.twinbgp.speaker.mapping.PeerSettingsMapper;
import java.util.List;

/**
 * API routes built by the configuration mapping itself ({@link PeerSettingsMapper}), so a route announced by a
 * command is byte for byte the route the same line in a configuration file would give: the mapping's per-route
 * conversion ({@link PeerSettingsMapper#routes}, the neighbor's session not mapped again), and the paths made last
 * are reused for the same attributes.
 */
public final class MappingRouteConverter implements RouteConverter {
    public static final MappingRouteConverter INSTANCE = new MappingRouteConverter();

    private MappingRouteConverter() {
    }

    /**
     * The last paths made, per thread (each API reader thread has its own, so no lock): a process announcing a
     * table sends a few attribute sets over many prefixes, and {@link RouteLines} hands the same
     * {@link RouteAttributes} instance for the same attribute text, so a path is looked up by identity - of the
     * attributes, the neighbor's configuration and the family (the next hop's checks depend on it) - instead of
     * mapping the neighbor again (issue 18). Routes that share a path also share the instance, as the
     * configuration's routes do, so the Adj-RIB-Out groups them without comparing attribute lists.
     *
     * <p>As in {@link RouteLines}, the path made last is always at hand, but one enters the table only when its
     * attributes come back after others ({@link Paths#seen}): a path is an object graph of its attributes, and
     * 250,000 sets used a few lines each outlived young collections in the table and were copied to die old.
     */
    private static final int CACHED = 1024;
    private static final ThreadLocal<Paths> MADE = ThreadLocal.withInitial(Paths::new);

    /** One reader thread's paths: the last made, the table, and the keys of those made once per slot. */
    private static final class Paths {
        final Made[] table = new Made[CACHED];
        final int[] seen = new int[CACHED];
        Made last;
    }

    /** A path made for these attributes (by identity), neighbor configuration (by identity) and family. */
    private record Made(RouteAttributes attributes, NeighborConfig neighbor, Family family, Path path) {
        boolean isFor(RouteAttributes a, NeighborConfig n, Family f) {
            return attributes == a && neighbor == n && family.equals(f);
        }
    }

    /** The mapping reads no prefix but for {@code split} (which {@link AnnounceShortcut} leaves to it). */
    @Override
    public boolean pathIgnoresPrefix() {
        return true;
    }

    @Override
    public List<Route> toRoutes(NeighborConfig n, RouteConfig route) {
        RouteAttributes a = route.attributes();
        if (a.split().isPresent() || a.withdrawn()) {
            return mapped(n, route); // not one route of its own: the mapping decides
        }
        if (route.family().safi() != Family.SAFI_UNICAST || route.multicast()) {
            // Keyed by more than the prefix (a labeled NLRI, a multicast prefix: RouteMapping.key), which the paths
            // made below do not keep: the mapping makes the whole route. (The cache handed such a route its plain
            // prefix as key until 2026-12-07: a second labeled route with the same attributes went out as IPv4
            // unicast with the labeled route's path; AnnounceShortcutTest found it.)
            return List.of(PeerSettingsMapper.route(n, route));
        }
        Paths made = MADE.get();
        int key = System.identityHashCode(a) * 31 + System.identityHashCode(n);
        int slot = key & (CACHED - 1);
        Made m = made.last;
        if (m == null || !m.isFor(a, n, route.family())) {
            m = made.table[slot];
        }
        if (m != null && m.isFor(a, n, route.family())) {
            made.last = m;
            return List.of(new Route(RouteConverter.prefix(route), m.path()));
        }
        Route one = PeerSettingsMapper.route(n, route);
        made.last = new Made(a, n, route.family(), one.path());
        if (made.seen[slot] == key) {
            made.table[slot] = made.last;
        } else {
            made.seen[slot] = key;
        }
        return List.of(one);
    }

    private List<Route> mapped(NeighborConfig n, RouteConfig route) {
        return PeerSettingsMapper.routes(n, List.of(route), List.of());
    }

    /**
     * The paths made last for rules of codec families (FlowSpec, ...), per thread: a DDoS detector announces many
     * rules with a few actions; a rule read in full has its own {@link RouteAttributes}, so these are looked up by
     * equality (rules read from a known tail by {@link RouteLines} share the instance: found by identity first).
     * Only for rules without a next hop (a redirect to an IP or {@code next-hop}): their path is then made of the
     * attributes and the neighbor alone ({@code RouteMapping.flow}), and the rule is the key.
     */
    private static final ThreadLocal<Made[]> FLOWS_MADE = ThreadLocal.withInitial(() -> new Made[CACHED]);

    @Override
    public Route toRoute(NeighborConfig n, FlowConfig flow) {
        RouteAttributes a = flow.attributes();
        if (a.nextHop().isPresent()) {
            return mapped(n, flow);
        }
        Made[] made = FLOWS_MADE.get();
        int slot = (a.hashCode() * 31 + System.identityHashCode(n)) & (CACHED - 1);
        Made m = made[slot];
        if (m != null && m.neighbor() == n && m.family().equals(flow.family())
                && (m.attributes() == a || m.attributes().equals(a))) { // RouteLines shares a tail's attributes
            try {
                return new Route(flow.rule().route(), m.path());
            } catch (IllegalArgumentException e) {
                // a rule the mapping refuses: mapped(...) gives its error as the mapping words it
            }
        }
        Route route = mapped(n, flow);
        made[slot] = new Made(a, n, flow.family(), route.path());
        return route;
    }

    private Route mapped(NeighborConfig n, FlowConfig flow) {
        return PeerSettingsMapper.routes(n, List.of(), List.of(flow)).get(0);
    }
}
