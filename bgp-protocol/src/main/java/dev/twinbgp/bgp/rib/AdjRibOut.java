package dev.twinbgp.bgp.rib;

import dev.twinbgp.bgp.wire.Attribute;
import dev.twinbgp.bgp.wire.Family;
import dev.twinbgp.bgp.wire.Negotiated;
import dev.twinbgp.bgp.wire.Prefix;
import dev.twinbgp.bgp.wire.Update;
import dev.twinbgp.bgp.wire.UpdatePacker;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The routes we advertise to one peer (RFC 4271 section 3.2, Adj-RIB-Out), in the order they were
 * added, and how they become UPDATEs: IPv4 unicast routes that share a {@link Path} share UPDATEs
 * (ExaBGP's {@code group-updates}, on by default), packed up to the session's maximum message size;
 * with grouping off, and for every other family (as ExaBGP, whose outgoing RIB groups IPv4 unicast
 * only, and whose conformance vectors expect one UPDATE per IPv6 route), one UPDATE per route.
 * Not thread-safe: owned by the session's loop.
 */
public final class AdjRibOut {
    private final Map<Prefix, Path> routes = new LinkedHashMap<>();

    /** Adds or replaces a route; returns true when it changed. */
    public boolean announce(Route route) {
        return !route.path().equals(routes.put(route.prefix(), route.path()));
    }

    /** Removes a route; returns true when it was there. */
    public boolean withdraw(Prefix prefix) {
        return routes.remove(prefix) != null;
    }

    public int size() {
        return routes.size();
    }

    public void clear() {
        routes.clear();
    }

    public List<Route> routes() {
        List<Route> out = new ArrayList<>(routes.size());
        routes.forEach((p, path) -> out.add(new Route(p, path)));
        return out;
    }

    /** The UPDATEs that announce every route of {@code family}. */
    public List<Update> updates(Family family, Negotiated negotiated, boolean group) {
        List<Route> selected = new ArrayList<>();
        routes.forEach((p, path) -> {
            if (familyOf(p).equals(family)) {
                selected.add(new Route(p, path));
            }
        });
        return announce(selected, negotiated, group);
    }

    /**
     * UPDATEs announcing {@code routes}: with {@code group}, IPv4 unicast routes grouped by path in
     * first-seen order, then every other route in its own UPDATE; without, one UPDATE per route.
     */
    public static List<Update> announce(Collection<Route> routes, Negotiated negotiated, boolean group) {
        List<Update> out = new ArrayList<>();
        Map<Path, List<Prefix>> groups = new LinkedHashMap<>();
        List<Route> single = new ArrayList<>();
        for (Route r : routes) {
            if (group && familyOf(r.prefix()).equals(Family.IPV4_UNICAST)) {
                groups.computeIfAbsent(r.path(), k -> new ArrayList<>()).add(r.prefix());
            } else {
                single.add(r);
            }
        }
        groups.forEach((path, prefixes) -> out.addAll(pack(path, prefixes, negotiated)));
        for (Route r : single) {
            out.addAll(pack(r.path(), List.of(r.prefix()), negotiated));
        }
        return out;
    }

    /** UPDATEs withdrawing {@code prefixes} (all of one family or mixed). */
    public static List<Update> withdraw(Collection<Prefix> prefixes, Negotiated negotiated) {
        Map<Family, List<Prefix>> byFamily = new LinkedHashMap<>();
        for (Prefix p : prefixes) {
            byFamily.computeIfAbsent(familyOf(p), k -> new ArrayList<>()).add(p);
        }
        List<Update> out = new ArrayList<>();
        byFamily.forEach((f, list) -> out.addAll(UpdatePacker.withdraw(f, list, negotiated)));
        return out;
    }

    private static List<Update> pack(Path path, List<Prefix> prefixes, Negotiated negotiated) {
        Family family = familyOf(prefixes.get(0));
        byte[] nextHop = path.nextHop();
        if (family.equals(Family.IPV4_UNICAST) && (nextHop.length == 0 || nextHop.length == 4)) {
            // RFC 4271 section 5.1.3: IPv4 unicast carries its next hop in NEXT_HOP.
            var attributes = nextHop.length == 0 ? path.attributes()
                    : path.attributes().with(new Attribute.NextHop(java.nio.ByteBuffer.wrap(nextHop).getInt()));
            return UpdatePacker.announceIpv4(attributes, prefixes, negotiated);
        }
        // RFC 4760 section 3 (and RFC 8950 for an IPv6 next hop on IPv4 NLRI): MP_REACH_NLRI.
        return UpdatePacker.announce(family, nextHop, path.attributes(), prefixes, negotiated);
    }

    static Family familyOf(Prefix p) {
        return p.isIpv6() ? Family.IPV6_UNICAST : Family.IPV4_UNICAST;
    }
}
