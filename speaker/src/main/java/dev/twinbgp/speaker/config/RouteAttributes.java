package dev.twinbgp.speaker.config;

import dev.twinbgp.bgp.wire.attribute.Attribute;
import dev.twinbgp.bgp.wire.family.RouteDistinguisher;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Everything written after a route's prefix, exactly as written (no defaults applied: see
 * {@link NeighborConfig#defaultLocalPreference()} and {@link RouteDefaults} for what the UPDATE builder adds).
 * Empty lists mean "not given". {@code asPath} empty means "not given"; present but with no segments means an
 * explicitly empty AS_PATH ({@code as-path [ ]}).
 *
 * @param prefixSid       {@code bgp-prefix-sid} / {@code bgp-prefix-sid-srv6}: the BGP Prefix-SID attribute (RFC 8669,
 *                        RFC 9252), see {@link PrefixSidParser}
 * @param aigp            {@code aigp}: the AIGP metric (RFC 7311), unsigned 64 bits in a long's bits
 * @param pathInformation ADD-PATH path identifier (RFC 7911 section 3), unsigned 32 bits
 * @param split           {@code split /N}: announce the prefix as its /N sub-prefixes ({@link RouteConfig#expandSplit()})
 * @param name            {@code name}: a label for the route, not sent on the wire
 * @param watchdog        {@code watchdog NAME}: the API's {@code announce watchdog NAME} / {@code withdraw watchdog NAME}
 *                        announce and withdraw every route tagged NAME (ExaBGP), not sent on the wire
 * @param withdrawn       {@code withdraw}: a configured route that starts withdrawn (until its watchdog announces it)
 * @param rd              {@code rd} / {@code route-distinguisher}: the route is an mpls-vpn one (RFC 4364 section 4.2)
 * @param labels          {@code label N} or {@code label [ N ... ]}: the route's label stack, top first; without an
 *                        RD it is a labeled unicast (nlri-mpls) route (RFC 8277)
 */
public record RouteAttributes(
        Optional<NextHop> nextHop,
        Optional<Origin> origin,
        Optional<List<AsPathSegment>> asPath,
        OptionalLong med,
        OptionalLong localPreference,
        boolean atomicAggregate,
        Optional<Aggregator> aggregator,
        List<Community> communities,
        List<LargeCommunity> largeCommunities,
        List<ExtendedCommunity> extendedCommunities,
        Optional<IpAddress> originatorId,
        List<IpAddress> clusterList,
        List<GenericAttribute> genericAttributes,
        Optional<Attribute.PrefixSid> prefixSid,
        OptionalLong aigp,
        OptionalLong pathInformation,
        OptionalInt split,
        Optional<String> name,
        Optional<String> watchdog,
        boolean withdrawn,
        Optional<RouteDistinguisher> rd,
        List<Integer> labels) {

    public static final RouteAttributes NONE = new Builder().build();

    public RouteAttributes {
        // Each list tested for empty at its own call site, then copied (the same values as List.copyOf alone: an
        // empty list copies to List.of(), and a null list throws either way). An API process's new attribute set
        // fills one or two of these seven lists; the test is a branch profiled per line of this constructor, so
        // C2 leaves out the copy of the lists that are always empty there. With seven List.copyOf inlined this
        // constructor was one of the largest C2 compilations of a 1M-route API injection (issue 18: 0.68 s, and
        // again inside RouteAttributes.Builder.build and AttributeText.read, which inline it).
        asPath = asPath.isEmpty() ? asPath : asPath.map(List::copyOf);
        communities = communities.isEmpty() ? List.of() : List.copyOf(communities);
        largeCommunities = largeCommunities.isEmpty() ? List.of() : List.copyOf(largeCommunities);
        extendedCommunities = extendedCommunities.isEmpty() ? List.of() : List.copyOf(extendedCommunities);
        clusterList = clusterList.isEmpty() ? List.of() : List.copyOf(clusterList);
        genericAttributes = genericAttributes.isEmpty() ? List.of() : List.copyOf(genericAttributes);
        labels = labels.isEmpty() ? List.of() : List.copyOf(labels);
    }

    /** A copy without {@code split} (used once a route has been expanded). */
    public RouteAttributes withoutSplit() {
        return new RouteAttributes(nextHop, origin, asPath, med, localPreference, atomicAggregate, aggregator,
                communities, largeCommunities, extendedCommunities, originatorId, clusterList, genericAttributes,
                prefixSid, aigp,
                pathInformation, OptionalInt.empty(), name, watchdog, withdrawn, rd, labels);
    }

    /** A copy that is announced (not {@code withdraw}): what {@code announce watchdog NAME} sends. */
    public RouteAttributes announced() {
        return new RouteAttributes(nextHop, origin, asPath, med, localPreference, atomicAggregate, aggregator,
                communities, largeCommunities, extendedCommunities, originatorId, clusterList, genericAttributes,
                prefixSid, aigp,
                pathInformation, split, name, watchdog, false, rd, labels);
    }

    /** Mutable collector used by the parser; a later keyword replaces an earlier one of the same name. */
    static final class Builder {
        Optional<NextHop> nextHop = Optional.empty();
        Optional<Origin> origin = Optional.empty();
        Optional<List<AsPathSegment>> asPath = Optional.empty();
        OptionalLong med = OptionalLong.empty();
        OptionalLong localPreference = OptionalLong.empty();
        boolean atomicAggregate;
        Optional<Aggregator> aggregator = Optional.empty();
        // Each parser assigns these lists whole (an API process's new attribute set made five empty ArrayLists here,
        // issue 18); generic attributes are added one by one (AttributeParser, SrPolicyParser, FlowActions).
        List<Community> communities = List.of();
        List<LargeCommunity> largeCommunities = List.of();
        List<ExtendedCommunity> extendedCommunities = List.of();
        Optional<IpAddress> originatorId = Optional.empty();
        List<IpAddress> clusterList = List.of();
        List<GenericAttribute> genericAttributes = new ArrayList<>();
        Optional<Attribute.PrefixSid> prefixSid = Optional.empty();
        OptionalLong aigp = OptionalLong.empty();
        OptionalLong pathInformation = OptionalLong.empty();
        OptionalInt split = OptionalInt.empty();
        Optional<String> name = Optional.empty();
        Optional<String> watchdog = Optional.empty();
        boolean withdrawn;
        Optional<RouteDistinguisher> rd = Optional.empty();
        List<Integer> labels = List.of();

        RouteAttributes build() {
            return new RouteAttributes(nextHop, origin, asPath, med, localPreference, atomicAggregate, aggregator,
                    communities, largeCommunities, extendedCommunities, originatorId, clusterList, genericAttributes,
                    prefixSid, aigp,
                    pathInformation, split, name, watchdog, withdrawn, rd, labels);
        }
    }
}
