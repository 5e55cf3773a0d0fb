package dev.twinbgp.speaker.config;

import dev.twinbgp.bgp.wire.capability.AddPathMode;
import dev.twinbgp.bgp.wire.family.Family;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The capabilities a neighbor advertises, resolved. Defaults are ExaBGP's ({@link #DEFAULT}): 4-octet AS and
 * extended message on; route refresh, graceful restart, ADD-PATH, software version off; extended next hop on
 * only when a {@code nexthop { }} block is present and not disabled.
 *
 * @param asn4            4-octet AS numbers (RFC 6793)
 * @param routeRefresh    route refresh (RFC 2918)
 * @param addPath         ADD-PATH (RFC 7911), empty when disabled
 * @param addPathFamilies the families of the neighbor's {@code add-path { }} block; empty: every configured family
 * @param gracefulRestart restart time in seconds (RFC 4724 section 3), empty when disabled
 * @param aigp            {@code aigp}: AIGP_SESSION (RFC 7311 section 3.3) on an external session too (it is on for
 *                        internal ones); no capability is sent for it
 * @param linkLocalNextHop the link-local next hop capability (code 77, draft-ietf-idr-linklocal-capability)
 * @param extendedMessage extended messages (RFC 8654)
 * @param softwareVersion software version capability (draft-ietf-idr-software-version)
 * @param extendedNextHop extended next hop encoding (RFC 8950), see {@link NeighborConfig#nextHopEncodings()}
 * @param operational     ExaBGP's operational capability ({@code operational enable;})
 * @param multiSession    the multi-session capability ({@code multi-session;}): advertised, and the neighbor's
 *                        {@code family-allowed} name lists its families (API selectors)
 * @param pathsLimit      {@code add-path { FAMILY limit N; }}: the PATHS-LIMIT advertised per family
 *                        (draft-abraitis-idr-addpath-paths-limit); empty: none
 */
public record Capabilities(
        boolean asn4,
        boolean routeRefresh,
        Optional<AddPathMode> addPath,
        OptionalInt gracefulRestart,
        boolean aigp,
        boolean linkLocalNextHop,
        boolean extendedMessage,
        boolean softwareVersion,
        boolean extendedNextHop,
        List<Family> addPathFamilies,
        boolean operational,
        boolean multiSession,
        Map<Family, Integer> pathsLimit) {

    public Capabilities {
        addPathFamilies = List.copyOf(addPathFamilies);
        pathsLimit = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(pathsLimit));
    }

    /** Without the capabilities of issue 15 (operational, multi-session, paths limit). */
    public Capabilities(boolean asn4, boolean routeRefresh, Optional<AddPathMode> addPath, OptionalInt gracefulRestart,
                        boolean aigp, boolean linkLocalNextHop, boolean extendedMessage, boolean softwareVersion,
                        boolean extendedNextHop, List<Family> addPathFamilies) {
        this(asn4, routeRefresh, addPath, gracefulRestart, aigp, linkLocalNextHop, extendedMessage, softwareVersion,
                extendedNextHop, addPathFamilies, false, false, Map.of());
    }

    public static final Capabilities DEFAULT =
            new Capabilities(true, false, Optional.empty(), OptionalInt.empty(), false, false, true, false, false, List.of());
}
