package dev.twinbgp.bgp.wire.family;

/**
 * What identifies one route of a family in the RIBs: its NLRI (RFC 4760 section 5) and, under ADD-PATH,
 * its path identifier (RFC 7911 section 3). {@link Prefix} for the unicast/multicast prefix families,
 * {@link NlriRoute} (the route's NLRI octets) for every family that has a {@link FamilyCodec}.
 * Two keys are equal when they name the same route of the same family.
 */
public interface RouteKey {
    Family family();

    /** The path identifier, or {@link Prefix#NO_PATH_ID}. */
    long pathId();

    default boolean hasPathId() {
        return pathId() != Prefix.NO_PATH_ID;
    }

    RouteKey withoutPathId();

    RouteKey withPathId(long id);

    /** Octets this route takes in an NLRI field, with a 4-octet path id when {@code withPathId}. */
    int wireSize(boolean withPathId);

    /** Writes the route's NLRI at {@code pos} (a missing path id as 0); returns the position after it. */
    int writeTo(byte[] out, int pos, boolean withPathId);
}
