package dev.twinbgp.bgp.wire.family.mup;

import dev.twinbgp.bgp.wire.Bytes;
import dev.twinbgp.bgp.wire.family.FamilyCodec;
import dev.twinbgp.bgp.wire.family.RouteDistinguisher;
import dev.twinbgp.bgp.wire.family.TypedNlri;

import java.util.HexFormat;

/**
 * Reading one BGP-MUP route (draft-mpmz-bess-mup-safi section 3.1), never throwing:
 * <pre>
 * +-----------------------------------+
 * |    Architecture Type (1 octet)    |   1: 3GPP 5G
 * |       Route Type (2 octets)       |
 * |         Length (1 octet)          |   octets of what follows
 * |  Route Type specific (variable)   |
 * +-----------------------------------+
 * 1 Interwork Segment Discovery  RD(8) Prefix Length(1) Prefix(ceil(len/8))
 * 2 Direct Segment Discovery     RD(8) Address(4/16)
 * 3 Type 1 Session Transformed   RD(8) Prefix Length(1) Prefix TEID(4) QFI(1) Endpoint Length(1) Endpoint
 *                                [Source Length(1) Source]
 * 4 Type 2 Session Transformed   RD(8) Endpoint Length(1, bits: address + TEID) Endpoint Address(4/16)
 *                                TEID(ceil(TEID bits/8), the value right-aligned as ExaBGP writes it)
 * </pre>
 * The address size is the family's (ipv4 mup: 4, ipv6 mup: 16), as ExaBGP reads it. Other types are kept by
 * their length and discarded (RFC 7606 section 5.4).
 */
final class MupNlri {
    static final int ISD = 1;
    static final int DSD = 2;
    static final int T1ST = 3;
    static final int T2ST = 4;
    /** Octets of the header: architecture type, route type, length. */
    private static final int HEADER = 4;

    private MupNlri() {
    }

    static String name(int type) {
        return switch (type) {
            case ISD -> "InterworkSegmentDiscoveryRoute";
            case DSD -> "DirectSegmentDiscoveryRoute";
            case T1ST -> "Type1SessionTransformedRoute";
            case T2ST -> "Type2SessionTransformedRoute";
            default -> null;
        };
    }

    static int routeLength(byte[] b, int p, int end) {
        return TypedNlri.routeLength(b, p, end, HEADER);
    }

    static int type(byte[] b, int off) {
        return Bytes.u16(b, off + 1);
    }

    /** Null when the route at {@code off} (family address size {@code octets}) is well formed, else why not. */
    static String malformed(byte[] b, int off, int len, int octets) {
        if (!TypedNlri.whole(b, off, len, HEADER)) {
            return "MUP route length does not match its length octet";
        }
        int type = type(b, off);
        int d = off + 4;
        int n = len - 4;
        int bits = octets * 8;
        switch (type) {
            case ISD -> {
                return n >= 9 && (b[d + 8] & 0xFF) <= bits && n == 9 + ((b[d + 8] & 0xFF) + 7) / 8 ? null
                        : "Interwork Segment Discovery route malformed";
            }
            case DSD -> {
                return n == 8 + octets ? null : "Direct Segment Discovery route of " + n + " octets, not " + (8 + octets);
            }
            case T1ST -> {
                if (n < 9 || (b[d + 8] & 0xFF) > bits) {
                    return "Type 1 Session Transformed route malformed";
                }
                int p = d + 9 + ((b[d + 8] & 0xFF) + 7) / 8 + 5; // prefix, TEID, QFI
                int end = off + len;
                if (p >= end || (b[p] & 0xFF) != 32 && (b[p] & 0xFF) != 128) {
                    return "Type 1 Session Transformed route endpoint malformed";
                }
                p += 1 + (b[p] & 0xFF) / 8;
                if (p > end) {
                    return "Type 1 Session Transformed route endpoint runs past the route";
                }
                if (p == end) {
                    return null;
                }
                int source = b[p] & 0xFF;
                return (source == 0 || source == 32 || source == 128) && p + 1 + source / 8 == end ? null
                        : "Type 1 Session Transformed route source malformed";
            }
            case T2ST -> {
                if (n < 9) {
                    return "Type 2 Session Transformed route malformed";
                }
                int teidBits = (b[d + 8] & 0xFF) - bits;
                return teidBits >= 0 && teidBits <= 32 && n == 9 + octets + (teidBits + 7) / 8 ? null
                        : "Type 2 Session Transformed route endpoint length malformed";
            }
            default -> {
                return null;
            }
        }
    }

    private static String ip(byte[] b, int off, int octets) {
        byte[] a = new byte[octets];
        System.arraycopy(b, off, a, 0, Math.min(octets, b.length - off));
        return octets == 4 ? Bytes.ipv4(Bytes.s32(a, 0)) : Bytes.ipv6(a, 0);
    }

