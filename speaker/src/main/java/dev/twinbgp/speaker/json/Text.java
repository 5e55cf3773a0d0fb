package dev.twinbgp.speaker.json;

import java.util.HexFormat;

/** Small text forms shared by the JSON writers. */
final class Text {
    private static final HexFormat UPPER = HexFormat.of().withUpperCase();

    private Text() {
    }

    /** A 32-bit value as a dotted quad (router ids, IPv4 addresses, path identifiers). */
    static String dotted(long v) {
        return (v >>> 24 & 0xFF) + "." + (v >>> 16 & 0xFF) + "." + (v >>> 8 & 0xFF) + "." + (v & 0xFF);
    }

    /** ExaBGP's {@code hexstring}: {@code 0x} then upper-case hex ({@code 0x} alone when empty). */
    static String hex0x(byte[] b) {
        return "0x" + UPPER.formatHex(b);
    }

    /** Upper-case hex without prefix. */
    static String hex(byte[] b) {
        return UPPER.formatHex(b);
    }

    /** ExaBGP's family spelling in capabilities: {@code ipv4/unicast}. */
    static String familySlash(int afi, int safi) {
        return dev.twinbgp.bgp.wire.family.Family.afiName(afi) + "/" + dev.twinbgp.bgp.wire.family.Family.safiName(safi);
    }
}
