package dev.twinbgp.bgp.fsm;

/**
 * Connection collision resolution (RFC 4271 section 6.8): "the connection initiated by the BGP
 * speaker with the higher-valued BGP Identifier is retained". Identifiers compare as unsigned
 * 32-bit integers. When they are equal (allowed between different ASes, RFC 6286 section 2.3)
 * the connection initiated by the speaker with the larger AS number is retained. Pure.
 */
public final class CollisionResolver {
    private CollisionResolver() {
    }

    /** The connection to close with Cease 6/7. */
    public static Direction loser(long localId, long remoteId, long localAs, long remoteAs) {
        int byId = Long.compare(localId & 0xFFFF_FFFFL, remoteId & 0xFFFF_FFFFL);
        if (byId != 0) {
            // We have the higher identifier: our connection (outgoing) stays, theirs goes.
            return byId > 0 ? Direction.INCOMING : Direction.OUTGOING;
        }
        return Long.compare(localAs, remoteAs) > 0 ? Direction.INCOMING : Direction.OUTGOING;
    }
}
