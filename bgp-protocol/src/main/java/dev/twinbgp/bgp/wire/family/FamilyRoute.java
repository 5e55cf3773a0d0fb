package dev.twinbgp.bgp.wire.family;

/**
 * A route of a family with a {@link FamilyCodec}, built from its fields (a FlowSpec rule, an EVPN route, ...):
 * what the configuration and the API hand to the RIB as its key.
 */
public interface FamilyRoute {
    Family family();

    /** The route's NLRI octets as its codec reads them. */
    NlriRoute route();

    /**
     * True when an IPv4 next hop also goes in a NEXT_HOP attribute beside MP_REACH_NLRI, as ExaBGP sends it for
     * MCAST-VPN and MUP routes (RFC 4760 section 3 leaves it to the sender; a receiver ignores it).
     */
    default boolean nextHopAttribute() {
        return false;
    }

    /** The MP_REACH_NLRI next hop for the configured one (4 or 16 octets); by default as configured. */
    default byte[] nextHop(byte[] configured) {
        return configured;
    }
}
