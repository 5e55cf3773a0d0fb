package dev.twinbgp.bgp.rib;

import dev.twinbgp.bgp.wire.attribute.Attributes;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.family.NlriRoute;
import dev.twinbgp.bgp.wire.family.Nlri;
import dev.twinbgp.bgp.wire.family.Prefix;
import dev.twinbgp.bgp.wire.family.RouteKey;
import dev.twinbgp.bgp.wire.Update;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The routes one peer sent us (RFC 4271 section 3.2, Adj-RIB-In): replaced per prefix and path id,
 * removed on withdraw, cleared when the session drops. IPv4 prefixes without path id - a full table -
 * live in a primitive map; the rest in a plain map. One {@link Path} is shared by all the prefixes
 * of an UPDATE. Not thread-safe: owned by the session's loop.
 */
public final class AdjRibIn {
    private final Ipv4RouteMap ipv4 = new Ipv4RouteMap();
    private final Map<RouteKey, Path> others = new HashMap<>();
    /**
     * The IPv4 NLRI-field path of the last UPDATE: consecutive UPDATEs often carry the same attributes
     * (one set split over several messages), and then share one {@link Path} instead of each keeping
     * its own copy. Compared by the received octets, so the check costs no decoding.
     */
    private Path lastPath;
    /** Routes held per family (what {@code show neighbor} calls accepted); kept as routes come and go. */
    private final Map<Family, int[]> held = new HashMap<>();
    /** Scratch for {@link #put}/{@link #remove}: how many routes the current block added or removed. */
    private int changed;

    /**
     * Applies an UPDATE: withdrawals first, then announcements (RFC 4271 section 4.3 allows both in
     * one message). An UPDATE to treat as withdraw (RFC 7606 section 2) removes what it announces.
     */
    public void apply(Update update) {
        apply(update, null);
    }

    /**
     * As {@link #apply(Update)}, keeping only the MP_REACH_NLRI/MP_UNREACH_NLRI routes of {@code families} (the
     * families the session negotiated; null: every family). Routes of another family are ignored and the
     * session goes on: RFC 4760 section 6 makes a family usable only once both sides advertised it, and nothing
     * asks for a reset. Returns the family that was ignored, or null.
     */
    public Family apply(Update update, Set<Family> families) {
        Family ignored = null;
        if (families != null) {
            Family reach = update.mpReach().map(r -> r.family()).orElse(null);
            Family unreach = update.mpUnreach().map(u -> u.family()).orElse(null);
            if ((reach != null && !families.contains(reach)) || (unreach != null && !families.contains(unreach))) {
                ignored = reach != null && !families.contains(reach) ? reach : unreach;
                update = new Update(update.withdrawn(), update.attributes(),
                        reach != null && families.contains(reach) ? update.mpReach().get() : null,
                        unreach != null && families.contains(unreach) ? update.mpUnreach().get() : null,
                        update.nlri(), update.attributeErrors());
            }
        }
        if (!update.withdrawn().isEmpty()) {
            remove(update.withdrawn());
        }
        update.mpUnreach().ifPresent(u -> remove(u.nlri()));
        boolean withdraw = update.treatAsWithdraw();
        if (!update.nlri().isEmpty()) {
            if (withdraw) {
                remove(update.nlri());
            } else {
                put(update.nlri(), ipv4Path(update.attributes()));
            }
        }
        Attributes attributes = update.attributes();
        update.mpReach().ifPresent(r -> {
            if (withdraw) {
                remove(r.nlri());
            } else if (!r.nlri().isEmpty()) {
                put(r.nlri(), new Path(attributes.compact(), r.nextHop()));
            }
        });
        return ignored;
    }

    /** The path to keep for {@code attributes}: compact (only the received octets), shared with the last UPDATE's when they are the same octets. */
    private Path ipv4Path(Attributes attributes) {
        Path last = lastPath;
        if (last != null && last.attributes().sameReceivedOctets(attributes)) {
            return last;
        }
        Path path = new Path(attributes.compact());
        lastPath = path;
        return path;
    }

