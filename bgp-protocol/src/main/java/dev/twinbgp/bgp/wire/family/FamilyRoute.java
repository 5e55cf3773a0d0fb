package dev.twinbgp.bgp.wire.family;

/**
 * A route of a family with a {@link FamilyCodec}, built from its fields (a FlowSpec rule, an EVPN route, ...):
 * what the configuration and the API hand to the RIB as its key.
 */
public interface FamilyRoute {
    Family family();

    /** The route's NLRI octets as its codec reads them. */
    NlriRoute route();
}
