package dev.twinbgp.bgp.wire;

import dev.twinbgp.bgp.wire.capability.Capability;
import dev.twinbgp.bgp.wire.capability.OptionalParameter;

import java.util.ArrayList;
import java.util.List;

/**
 * OPEN (RFC 4271 section 4.2), with RFC 9072 extended optional parameters.
 * <pre>
 * +-+-+-+-+-+-+-+-+
 * |    Version    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     My Autonomous System      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           Hold Time           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         BGP Identifier                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Opt Parm Len  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |             Optional Parameters (variable)                    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * {@code myAs} is the 2-octet field (AS_TRANS 23456 when the real AS needs 4 octets);
 * {@code bgpIdentifier} is the unsigned 32-bit identifier; {@code extendedParameters} records
 * whether the RFC 9072 form (Opt Parm Len 255, type 255, 2-octet lengths) was used.
 */
public record Open(int version, int myAs, int holdTime, long bgpIdentifier,
                   List<OptionalParameter> parameters, boolean extendedParameters) implements BgpMessage {
    public static final int AS_TRANS = 23456;

    public Open {
        parameters = List.copyOf(parameters);
    }

    /** An OPEN as ExaBGP builds it: version 4, one capability per optional parameter. */
    public static Open of(long asn, int holdTime, long bgpIdentifier, List<Capability> capabilities) {
        List<OptionalParameter> params = new ArrayList<>(capabilities.size());
        for (Capability c : capabilities) {
            params.add(new OptionalParameter.Capabilities(List.of(c)));
        }
        int myAs = asn > 0xFFFF ? AS_TRANS : (int) asn;
        return new Open(4, myAs, holdTime, bgpIdentifier, params, false);
    }

    /** Every capability of every capabilities parameter, in order. */
    public List<Capability> capabilities() {
        List<Capability> all = new ArrayList<>();
        for (OptionalParameter p : parameters) {
            if (p instanceof OptionalParameter.Capabilities c) {
                all.addAll(c.capabilities());
            }
        }
        return all;
    }

    /** The speaker's AS: the 4-octet AS capability when present (RFC 6793 section 4.1), else My AS. */
    public long asn() {
        for (Capability c : capabilities()) {
            if (c instanceof Capability.FourOctetAs f) {
                return f.asn();
            }
        }
        return myAs;
    }

    @Override
    public MessageType type() {
        return MessageType.OPEN;
    }

    @Override
    public String toString() {
        return "Open[version=" + version + ", as=" + asn() + (asn() != myAs ? " (My AS " + myAs + ")" : "")
                + ", holdTime=" + holdTime + ", id=" + Bytes.ipv4((int) bgpIdentifier) + ", capabilities=" + capabilities()
                + (parameters.stream().anyMatch(p -> p instanceof OptionalParameter.Unknown) ? ", parameters=" + parameters : "")
                + (extendedParameters ? ", RFC 9072 parameters" : "") + "]";
    }
}
