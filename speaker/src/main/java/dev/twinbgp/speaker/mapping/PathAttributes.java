package dev.twinbgp.speaker.mapping;

import dev.twinbgp.bgp.wire.attribute.AsPathSegment;
import dev.twinbgp.bgp.wire.attribute.Attribute;
import dev.twinbgp.speaker.config.Community;
import dev.twinbgp.speaker.config.GenericAttribute;
import dev.twinbgp.speaker.config.IpAddress;
import dev.twinbgp.speaker.config.LargeCommunity;
import dev.twinbgp.speaker.config.NeighborConfig;
import dev.twinbgp.speaker.config.RouteAttributes;
import dev.twinbgp.speaker.config.RouteDefaults;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A configured route's attributes as they go on the wire to one neighbor (everything but the next hop and
 * the NLRI), with ExaBGP's defaults and the RFC 4271 rules for internal and external peers applied:
 * <ul>
 *   <li>ORIGIN IGP when not given (RFC 4271 section 5.1.1 makes it mandatory);</li>
 *   <li>AS_PATH as written; when not given, empty to an internal peer and our AS alone to an external peer
 *       (RFC 4271 section 5.1.2). ExaBGP applies its AS_PATH default only when the route has none, and sends a
 *       written path unchanged (its {@code Attributes.pack}; conformance conf-ebgp's API command
 *       {@code as-path [65533]} from AS 65533 goes out as {@code 65533} once) - it originates, it does not
 *       forward, so a path the user wrote already says what the peer must see;</li>
 *   <li>LOCAL_PREF: as written, 100 when not given, to an internal peer; never to an external peer
 *       (RFC 4271 section 5.1.5: "MUST NOT include this attribute in UPDATE messages it sends to external
 *       peers"; ExaBGP drops a configured local-preference there too, see conformance conf-ebgp);</li>
 *   <li>communities sorted, large communities sorted without duplicates, extended communities sorted by their
 *       octets: ExaBGP's order, which the conformance vectors compare byte for byte;</li>
 *   <li>BGP Prefix-SID as written; AIGP only where AIGP_SESSION is on (RFC 7311 section 3.3: internal peers, and
 *       external ones with {@code capability { aigp enable; }});</li>
 *   <li>{@code attribute [ ... ]} replaces a typed attribute of the same code ({@link GenericAttributes}).</li>
 * </ul>
 * The result is sorted by type code ({@link dev.twinbgp.bgp.wire.attribute.Attributes}), as ExaBGP sends them.
 */
final class PathAttributes {
    private static final int MAX_SEGMENT = 255; // RFC 4271 section 4.3: segment length is one octet

    private PathAttributes() {
    }

    /** Attributes, one per type code; the caller adds NEXT_HOP (IPv4) or the MP_REACH next hop. */
    static AttributeSet of(RouteAttributes route, NeighborConfig neighbor) {
        AttributeSet out = new AttributeSet();
        int origin = route.origin().orElse(RouteDefaults.ORIGIN).code();
        out.put(Attribute.ORIGIN, Attribute.Origin.of(origin));
        out.put(Attribute.AS_PATH, route.asPath().isPresent() ? new Attribute.AsPath(segments(route.asPath().get()))
                : neighbor.prependsLocalAs() ? localAsPath(neighbor.localAs()) : Attribute.AsPath.EMPTY);
        route.med().ifPresent(med -> out.put(Attribute.MULTI_EXIT_DISC, new Attribute.MultiExitDisc(med)));
        if (neighbor.isIbgp()) {
            long preference = route.localPreference().orElse(RouteDefaults.LOCAL_PREFERENCE);
            out.put(Attribute.LOCAL_PREF, new Attribute.LocalPref(preference));
        }
        if (route.atomicAggregate()) {
            out.put(Attribute.ATOMIC_AGGREGATE, new Attribute.AtomicAggregate());
        }
        route.aggregator().ifPresent(a -> out.put(Attribute.AGGREGATOR, new Attribute.Aggregator(a.asn(), ipv4(a.address(), "aggregator"))));
        if (!route.communities().isEmpty()) {
            out.put(Attribute.COMMUNITIES, sorted(route.communities()));
        }
        route.originatorId().ifPresent(id -> out.put(Attribute.ORIGINATOR_ID, new Attribute.OriginatorId(ipv4(id, "originator-id"))));
        if (!route.clusterList().isEmpty()) {
            out.put(Attribute.CLUSTER_LIST, new Attribute.ClusterList(
                    route.clusterList().stream().map(id -> ipv4(id, "cluster-list")).toList()));
        }
        if (!route.extendedCommunities().isEmpty()) {
            out.put(Attribute.EXTENDED_COMMUNITIES, new Attribute.ExtendedCommunities(route.extendedCommunities().stream()
                    .map(e -> ByteBuffer.wrap(e.octets()).getLong()).sorted(Long::compareUnsigned).toList()));
        }
        if (!route.largeCommunities().isEmpty()) {
            out.put(Attribute.LARGE_COMMUNITY, new Attribute.LargeCommunities(new LinkedHashSet<>(route.largeCommunities())
                    .stream().sorted(LARGE_ORDER)
                    .map(l -> new Attribute.LargeCommunity(l.globalAdministrator(), l.localData1(), l.localData2()))
                    .toList()));
        }
        route.prefixSid().ifPresent(sid -> out.put(Attribute.BGP_PREFIX_SID, sid));
        if (route.aigp().isPresent() && (neighbor.isIbgp() || neighbor.capabilities().aigp())) {
            // RFC 7311 section 3.3: AIGP_SESSION is on for internal sessions, off for external ones unless configured
            // ({@code aigp enable}); "MUST NOT" be sent where it is off.
            out.put(Attribute.AIGP, Attribute.Aigp.of(route.aigp().getAsLong()));
        }
        for (GenericAttribute generic : route.genericAttributes()) {
            Attribute a = GenericAttributes.toWire(generic);
            out.put(a.typeCode(), a);
        }
        if (!neighbor.isIbgp()) {
            out.remove(Attribute.LOCAL_PREF); // RFC 4271 section 5.1.5, also when given raw
        }
        return out;
    }

    /**
     * The AS_PATH of a route written without one, to a neighbor we prepend our AS for: our AS alone, made once per
     * local AS and shared (issue 18: an API process's new attribute sets all have it). Read and written by any
     * thread without a lock: the record is immutable (final fields), so a thread that sees it sees it whole, and one
     * that sees an older one makes its own.
     */
    private static LocalAsPath lastLocalAsPath;

    private record LocalAsPath(long localAs, Attribute.AsPath path) {
    }

    private static Attribute.AsPath localAsPath(long localAs) {
        LocalAsPath last = lastLocalAsPath;
        if (last == null || last.localAs() != localAs) {
            last = new LocalAsPath(localAs, Attribute.AsPath.sequence(localAs));
            lastLocalAsPath = last;
        }
        return last.path();
    }

    /** The communities' values in ascending order (no stream, no boxing: once per API attribute set, issue 18). */
    private static Attribute.Communities sorted(List<Community> communities) {
        long[] values = new long[communities.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = communities.get(i).value();
        }
        Arrays.sort(values);
        return Attribute.Communities.of(values);
    }

    private static final Comparator<LargeCommunity> LARGE_ORDER = Comparator.comparingLong(LargeCommunity::globalAdministrator)
            .thenComparingLong(LargeCommunity::localData1).thenComparingLong(LargeCommunity::localData2);

    /**
     * The configured segments; a sequence longer than 255 ASes is written as consecutive sequences (RFC 4271
     * section 4.3: the segment length is one octet), a longer set cannot be and is refused.
     */
    private static List<AsPathSegment> segments(List<dev.twinbgp.speaker.config.AsPathSegment> configured) {
        List<AsPathSegment> out = new ArrayList<>();
        for (var segment : configured) {
            List<Long> asns = segment.asns();
            int type = segment.type().code();
            if (asns.isEmpty()) {
                continue;
            }
            if (asns.size() > MAX_SEGMENT && type != AsPathSegment.AS_SEQUENCE && type != AsPathSegment.AS_CONFED_SEQUENCE) {
                throw new Refused("as-path set " + segment + " has more than " + MAX_SEGMENT + " ASes");
            }
            for (int from = 0; from < asns.size(); from += MAX_SEGMENT) {
                out.add(new AsPathSegment(type, asns.subList(from, Math.min(asns.size(), from + MAX_SEGMENT))));
            }
        }
        return out;
    }

    /**
     * RFC 4271 section 5.1.2 b: to an external peer, our AS goes first: as the leftmost AS of a leading
     * AS_SEQUENCE, or, when the path is empty, starts with another segment type, or its first sequence is full
     * (255 ASes), as a new AS_SEQUENCE of its own.
     */
    static List<AsPathSegment> prepend(long localAs, List<AsPathSegment> path) {
        List<AsPathSegment> out = new ArrayList<>(path.size() + 1);
        if (!path.isEmpty() && path.get(0).type() == AsPathSegment.AS_SEQUENCE && path.get(0).asns().size() < MAX_SEGMENT) {
            List<Long> asns = new ArrayList<>(path.get(0).asns());
            asns.add(0, localAs);
            out.add(new AsPathSegment(AsPathSegment.AS_SEQUENCE, asns));
            out.addAll(path.subList(1, path.size()));
        } else {
            out.add(new AsPathSegment(AsPathSegment.AS_SEQUENCE, List.of(localAs)));
            out.addAll(path);
        }
        return out;
    }

    private static int ipv4(IpAddress address, String what) {
        if (!address.isIpv4()) {
            throw new Refused(what + " " + address + " must be an IPv4 address");
        }
        return (int) address.toUnsignedInt();
    }
}
