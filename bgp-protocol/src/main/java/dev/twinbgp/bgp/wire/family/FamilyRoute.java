package dev.twinbgp.bgp.wire.family;

/**
 * A route of a family with a {@link FamilyCodec} as configured or commanded (a FlowSpec rule, an SR Policy):
 * its family and the RIB route its NLRI octets make.
 */
public interface FamilyRoute {
    Family family();

    /** The route as the RIBs key it: its NLRI octets. */
    NlriRoute route();
}
