package dev.twinbgp.bgp.wire.capability;

import dev.twinbgp.bgp.wire.family.Family;

import java.util.Set;

/**
 * What a session negotiated, which decoding and encoding depend on (never globals).
 *
 * @param asn4            both sides sent the 4-octet AS capability (RFC 6793): AS numbers in AS_PATH/AGGREGATOR are 4 octets
 * @param addPathReceive  families for which we receive path identifiers (RFC 7911)
 * @param addPathSend     families for which we send path identifiers
 * @param extendedMessage both sides sent Extended Message (RFC 8654): messages up to 65535 octets
 * @param aigpSession     AIGP_SESSION (RFC 7311 section 3.3): AIGP is accepted; off, a received AIGP is ignored
 */
public record Negotiated(boolean asn4, Set<Family> addPathReceive, Set<Family> addPathSend, boolean extendedMessage,
                         boolean aigpSession) {
    /** Before OPENs are exchanged: 2-octet AS, no ADD-PATH, 4096-octet messages. */
    public static final Negotiated DEFAULT = new Negotiated(false, Set.of(), Set.of(), false);

    public Negotiated {
        addPathReceive = Set.copyOf(addPathReceive);
        addPathSend = Set.copyOf(addPathSend);
    }

    /** With AIGP_SESSION on (decoding outside a session: {@code twinbgp decode}, tests). */
    public Negotiated(boolean asn4, Set<Family> addPathReceive, Set<Family> addPathSend, boolean extendedMessage) {
        this(asn4, addPathReceive, addPathSend, extendedMessage, true);
    }

    public int maxMessageLength() {
        return extendedMessage ? 65535 : 4096;
    }
}
