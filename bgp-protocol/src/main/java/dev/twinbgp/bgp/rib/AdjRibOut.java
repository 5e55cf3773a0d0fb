package dev.twinbgp.bgp.rib;

import dev.twinbgp.bgp.wire.attribute.Attribute;
import dev.twinbgp.bgp.wire.attribute.Attributes;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.family.NlriRoute;
import dev.twinbgp.bgp.wire.capability.Negotiated;
import dev.twinbgp.bgp.wire.family.Prefix;
import dev.twinbgp.bgp.wire.family.RouteKey;
import dev.twinbgp.bgp.wire.Update;
import dev.twinbgp.bgp.wire.UpdatePacker;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * The routes we advertise to one peer (RFC 4271 section 3.2, Adj-RIB-Out), in the order they were
 * added, and how they become UPDATEs: IPv4 unicast routes that share a {@link Path} share UPDATEs
 * (ExaBGP's {@code group-updates}, on by default), packed up to the session's maximum message size;
 * with grouping off, and for every other family (as ExaBGP, whose outgoing RIB groups IPv4 unicast
 * only, and whose conformance vectors expect one UPDATE per IPv6 route), one UPDATE per route.
 * Not thread-safe: owned by the session's loop.
 */
public final class AdjRibOut {
    private final Map<RouteKey, Path> routes = new LinkedHashMap<>();
    /**
     * The IPv4 unicast routes grouped by path, in the order {@link #updates} packs them (groups by
     * first appearance in {@link #routes}, prefixes in route order), kept up to date while routes are
     * only added - a table loaded at start-up - so a session that comes up packs at once instead of
     * regrouping a full table. A replaced path or a withdrawal can reorder the groups: then they are
     * dropped ({@code null}) and rebuilt when next needed.
     */
    private Map<Path, Group> ipv4Groups = new LinkedHashMap<>();

    /**
     * Prefixes sharing a path; {@code attributes} is what they are sent with (the path's attributes
     * plus NEXT_HOP, RFC 4271 section 5.1.3), made once per group. The list only grows while the
     * group is current, so a snapshot of its size stays a valid view of it.
     */
    private static final class Group {
        final Path path;
        final ArrayList<Prefix> prefixes = new ArrayList<>(4);
        private Attributes ipv4Attributes;

        Group(Path path) {
            this.path = path;
        }

        /** The path's attributes with its next hop as NEXT_HOP, or null when it needs MP_REACH_NLRI. */
        Attributes ipv4Attributes() {
            if (ipv4Attributes == null) {
                ipv4Attributes = ipv4AttributesOf(path);
                if (ipv4Attributes != null) {
                    // Encode once per group, while the table loads: every session then copies these
                    // octets. The 4-octet AS form (RFC 6793), which nearly every session negotiates.
                    ipv4Attributes.encodedLength(true);
                }
            }
            return ipv4Attributes;
        }
    }

    /** Adds or replaces a route; returns true when it changed. */
    public boolean announce(Route route) {
        if (route.key() instanceof NlriRoute n && n.hasNonKeyFields()) {
            // same key, maybe other octets (EVPN's label, RFC 7432 section 7): the new octets replace the old
            routes.remove(n);
            routes.put(n, route.path());
            return true;
        }
        Path old = routes.put(route.key(), route.path());
        if (route.path().equals(old)) {
            return false;
        }
        if (old != null) {
            ipv4Groups = null; // the prefix keeps its place in routes but changes group
        } else if (ipv4Groups != null && route.key() instanceof Prefix prefix && prefix.family().equals(Family.IPV4_UNICAST)) {
            Group g = ipv4Groups.computeIfAbsent(route.path(), Group::new);
            if (g.prefixes.isEmpty()) {
                g.ipv4Attributes(); // once per path, while the table loads rather than when a session comes up
            }
            g.prefixes.add(prefix);
        }
        return true;
    }

    /** Removes a route; returns true when it was there. */
    public boolean withdraw(RouteKey prefix) {
        if (routes.remove(prefix) == null) {
            return false;
        }
        ipv4Groups = null;
        return true;
    }

    public int size() {
        return routes.size();
    }

    /** The path held for {@code key}, or null. */
    public Path path(RouteKey key) {
        return routes.get(key);
    }

    public void clear() {
        routes.clear();
        ipv4Groups = new LinkedHashMap<>();
    }

    public List<Route> routes() {
        List<Route> out = new ArrayList<>(routes.size());
        routes.forEach((p, path) -> out.add(new Route(p, path)));
        return out;
    }

    /** The UPDATEs that announce every route of {@code family}. */
    public List<Update> updates(Family family, Negotiated negotiated, boolean group) {
        List<Update> out = new ArrayList<>();
        updatesLazily(family, negotiated, group).forEachRemaining(out::add);
        return out;
    }

    /**
     * The UPDATEs of {@link #updates}, the same ones in the same order, packed one at a time as they
     * are asked for, so a session can start writing a full table at once. The routes are those of
     * the call: routes announced or withdrawn later are not part of it (their own UPDATEs follow).
     */
    public Iterator<Update> updatesLazily(Family family, Negotiated negotiated, boolean group) {
        if (group && family.equals(Family.IPV4_UNICAST)) {
            return groupedIpv4(negotiated);
        }
        // Routes sharing a path go in one UPDATE for MCAST-VPN as for IPv4 unicast, as ExaBGP groups them
        // (its OutgoingRIB.updates); every other family one route per UPDATE, as ExaBGP sends them.
        boolean byPath = group && family.safi() == Family.SAFI_MCAST_VPN;
        Map<Path, List<RouteKey>> grouped = new LinkedHashMap<>();
        List<Map.Entry<Path, List<RouteKey>>> selected = new ArrayList<>();
        routes.forEach((p, path) -> {
            if (familyOf(p).equals(family)) {
                if (byPath) {
                    grouped.computeIfAbsent(path, x -> new ArrayList<>()).add(p);
                } else {
                    selected.add(Map.entry(path, List.of(p)));
                }
            }
        });
        selected.addAll(grouped.entrySet());
        Iterator<Map.Entry<Path, List<RouteKey>>> it = selected.iterator();
        return new Iterator<>() {
            private Iterator<Update> current = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && it.hasNext()) {
                    Map.Entry<Path, List<RouteKey>> r = it.next();
                    current = pack(r.getKey(), r.getValue(), negotiated).iterator();
                }
                return current.hasNext();
            }

            @Override
            public Update next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    /** IPv4 unicast routes grouped by path; a snapshot of the groups and of their sizes, packed lazily. */
    private Iterator<Update> groupedIpv4(Negotiated negotiated) {
        if (ipv4Groups == null) {
            Map<Path, Group> regrouped = new LinkedHashMap<>();
            routes.forEach((p, path) -> {
                if (p instanceof Prefix prefix && prefix.family().equals(Family.IPV4_UNICAST)) {
                    regrouped.computeIfAbsent(path, Group::new).prefixes.add(prefix);
                }
            });
            ipv4Groups = regrouped;
        }
        Group[] groups = ipv4Groups.values().toArray(new Group[0]);
        int[] sizes = new int[groups.length];
        for (int i = 0; i < groups.length; i++) {
            sizes[i] = groups[i].prefixes.size();
        }
        return new Iterator<>() {
            private int next;
            private Iterator<Update> current = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && next < groups.length) {
                    Group g = groups[next];
                    List<Prefix> prefixes = firstOf(g.prefixes, sizes[next]);
                    next++;
                    Attributes ipv4 = g.ipv4Attributes();
                    current = ipv4 != null ? UpdatePacker.announceIpv4Lazily(ipv4, prefixes, negotiated)
                            : pack(g.path, List.copyOf(prefixes), negotiated).iterator();
                }
                return current.hasNext();
            }

            @Override
            public Update next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    /**
     * UPDATEs announcing {@code routes}: with {@code group}, IPv4 unicast routes grouped by path in
     * first-seen order, then every other route in its own UPDATE; without, one UPDATE per route.
     */
    public static List<Update> announce(Collection<Route> routes, Negotiated negotiated, boolean group) {
        AnnounceBatch batch = new AnnounceBatch(group);
        routes.forEach(batch::add);
        List<Update> out = new ArrayList<>();
        batch.updates(negotiated).forEachRemaining(out::add);
        return out;
    }

    /** UPDATEs withdrawing {@code prefixes} (all of one family or mixed). */
    public static List<Update> withdraw(Collection<? extends RouteKey> prefixes, Negotiated negotiated) {
        Map<Family, List<RouteKey>> byFamily = new LinkedHashMap<>();
        for (RouteKey p : prefixes) {
            byFamily.computeIfAbsent(familyOf(p), k -> new ArrayList<>()).add(p);
        }
        List<Update> out = new ArrayList<>();
        byFamily.forEach((f, list) -> out.addAll(UpdatePacker.withdraw(f, list, negotiated)));
        return out;
    }

    /**
     * The first {@code n} elements of a list that may grow meanwhile (routes announced while a table
     * is being sent): unlike {@code subList}, a view that stays valid when the list grows.
     */
    private static List<Prefix> firstOf(ArrayList<Prefix> list, int n) {
        return new AbstractList<>() {
            @Override
            public Prefix get(int index) {
                return list.get(Objects.checkIndex(index, n));
            }

            @Override
            public int size() {
                return n;
            }
        };
    }

    /**
     * {@link #pack}'s UPDATEs, given {@code ipv4}: the attributes IPv4 unicast routes of {@code path}
     * are sent with ({@link #ipv4AttributesOf}), or null for any other family or an MP next hop.
     * IPv4 unicast ones are packed one at a time as they are asked for.
     */
    @SuppressWarnings("unchecked")
    static Iterator<Update> packLazily(Path path, Attributes ipv4, List<? extends RouteKey> prefixes, Negotiated negotiated) {
        return ipv4 != null ? UpdatePacker.announceIpv4Lazily(ipv4, (List<Prefix>) prefixes, negotiated)
                : pack(path, prefixes, negotiated).iterator();
    }

    /**
     * {@link #ipv4AttributesOf}{@code (path)}, taken from the path's group when it has one (made and
     * encoded once, when its first route was added), so a batch of new routes does not make and
     * encode every attribute set a second time.
     */
    Attributes ipv4AttributesFor(Path path) {
        Group g = ipv4Groups == null ? null : ipv4Groups.get(path);
        return g != null ? g.ipv4Attributes() : ipv4AttributesOf(path);
    }

    @SuppressWarnings("unchecked")
    private static List<Update> pack(Path path, List<? extends RouteKey> prefixes, Negotiated negotiated) {
        Family family = familyOf(prefixes.get(0));
        Attributes ipv4 = family.equals(Family.IPV4_UNICAST) ? ipv4AttributesOf(path) : null;
        if (ipv4 != null) {
            return UpdatePacker.announceIpv4(ipv4, (List<Prefix>) prefixes, negotiated);
        }
        // RFC 4760 section 3 (and RFC 8950 for an IPv6 next hop on IPv4 NLRI): MP_REACH_NLRI, for every
        // other family (a FlowSpec rule without next hop has an empty one, RFC 8955 section 4).
        return UpdatePacker.announce(family, path.nextHop(), path.attributes(), prefixes, negotiated);
    }

    /**
     * RFC 4271 section 5.1.3: IPv4 unicast carries a 4-octet next hop in NEXT_HOP; the attributes to
     * send IPv4 unicast routes of {@code path} with, or null when its next hop needs MP_REACH_NLRI.
     */
    static Attributes ipv4AttributesOf(Path path) {
        byte[] nextHop = path.nextHop();
        if (nextHop.length == 0) {
            return path.attributes();
        }
        return nextHop.length == 4
                ? path.attributes().with(new Attribute.NextHop(java.nio.ByteBuffer.wrap(nextHop).getInt())) : null;
    }

    static Family familyOf(RouteKey p) {
        return p.family();
    }
}
