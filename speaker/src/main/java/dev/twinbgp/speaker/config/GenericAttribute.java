package dev.twinbgp.speaker.config;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * {@code attribute [ code flags value ]}: a path attribute given as raw bytes (RFC 4271 section 4.3).
 * The later UPDATE builder decides whether a known code is re-decoded (as ExaBGP does for, e.g., MED).
 */
public record GenericAttribute(int code, int flags, byte[] value) {
    public GenericAttribute {
        if (code < 0 || code > 0xFF || flags < 0 || flags > 0xFF) {
            throw new IllegalArgumentException("attribute code and flags are one octet each");
        }
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof GenericAttribute that && code == that.code && flags == that.flags
                && Arrays.equals(value, that.value);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * code + flags) + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return String.format("[ 0x%02x 0x%02x 0x%s ]", code, flags, HexFormat.of().formatHex(value));
    }
}
