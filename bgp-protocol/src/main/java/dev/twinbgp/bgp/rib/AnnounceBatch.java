package dev.twinbgp.bgp.rib;

import dev.twinbgp.bgp.wire.attribute.Attributes;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.capability.Negotiated;
import dev.twinbgp.bgp.wire.family.Prefix;
import dev.twinbgp.bgp.wire.family.RouteKey;
import dev.twinbgp.bgp.wire.Update;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * The UPDATEs for one batch of changed routes, built route by route (so a large batch can be
 * gathered over several short loop tasks) and packed lazily (so a session can write the first
 * UPDATEs before the last ones exist). The output is exactly {@link AdjRibOut#announce}'s, which is
 * defined by this class: with {@code group}, IPv4 unicast routes grouped by path in first-seen order
 * (each group packed up to the maximum message size), then every other route in its own UPDATE,
 * in input order, except that MCAST-VPN routes sharing a path share one (as in the initial table); without {@code group}, one UPDATE per route, in input order. Not thread-safe; once {@link #updates} is called the batch must not change.
 */
public final class AnnounceBatch {
    private final boolean group;
    private final Function<Path, Attributes> ipv4Attributes;
    private final Map<Path, List<Prefix>> groups = new LinkedHashMap<>();
    /**
     * The attributes each group is sent with, in the groups' order, asked for when its first route is added: right
     * after {@link AdjRibOut#announce} acquired the path, so the Adj-RIB-Out finds it by identity, where at packing
     * time it hashed the path and probed its table once more per group (issue 18: 250,000 groups of an API table,
     * 8 % of the loop thread's samples).
     */
    private final List<Attributes> groupAttributes = new ArrayList<>();
    /** Every other route in input order: one (path, keys) each, or one per path for MCAST-VPN when grouping. */
    private final List<Map.Entry<Path, List<RouteKey>>> single = new ArrayList<>();
    private final Map<List<Object>, List<RouteKey>> mcastVpn = new HashMap<>();
    /**
     * The group of the IPv4 unicast route added last, by its path's identity: a table arrives in runs of routes
     * sharing one Path instance (an API process's lines with the same attributes), found again without hashing the
     * path and probing the map (issue 18: the map's lookups were 5 % of an API injection's loop thread).
     */
    private Path lastPath;
    private List<Prefix> lastGroup;

    public AnnounceBatch(boolean group) {
        this(group, AdjRibOut::ipv4AttributesOf);
    }

    /**
     * A batch of routes just added to {@code ribOut}: IPv4 unicast ones are sent with the attributes
     * the Adj-RIB-Out already made (and encoded) for their path, instead of making them again.
     */
    public AnnounceBatch(boolean group, AdjRibOut ribOut) {
        this(group, ribOut::ipv4AttributesFor);
    }

    private AnnounceBatch(boolean group, Function<Path, Attributes> ipv4Attributes) {
        this.group = group;
        this.ipv4Attributes = ipv4Attributes;
    }

    public void add(Route route) {
        if (group && route.key() instanceof Prefix p && p.family().equals(Family.IPV4_UNICAST)) {
            Path path = route.path();
            if (path != lastPath) {
                lastGroup = groups.get(path);
                if (lastGroup == null) {
                    lastGroup = new ArrayList<>(4);
                    groups.put(path, lastGroup);
                    groupAttributes.add(ipv4Attributes.apply(path));
                }
                lastPath = path;
            }
            lastGroup.add(p);
        } else if (group && AdjRibOut.familyOf(route.key()).safi() == Family.SAFI_MCAST_VPN) {
            // MCAST-VPN routes sharing a path go in one UPDATE, as the initial table sends them
            // (AdjRibOut.updatesLazily) and as ExaBGP groups them; keyed by family too (IPv4 and IPv6 never mix).
            List<RouteKey> keys = mcastVpn.get(List.of(AdjRibOut.familyOf(route.key()), route.path()));
            if (keys == null) {
                keys = new ArrayList<>(2);
                mcastVpn.put(List.of(AdjRibOut.familyOf(route.key()), route.path()), keys);
                single.add(Map.entry(route.path(), keys));
            }
            keys.add(route.key());
        } else {
            single.add(Map.entry(route.path(), List.of(route.key())));
        }
    }

    public boolean isEmpty() {
        return groups.isEmpty() && single.isEmpty();
    }

    /** The batch's UPDATEs, each packed when it is asked for. */
    public Iterator<Update> updates(Negotiated negotiated) {
        Iterator<Map.Entry<Path, List<Prefix>>> grouped = groups.entrySet().iterator();
        Iterator<Attributes> groupedAttributes = groupAttributes.iterator();
        Iterator<Map.Entry<Path, List<RouteKey>>> singles = single.iterator();
        return new Iterator<>() {
            private Iterator<Update> current = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext()) {
                    if (grouped.hasNext()) {
                        Map.Entry<Path, List<Prefix>> g = grouped.next();
                        current = AdjRibOut.packLazily(g.getKey(), groupedAttributes.next(), g.getValue(), negotiated);
                    } else if (singles.hasNext()) {
                        Map.Entry<Path, List<RouteKey>> r = singles.next();
                        current = pack(r.getKey(), r.getValue(), negotiated);
                    } else {
                        return false;
                    }
                }
                return true;
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

    private Iterator<Update> pack(Path path, List<? extends RouteKey> prefixes, Negotiated negotiated) {
        Attributes ipv4 = AdjRibOut.familyOf(prefixes.get(0)).equals(Family.IPV4_UNICAST) ? ipv4Attributes.apply(path) : null;
        return AdjRibOut.packLazily(path, ipv4, prefixes, negotiated);
    }
}
