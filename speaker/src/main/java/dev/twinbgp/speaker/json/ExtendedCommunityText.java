package dev.twinbgp.speaker.json;

/**
 * The {@code "string"} of an extended community in ExaBGP's JSON. Route Target (subtype 0x02) and
 * Route Origin (subtype 0x03) of the three address-specific types are named (RFC 4360 section 3,
 * RFC 5668 section 2); ExaBGP ignores the IANA and Transitive bits of the type for this, and so do we.
 * Anything else is the raw value, {@code 0x} and 16 upper-case hex digits.
 * <pre>
 *  0                   1                   2                   3
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Type high    |  Type low     |          Value                |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+                               |
 * |                     Value (6 octets)                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * type 0x00: Global (2-octet AS), Local (4)   type 0x01: Global (IPv4), Local (2)
 * type 0x02: Global (4-octet AS), Local (2)
 * </pre>
 * One deliberate difference: for a type 0x00 Route Origin ExaBGP prints the 4-octet local part as
 * an IPv4 address; RFC 4360 section 3.1 makes it a number, and we print the number.
 */
final class ExtendedCommunityText {
    private ExtendedCommunityText() {
    }

    static String of(long v) {
        int type = (int) (v >>> 56) & 0x0F;
        int subtype = (int) (v >>> 48) & 0xFF;
        String name = switch (subtype) {
            case 0x02 -> "target";
            case 0x03 -> "origin";
            default -> null;
        };
        if (name != null) {
            switch (type) {
                case 0x00 -> {
                    return name + ":" + (v >>> 32 & 0xFFFF) + ":" + (v & 0xFFFFFFFFL);
                }
                case 0x01 -> {
                    return name + ":" + Text.dotted(v >>> 16 & 0xFFFFFFFFL) + ":" + (v & 0xFFFF);
                }
                case 0x02 -> {
                    return name + ":" + (v >>> 16 & 0xFFFFFFFFL) + ":" + (v & 0xFFFF);
                }
                default -> {
                    // not address-specific: raw below
                }
            }
        }
        return String.format("0x%016X", v);
    }
}
