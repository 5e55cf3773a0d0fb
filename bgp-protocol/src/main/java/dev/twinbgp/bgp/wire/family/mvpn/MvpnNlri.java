package dev.twinbgp.bgp.wire.family.mvpn;

import dev.twinbgp.bgp.wire.Bytes;
import dev.twinbgp.bgp.wire.family.FamilyCodec;
import dev.twinbgp.bgp.wire.family.RouteDistinguisher;
import dev.twinbgp.bgp.wire.family.TypedNlri;

/**
 * Reading one MCAST-VPN route (RFC 6514 section 4), never throwing:
 * <pre>
 * +-----------------------------------+
 * |    Route Type (1 octet)           |
 * |    Length (1 octet)               |   octets of what follows
 * |    Route Type specific (variable) |
 * +-----------------------------------+
 * 1 Intra-AS I-PMSI A-D  RD(8) Originating Router's IP(4/16)
 * 2 Inter-AS I-PMSI A-D  RD(8) Source AS(4)
 * 3 S-PMSI A-D           RD(8) Source Len(1) Source Group Len(1) Group Originating Router's IP
 * 4 Leaf A-D             Route Key (variable) Originating Router's IP
 * 5 Source Active A-D    RD(8) Source Len(1) Source(4/16) Group Len(1) Group(4/16)
 * 6 C-multicast Shared Tree Join, 7 C-multicast Source Tree Join
 *                        RD(8) Source AS(4) Source Len(1) Source Group Len(1) Group
 * </pre>
 * Lengths of sources and groups are in bits (32 or 128). ExaBGP decodes types 5, 6 and 7 (names, RD, source,
 * group, source AS); types 1 to 4 are known here (stored) but shown as ExaBGP shows them, {@code "parsed": false}
 * with the octets. Other types are discarded (RFC 7606 section 5.4).
 */
final class MvpnNlri {
    static final int SOURCE_AD = 5;
    static final int SHARED_JOIN = 6;
    static final int SOURCE_JOIN = 7;

    private MvpnNlri() {
    }

    static String name(int type) {
        return switch (type) {
            case SOURCE_AD -> "Source Active A-D Route";
            case SHARED_JOIN -> "C-Multicast Shared Tree Join route";
            case SOURCE_JOIN -> "C-Multicast Source Tree Join route";
            default -> null;
        };
    }

    private static String shortName(int type) {
        return switch (type) {
            case SOURCE_AD -> "sourcead";
            case SHARED_JOIN -> "sharedjoin";
            case SOURCE_JOIN -> "sourcejoin";
            default -> "unknown";
        };
    }

    static boolean known(int type) {
        return type >= 1 && type <= 7;
    }

    static int routeLength(byte[] b, int p, int end) {
        return TypedNlri.routeLength(b, p, end, TypedNlri.TYPE_LENGTH);
    }

    /** Null when the route at {@code off} is well formed, else why not. */
    static String malformed(byte[] b, int off, int len) {
        if (!TypedNlri.whole(b, off, len, TypedNlri.TYPE_LENGTH)) {
            return "MCAST-VPN route length does not match its length octet";
        }
        int type = b[off] & 0xFF;
        int d = off + 2;
        int n = len - 2;
        return switch (type) {
            case 1 -> n == 12 || n == 24 ? null : "Intra-AS I-PMSI A-D route of " + n + " octets, not 12 or 24";
            case 2 -> n == 12 ? null : "Inter-AS I-PMSI A-D route of " + n + " octets, not 12";
            case 3 -> n >= 8 && sourceGroup(b, d + 8, off + len, true) ? null : "S-PMSI A-D route malformed";
            case SOURCE_AD -> n >= 8 && sourceGroup(b, d + 8, off + len, false) ? null : "Source Active A-D route malformed";
            case SHARED_JOIN, SOURCE_JOIN -> n >= 12 && sourceGroup(b, d + 12, off + len, false) ? null
                    : "C-multicast route malformed (RFC 6514 section 4.6)";
            default -> null; // 4 (a route key of any route) and unknown types: delimited only
        };
    }

    /**
     * A source and a group, each a length in bits (32 or 128; ExaBGP also writes none with length 0) and its
     * address, from {@code p}; then nothing ({@code routerAfter} false) or an originating router's IP (4 or 16).
     */
    private static boolean sourceGroup(byte[] b, int p, int end, boolean routerAfter) {
        for (int i = 0; i < 2; i++) {
            if (p >= end) {
                return false;
            }
            int bits = b[p] & 0xFF;
            if (bits != 0 && bits != 32 && bits != 128) {
                return false;
            }
            p += 1 + bits / 8;
        }
        int rest = end - p;
        return routerAfter ? rest == 4 || rest == 16 : rest == 0;
    }

    private static String ip(byte[] b, int off, int octets) {
        return octets == 4 ? Bytes.ipv4(Bytes.s32(b, off)) : octets == 16 ? Bytes.ipv6(b, off) : "";
    }

    /** ExaBGP's JSON of a route (its {@code MVPN.json} and subclasses). */
    static void describe(byte[] nlri, FamilyCodec.Fields out) {
        int type = TypedNlri.type(nlri);
        if (!TypedNlri.describeHead(nlri, name(type), malformed(nlri, 0, nlri.length) == null, out)) {
            return;
        }
        out.string("rd", RouteDistinguisher.of(nlri, 2).toString());
        int p = 10;
        if (type != SOURCE_AD) {
            out.string("source-as", Long.toString(Bytes.u32(nlri, p)));
            p += 4;
        }
        int sourceOctets = (nlri[p] & 0xFF) / 8;
        out.string("source", ip(nlri, p + 1, sourceOctets));
        p += 1 + sourceOctets;
        out.string("group", ip(nlri, p + 1, (nlri[p] & 0xFF) / 8));
    }

    /** ExaBGP's text: {@code mvpn:sharedjoin:RD:SOURCE-AS:SOURCE:GROUP}, or the octets for the other types. */
    static String text(byte[] nlri) {
        int type = TypedNlri.type(nlri);
        if (name(type) == null || malformed(nlri, 0, nlri.length) != null) {
            return TypedNlri.opaqueText("mvpn", shortName(type), nlri);
        }
        StringBuilder s = new StringBuilder("mvpn:").append(shortName(type)).append(':')
                .append(RouteDistinguisher.of(nlri, 2)).append(':');
        int p = 10;
        if (type != SOURCE_AD) {
            s.append(Bytes.u32(nlri, p)).append(':');
            p += 4;
        }
        int sourceOctets = (nlri[p] & 0xFF) / 8;
        s.append(ip(nlri, p + 1, sourceOctets)).append(':');
        p += 1 + sourceOctets;
        return s.append(ip(nlri, p + 1, (nlri[p] & 0xFF) / 8)).toString();
    }
}