    /** A prefix of {@code bits} written in ceil(bits/8) octets at {@code off}, shown as a whole address. */
    private static String prefix(byte[] b, int off, int bits, int octets) {
        byte[] a = new byte[octets];
        System.arraycopy(b, off, a, 0, (bits + 7) / 8);
        return ip(a, 0, octets);
    }

    private static long number(byte[] b, int off, int len) {
        long v = 0;
        for (int i = 0; i < len; i++) {
            v = v << 8 | (b[off + i] & 0xFF);
        }
        return v;
    }

    /** ExaBGP's JSON of a route (its MUP classes' {@code json}). */
    static void describe(byte[] nlri, int octets, FamilyCodec.Fields out) {
        if (nlri.length < 4 || malformed(nlri, 0, nlri.length, octets) != null || name(type(nlri, 0)) == null) {
            if (nlri.length >= 4) {
                out.number("arch", nlri[0] & 0xFF);
                out.number("code", type(nlri, 0));
            }
            out.string("raw", TypedNlri.raw(nlri));
            return;
        }
        int type = type(nlri, 0);
        out.string("name", name(type));
        out.number("arch", nlri[0] & 0xFF);
        out.number("code", type);
        int d = 4;
        String rd = RouteDistinguisher.of(nlri, d).toString();
        switch (type) {
            case ISD -> {
                int bits = nlri[d + 8] & 0xFF;
                out.number("prefix_ip_len", bits);
                out.string("prefix_ip", prefix(nlri, d + 9, bits, octets));
                out.string("rd", rd);
            }
            case DSD -> {
                out.string("ip", ip(nlri, d + 8, octets));
                out.string("rd", rd);
            }
            case T1ST -> {
                int bits = nlri[d + 8] & 0xFF;
                int p = d + 9 + (bits + 7) / 8;
                out.number("prefix_ip_len", bits);
                out.string("prefix_ip", prefix(nlri, d + 9, bits, octets));
                out.string("teid", Long.toString(Bytes.u32(nlri, p)));
                out.string("qfi", Integer.toString(nlri[p + 4] & 0xFF));
                out.string("rd", rd);
                p += 5;
                int endpoint = nlri[p] & 0xFF;
                out.number("endpoint_ip_len", endpoint);
                out.string("endpoint_ip", ip(nlri, p + 1, endpoint / 8));
                p += 1 + endpoint / 8;
                int source = p < nlri.length ? nlri[p] & 0xFF : 0;
                out.number("source_ip_len", source);
                out.string("source_ip", source == 0 ? "b''" : ip(nlri, p + 1, source / 8)); // ExaBGP prints empty bytes so
            }
            default -> { // T2ST
                int endpoint = nlri[d + 8] & 0xFF;
                int teidBits = endpoint - octets * 8;
                out.number("endpoint_len", endpoint);
                out.string("endpoint_ip", ip(nlri, d + 9, octets));
                out.string("rd", rd);
                out.string("teid", Long.toString(number(nlri, d + 9 + octets, (teidBits + 7) / 8)));
            }
        }
        out.string("raw", TypedNlri.raw(nlri));
    }

    /** A short text: {@code mup:isd:RD:PREFIX/LEN}, {@code mup:t2st:RD:ENDPOINT:TEID}, ... or the octets. */
    static String text(byte[] nlri, int octets) {
        if (nlri.length < 4 || malformed(nlri, 0, nlri.length, octets) != null || name(type(nlri, 0)) == null) {
            return "mup:0x" + HexFormat.of().formatHex(nlri);
        }
        int d = 4;
        String rd = RouteDistinguisher.of(nlri, d).toString();
        return switch (type(nlri, 0)) {
            case ISD -> "mup:isd:" + rd + ":" + prefix(nlri, d + 9, nlri[d + 8] & 0xFF, octets) + "/" + (nlri[d + 8] & 0xFF);
            case DSD -> "mup:dsd:" + rd + ":" + ip(nlri, d + 8, octets);
            case T1ST -> {
                int bits = nlri[d + 8] & 0xFF;
                int p = d + 9 + (bits + 7) / 8;
                yield "mup:t1st:" + rd + ":" + prefix(nlri, d + 9, bits, octets) + "/" + bits + ":teid " + Bytes.u32(nlri, p)
                        + ":qfi " + (nlri[p + 4] & 0xFF) + ":endpoint " + ip(nlri, p + 6, (nlri[p + 5] & 0xFF) / 8);
            }
            default -> {
                int teidBits = (nlri[d + 8] & 0xFF) - octets * 8;
                yield "mup:t2st:" + rd + ":" + ip(nlri, d + 9, octets) + ":teid "
                        + number(nlri, d + 9 + octets, (teidBits + 7) / 8) + "/" + teidBits;
            }
        };
    }
}