    private void put(Nlri nlri, Path path) {
        changed = 0;
        if (isPlainIpv4(nlri)) {
            nlri.forEachIpv4((id, address, length) -> {
                if (ipv4.put(Ipv4RouteMap.key(address, length), path) == null) {
                    changed++;
                }
            });
        } else {
            nlri.forEachRoute(r -> { // nothing for a family without codec (RFC 4760 section 7)
                if (r instanceof NlriRoute n && !n.recognised()) {
                    return; // a type its typed family does not know: discarded (RFC 7606 section 5.4)
                }
                // a route whose NLRI has non-key fields (EVPN's label) replaces the key held with the new octets
                Path old = r instanceof NlriRoute n && n.hasNonKeyFields() ? others.remove(r) : null;
                if (others.put(r, path) == null && old == null) {
                    changed++;
                }
            });
        }
        count(nlri.family(), changed);
    }

    private void remove(Nlri nlri) {
        changed = 0;
        if (isPlainIpv4(nlri)) {
            nlri.forEachIpv4((id, address, length) -> {
                if (ipv4.remove(Ipv4RouteMap.key(address, length)) != null) {
                    changed++;
                }
            });
        } else {
            nlri.forEachRoute(r -> {
                if (others.remove(r) != null) {
                    changed++;
                }
            });
        }
        count(nlri.family(), -changed);
    }

    private void count(Family family, int delta) {
        if (delta != 0) {
            held.computeIfAbsent(family, f -> new int[1])[0] += delta;
        }
    }

    /**
     * Routes held per family, in no particular order (families that never held one are absent). A prefix
     * announced as unicast and as multicast is two routes, one in each family: a multicast {@link Prefix}
     * ({@link Prefix#isMulticast()}) is another key than the unicast one.
     */
    public Map<Family, Integer> sizesByFamily() {
        Map<Family, Integer> out = new HashMap<>();
        held.forEach((f, n) -> out.put(f, n[0]));
        return out;
    }

    private static boolean isPlainIpv4(Nlri nlri) {
        return nlri.family().equals(Family.IPV4_UNICAST) && !nlri.hasPathIds(); // multicast: in others, keyed apart
    }

    public int size() {
        return ipv4.size() + others.size();
    }

    public Path get(RouteKey route) {
        if (route instanceof Prefix prefix && !prefix.isIpv6() && !prefix.hasPathId() && !prefix.isMulticast()) {
            return ipv4.get(Ipv4RouteMap.key(prefix.ipv4Address(), prefix.length()));
        }
        return others.get(route);
    }

    public void clear() {
        lastPath = null;
        held.clear();
        ipv4.clear();
        others.clear();
    }

    /** Every route, IPv4 first (in no particular order). Allocates a {@link Prefix} per IPv4 route. */
    public void forEach(BiConsumer<RouteKey, Path> visitor) {
        ipv4.forEach((key, path) -> visitor.accept(Prefix.ipv4(Ipv4RouteMap.address(key), Ipv4RouteMap.length(key)), path));
        others.forEach(visitor);
    }

    /** Prefixes by {@link Prefix#compareTo}, before the other families' routes (in family order, then text). */
    private static int compare(Route a, Route b) {
        if (a.key() instanceof Prefix p && b.key() instanceof Prefix q) {
            return p.compareTo(q);
        }
        if (a.isPrefix() != b.isPrefix()) {
            return a.isPrefix() ? -1 : 1;
        }
        int c = Integer.compare(a.family().afi() << 8 | a.family().safi(), b.family().afi() << 8 | b.family().safi());
        return c != 0 ? c : a.key().toString().compareTo(b.key().toString());
    }

    /** Every route as a list sorted by prefix (for display and tests). */
    public List<Route> routes() {
        List<Route> out = new ArrayList<>(size());
        forEach((p, path) -> out.add(new Route(p, path)));
        out.sort(AdjRibIn::compare);
        return out;
    }
}
