package dev.twinbgp.speaker.config;

import dev.twinbgp.bgp.wire.capability.AddPathMode;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The capabilities a neighbor advertises, resolved. Defaults are ExaBGP's ({@link #DEFAULT}): 4-octet AS and
 * extended message on; route refresh, graceful restart, ADD-PATH, software version off; extended next hop on
 * only when a {@code nexthop { }} block is present and not disabled.
 *
 * @param asn4            4-octet AS numbers (RFC 6793)
 * @param routeRefresh    route refresh (RFC 2918)
 * @param addPath         ADD-PATH for every configured family (RFC 7911), empty when disabled
 * @param gracefulRestart restart time in seconds (RFC 4724 section 3), empty when disabled
 * @param extendedMessage extended messages (RFC 8654)
 * @param softwareVersion software version capability (draft-ietf-idr-software-version)
 * @param extendedNextHop extended next hop encoding (RFC 8950), see {@link NeighborConfig#nextHopEncodings()}
 * @param operational     ExaBGP's operational capability ({@code operational enable;})
 * @param multiSession    the multi-session capability ({@code multi-session;}): advertised, and the neighbor's
 *                        {@code family-allowed} name lists its families (API selectors)
 * @param addPathFamilies the neighbor-level {@code add-path { }} block: the families ADD-PATH is offered for (empty:
 *                        every configured family), each with its PATHS-LIMIT (0: none)
 */
public record Capabilities(
        boolean asn4,
        boolean routeRefresh,
        Optional<AddPathMode> addPath,
        OptionalInt gracefulRestart,
        boolean extendedMessage,
        boolean softwareVersion,
        boolean extendedNextHop,
        boolean operational,
        boolean multiSession,
        java.util.Map<dev.twinbgp.bgp.wire.family.Family, Integer> addPathFamilies) {

    public static final Capabilities DEFAULT = new Capabilities(true, false, Optional.empty(), OptionalInt.empty(), true,
            false, false, false, false, java.util.Map.of());

    public Capabilities {
        addPathFamilies = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(addPathFamilies));
    }

    /** True when ADD-PATH is offered for {@code family}: a mode is set and no add-path block leaves it out. */
    public boolean addPathFor(dev.twinbgp.bgp.wire.family.Family family) {
        return addPath.isPresent() && (addPathFamilies.isEmpty() || addPathFamilies.containsKey(family));
    }
}
