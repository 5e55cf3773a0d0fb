package dev.twinbgp.bgp.wire.family.ls;

import dev.twinbgp.bgp.wire.Bytes;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reading the fields of BGP-LS TLVs (RFC 9552 section 5.1) as ExaBGP's JSON shows them. Never throws on valid ranges. */
final class LsValues {
    private static final HexFormat UPPER = HexFormat.of().withUpperCase();

    private LsValues() {
    }

    static int u8(byte[] b, int i) {
        return b[i] & 0xFF;
    }

    static int u24(byte[] b, int i) {
        return (b[i] & 0xFF) << 16 | (b[i + 1] & 0xFF) << 8 | b[i + 2] & 0xFF;
    }

    /** An unsigned integer of {@code len} octets: a Long, or a BigInteger past 63 bits. */
    static Object unsigned(byte[] b, int off, int len) {
        BigInteger v = new BigInteger(1, Bytes.slice(b, off, len));
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }

    /** ExaBGP's {@code hexstring}: {@code 0x} and upper-case hex. */
    static String hex0x(byte[] b, int off, int len) {
        return "0x" + UPPER.formatHex(b, off, off + len);
    }

    static String hexUpper(byte[] b, int off, int len) {
        return UPPER.formatHex(b, off, off + len);
    }

    /** An IS-IS system id (and pseudonode octet) as ExaBGP shows it: lower-case hex of every octet. */
    static String sysId(byte[] b, int off, int len) {
        return HexFormat.of().formatHex(b, off, off + len);
    }

    /** An IPv4 (4 octets) or IPv6 (16 octets) address as text; other lengths as hex. */
    static String ip(byte[] b, int off, int len) {
        return switch (len) {
            case 4 -> Bytes.ipv4(Bytes.s32(b, off));
            case 16 -> Bytes.ipv6(b, off);
            default -> hex0x(b, off, len);
        };
    }

    static float float32(byte[] b, int off) {
        return Float.intBitsToFloat(Bytes.s32(b, off));
    }

    /**
     * ExaBGP's flag object: one key per name, most significant bit first; the reserved bits share the key
     * {@code RSV}, which holds the last of them (as ExaBGP's dict does).
     */
    static Map<String, Object> flags(int octet, String... names) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            m.put(names[i], (octet >>> (7 - i)) & 1);
        }
        return m;
    }
}
