package dev.twinbgp.speaker.config;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An extended community (RFC 4360 section 2) as its 8 octets: type, sub-type and 6 octets of value.
 * The parser builds these from ExaBGP's {@code target:}, {@code origin:}, ... forms or from raw {@code 0x...}.
 */
public record ExtendedCommunity(byte[] octets) {
    public ExtendedCommunity {
        if (octets.length != 8) {
            throw new IllegalArgumentException("an extended community has 8 octets, not " + octets.length);
        }
        octets = octets.clone();
    }

    @Override
    public byte[] octets() {
        return octets.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ExtendedCommunity that && Arrays.equals(octets, that.octets);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(octets);
    }

    /** {@code 0x} and 16 hex digits, which the parser accepts back. */
    @Override
    public String toString() {
        return "0x" + HexFormat.of().formatHex(octets);
    }
}
