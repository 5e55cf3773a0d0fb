package dev.twinbgp.bgp.wire;

import dev.twinbgp.bgp.wire.capability.Capability;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The semantic OPEN checks of RFC 4271 section 6.2 that depend on local configuration (the decoder
 * does the syntactic ones: 2/1, 2/3 for identifier 0, 2/4, 2/6 for 1 and 2 seconds). For the FSM.
 */
public final class OpenChecks {
    private OpenChecks() {
    }

    /**
     * Checks a received OPEN against what we expect of the peer.
     *
     * @param expectedPeerAs the configured peer AS (the 4-octet AS capability wins over My AS, RFC 6793 section 4.1)
     * @param localAs        our AS (to tell internal from external peers)
     * @param localId        our BGP Identifier
     * @param minHoldTime    the smallest non-zero hold time we accept (RFC 4271 section 6.2: 2/6)
     */
    public static Optional<WireError> validate(Open open, long expectedPeerAs, long localAs, long localId, int minHoldTime) {
        if (open.asn() != expectedPeerAs) {
            // RFC 4271 section 6.2: 2/2 Bad Peer AS, no data.
            return Optional.of(new WireError(ErrorCodes.OPEN_MESSAGE, ErrorCodes.OPEN_BAD_PEER_AS,
                    "peer AS " + open.asn() + ", expected " + expectedPeerAs));
        }
        if (open.bgpIdentifier() == 0 || (open.bgpIdentifier() == localId && open.asn() == localAs)) {
            // RFC 6286 section 2.2: zero, or our own identifier from an internal peer -> 2/3.
            return Optional.of(new WireError(ErrorCodes.OPEN_MESSAGE, ErrorCodes.OPEN_BAD_BGP_IDENTIFIER,
                    "BGP Identifier " + Bytes.ipv4((int) open.bgpIdentifier())));
        }
        if (open.holdTime() == 1 || open.holdTime() == 2 || (open.holdTime() != 0 && open.holdTime() < minHoldTime)) {
            // RFC 4271 section 6.2: 2/6 Unacceptable Hold Time.
            return Optional.of(new WireError(ErrorCodes.OPEN_MESSAGE, ErrorCodes.OPEN_UNACCEPTABLE_HOLD_TIME,
                    "hold time " + open.holdTime()));
        }
        return Optional.empty();
    }

    /**
     * RFC 5492 section 5: 2/7 Unsupported Capability when the peer lacks capabilities we require; the
     * data lists them, each encoded as in an OPEN (code, length, value). Empty if all are present.
     */
    public static Optional<WireError> requireCapabilities(Open open, List<Capability> required) {
        List<Capability> have = open.capabilities();
        List<Capability> missing = new ArrayList<>();
        for (Capability c : required) {
            if (!have.contains(c)) {
                missing.add(c);
            }
        }
        return missing.isEmpty() ? Optional.empty() : Optional.of(unsupportedCapability(missing));
    }

    /** The 2/7 error for these capabilities (RFC 5492 section 5). */
    public static WireError unsupportedCapability(List<Capability> capabilities) {
        WireWriter w = new WireWriter(32);
        for (Capability c : capabilities) {
            byte[] v = OpenCodec.capabilityValue(c);
            w.u8(c.code()).u8(v.length).bytes(v);
        }
        return new WireError(ErrorCodes.OPEN_MESSAGE, ErrorCodes.OPEN_UNSUPPORTED_CAPABILITY, w.toByteArray(),
                "unsupported capability " + capabilities);
    }
}
