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
import java.util.Arrays;
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
    /**
     * IPv4 unicast prefixes without path id - nearly every route of a large table - in primitive
     * arrays ({@link OrderedIpv4Table}); every other route (other families, ADD-PATH ids) in
     * {@link #others}. Both hold path ids of {@link #paths}, where each distinct path is kept once.
     */
    private final OrderedIpv4Table ipv4 = new OrderedIpv4Table();
    private final Map<RouteKey, Other> others = new LinkedHashMap<>();
    private final SharedPaths paths = new SharedPaths();

    /**
     * A route of {@link #others}: its path id, and where it stands among the fast-path routes - after
     * the IPv4 slots below {@code ipv4Before} - so that {@link #routes} keeps the order in which all
     * routes were first added, as one insertion-ordered map did.
     */
    private static final class Other {
        int pathId;
        int ipv4Before;

        Other(int pathId, int ipv4Before) {
            this.pathId = pathId;
            this.ipv4Before = ipv4Before;
        }
    }

    /** True for a route of the fast path: an IPv4 unicast prefix without path id. */
    private static boolean fast(RouteKey key) {
        return key instanceof Prefix p && !p.isIpv6() && !p.isMulticast() && !p.hasPathId();
    }

    private static long keyOf(RouteKey key) {
        Prefix p = (Prefix) key;
        return OrderedIpv4Table.key(p.ipv4Address(), p.length());
    }

    private static Prefix prefixOf(long key) {
        return Prefix.ipv4(Ipv4RouteMap.address(key), Ipv4RouteMap.length(key));
    }

    /** Adds or replaces a route; returns true when it changed. */
    public boolean announce(Route route) {
        RouteKey key = route.key();
        Path path = route.path();
        if (fast(key)) {
            long k = keyOf(key);
            int slot = ipv4.find(k);
            if (slot < 0) {
                // the path's IPv4 attributes made and encoded once, while the table loads
                ipv4.add(k, paths.acquire(path, true));
                return true;
            }
            int old = ipv4.pathAt(slot);
            if (path.equals(paths.path(old))) {
                return false;
            }
            int id = paths.acquire(path, true);
            ipv4.setPath(slot, id);
            paths.release(old);
            return true;
        }
        if (key instanceof NlriRoute n && n.hasNonKeyFields()) {
            // same key, maybe other octets (EVPN's label, RFC 7432 section 7): the new octets replace the
            // old, and the route moves to the end, as a removal and a new entry
            Other old = others.remove(n);
            int id = paths.acquire(path);
            if (old != null) {
                paths.release(old.pathId);
            }
            others.put(n, new Other(id, ipv4.slots()));
            return true;
        }
        Other o = others.get(key);
        if (o == null) {
            others.put(key, new Other(paths.acquire(path), ipv4.slots()));
            return true;
        }
        if (path.equals(paths.path(o.pathId))) {
            return false;
        }
        int id = paths.acquire(path);
        paths.release(o.pathId);
        o.pathId = id;
        return true;
    }

    /** Removes a route; returns true when it was there. */
    public boolean withdraw(RouteKey prefix) {
        if (fast(prefix)) {
            int id = ipv4.remove(keyOf(prefix));
            if (id < 0) {
                return false;
            }
            paths.release(id);
            if (ipv4.sparse()) {
                int[] before = ipv4.compact();
                for (Other o : others.values()) {
                    o.ipv4Before = before[o.ipv4Before];
                }
            }
            return true;
        }
        Other o = others.remove(prefix);
        if (o == null) {
            return false;
        }
        paths.release(o.pathId);
        return true;
    }

    public int size() {
        return ipv4.size() + others.size();
    }

    /** The path held for {@code key}, or null. */
    public Path path(RouteKey key) {
        if (fast(key)) {
            int slot = ipv4.find(keyOf(key));
            return slot < 0 ? null : paths.path(ipv4.pathAt(slot));
        }
        Other o = others.get(key);
        return o == null ? null : paths.path(o.pathId);
    }

    public void clear() {
        ipv4.clear();
        others.clear();
        paths.clear();
    }

    /** Receives the routes in the order they were first added. */
    private interface Visitor {
        /** A fast-path route: IPv4 slot {@code slot}. */
        void ipv4(int slot, int pathId);

        void other(RouteKey key, int pathId);
    }

    /** Every route, fast-path and others merged, in the order they were first added. */
    private void forEachInOrder(Visitor v) {
        int slot = 0;
        for (Map.Entry<RouteKey, Other> e : others.entrySet()) {
            Other o = e.getValue();
            for (; slot < o.ipv4Before; slot++) {
                int id = ipv4.pathAt(slot);
                if (id >= 0) {
                    v.ipv4(slot, id);
                }
            }
            v.other(e.getKey(), o.pathId);
        }
        for (int end = ipv4.slots(); slot < end; slot++) {
            int id = ipv4.pathAt(slot);
            if (id >= 0) {
                v.ipv4(slot, id);
            }
        }
    }

    public List<Route> routes() {
        List<Route> out = new ArrayList<>(size());
        forEachInOrder(new Visitor() {
            @Override
            public void ipv4(int slot, int pathId) {
                out.add(new Route(prefixOf(ipv4.keyAt(slot)), paths.path(pathId)));
            }

            @Override
            public void other(RouteKey key, int pathId) {
                out.add(new Route(key, paths.path(pathId)));
            }
        });
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
        forEachInOrder(new Visitor() {
            @Override
            public void ipv4(int slot, int pathId) {
                if (family.equals(Family.IPV4_UNICAST)) {
                    selected.add(Map.entry(paths.path(pathId), List.of(prefixOf(ipv4.keyAt(slot)))));
                }
            }

            @Override
            public void other(RouteKey key, int pathId) {
                if (familyOf(key).equals(family)) {
                    Path path = paths.path(pathId);
                    if (byPath) {
                        grouped.computeIfAbsent(path, x -> new ArrayList<>()).add(key);
                    } else {
                        selected.add(Map.entry(path, List.of(key)));
                    }
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

    /**
     * IPv4 unicast routes grouped by path - groups in order of first appearance, prefixes in route
     * order - packed lazily. The grouping is a counting sort of the routes by path id into one array
     * of packed prefixes (8 octets a route), a snapshot: later changes do not touch it. An IPv4
     * unicast route of {@link #others} (one with an ADD-PATH id) stands in that array as
     * {@code -(i + 1)}, {@code i} its place in a side list.
     */
    private Iterator<Update> groupedIpv4(Negotiated negotiated) {
        if (others.isEmpty()) { // a table of IPv4 unicast routes without path id alone: one pass, no visitor
            int capacity = paths.capacity();
            int[] groupPathId = new int[capacity];
            int[] start = new int[capacity + 1];
            long[] members = new long[ipv4.size()];
            int groups = ipv4.groupByPath(paths.routesOf(), groupPathId, start, members);
            if (groups >= 0) {
                Path[] groupPath = new Path[groups];
                Attributes[] groupAttributes = new Attributes[groups];
                for (int g = 0; g < groups; g++) {
                    groupPath[g] = paths.path(groupPathId[g]);
                    groupAttributes[g] = paths.ipv4Attributes(groupPathId[g]);
                }
                return grouped(groups, start, members, List.of(), groupPath, groupAttributes, negotiated);
            }
        }
        int[] groupOf = new int[paths.capacity()];
        Arrays.fill(groupOf, -1);
        int[] counts = new int[Math.max(1, paths.capacity())];
        int[] groupCount = new int[1];
        List<Prefix> withIds = new ArrayList<>(0);
        // Pass 1: group numbers by first appearance, and the size of each group.
        forEachInOrder(new Visitor() {
            @Override
            public void ipv4(int slot, int pathId) {
                count(pathId);
            }

            @Override
            public void other(RouteKey key, int pathId) {
                if (familyOf(key).equals(Family.IPV4_UNICAST)) {
                    count(pathId);
                }
            }

            private void count(int pathId) {
                if (groupOf[pathId] < 0) {
                    groupOf[pathId] = groupCount[0]++;
                }
                counts[groupOf[pathId]]++;
            }
        });
        int groups = groupCount[0];
        int[] start = new int[groups + 1];
        Path[] groupPath = new Path[groups];
        Attributes[] groupAttributes = new Attributes[groups];
        for (int g = 0; g < groups; g++) {
            start[g + 1] = start[g] + counts[g];
        }
        for (int id = 0; id < groupOf.length; id++) {
            int g = groupOf[id];
            if (g >= 0) {
                groupPath[g] = paths.path(id);
                groupAttributes[g] = paths.ipv4Attributes(id);
            }
        }
        // Pass 2: each route into its group's range, in route order.
        long[] members = new long[start[groups]];
        int[] fill = Arrays.copyOf(start, groups);
        forEachInOrder(new Visitor() {
            @Override
            public void ipv4(int slot, int pathId) {
                members[fill[groupOf[pathId]]++] = ipv4.keyAt(slot);
            }

            @Override
            public void other(RouteKey key, int pathId) {
                if (familyOf(key).equals(Family.IPV4_UNICAST)) {
                    withIds.add((Prefix) key);
                    members[fill[groupOf[pathId]]++] = -withIds.size();
                }
            }
        });
        return grouped(groups, start, members, withIds, groupPath, groupAttributes, negotiated);
    }

    /** The UPDATEs of {@link #groupedIpv4}'s groups, packed group by group as they are asked for. */
    private static Iterator<Update> grouped(int groups, int[] start, long[] members, List<Prefix> withIds, Path[] groupPath,
                                            Attributes[] groupAttributes, Negotiated negotiated) {
        return new Iterator<>() {
            private int next;
            private Iterator<Update> current = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && next < groups) {
                    int g = next++;
                    List<Prefix> prefixes = new Members(members, start[g], start[g + 1], withIds);
                    current = groupAttributes[g] != null
                            ? UpdatePacker.announceIpv4Lazily(groupAttributes[g], prefixes, negotiated)
                            : pack(groupPath[g], List.copyOf(prefixes), negotiated).iterator();
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

    /** A range of {@link #groupedIpv4}'s packed prefixes as a list, each Prefix made when read. */
    private static final class Members extends AbstractList<Prefix> {
        private final long[] members;
        private final int from;
        private final int to;
        private final List<Prefix> withIds;

        Members(long[] members, int from, int to, List<Prefix> withIds) {
            this.members = members;
            this.from = from;
            this.to = to;
            this.withIds = withIds;
        }

        @Override
        public Prefix get(int index) {
            long m = members[from + Objects.checkIndex(index, to - from)];
            return m >= 0 ? prefixOf(m) : withIds.get((int) -m - 1);
        }

        @Override
        public int size() {
            return to - from;
        }
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
     * {@link #ipv4AttributesOf}{@code (path)}, taken from the Adj-RIB-Out when it holds the path (made and
     * encoded once, when its first route was added), so a batch of new routes does not make and
     * encode every attribute set a second time.
     */
    Attributes ipv4AttributesFor(Path path) {
        int id = paths.find(path);
        return id >= 0 ? paths.ipv4Attributes(id) : ipv4AttributesOf(path);
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
