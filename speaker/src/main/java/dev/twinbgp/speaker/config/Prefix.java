package dev.twinbgp.speaker.config;

import dev.twinbgp.bgp.wire.family.Family;

/** An IP prefix: an address with no bits set past {@code length} (RFC 4632 section 3.1). */
public record Prefix(IpAddress address, int length) {

    public Prefix {
        int bits = address.isIpv4() ? 32 : 128;
        if (length < 0 || length > bits) {
            throw new IllegalArgumentException("prefix length " + length + " out of range 0-" + bits);
        }
        if (address.hasHostBits(length)) {
            throw new IllegalArgumentException("host bits set in " + address + "/" + length);
        }
    }

    /** The unicast family of this prefix. */
    public Family family() {
        return address.isIpv4() ? Family.IPV4_UNICAST : Family.IPV6_UNICAST;
    }

    /** 32 or 128. */
    public int maxLength() {
        return address.isIpv4() ? 32 : 128;
    }

    static boolean hasHostBits(byte[] bytes, int length) {
        for (int bit = length; bit < bytes.length * 8; bit++) {
            if ((bytes[bit / 8] & (0x80 >> (bit % 8))) != 0) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return address + "/" + length;
    }
}
