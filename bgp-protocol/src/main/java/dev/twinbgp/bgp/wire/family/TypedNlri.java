package dev.twinbgp.bgp.wire.family;

import java.util.HexFormat;

/**
 * What the typed families share: a route is a header ending in a length octet, then that many octets of the
 * route type's own. EVPN (RFC 7432 section 7) and MCAST-VPN (RFC 6514 section 4) have a 2-octet header,
 * BGP-MUP (draft-mpmz-bess-mup-safi section 3.1) a 4-octet one:
 * <pre>
 * EVPN, MCAST-VPN                 BGP-MUP
 * +------------------------+      +----------------------------------+
 * | Route Type (1 octet)   |      | Architecture Type (1 octet)      |
 * | Length (1 octet)       |      | Route Type (2 octets)            |
 * | type specific (Length) |      | Length (1 octet)                 |
 * +------------------------+      | type specific (Length)           |
 *                                 +----------------------------------+
 * </pre>
 * and, for EVPN and MCAST-VPN, ExaBGP's way of showing a route it does not decode: its code, {@code "parsed":
 * false} and the octets. Never throws.
 */
public final class TypedNlri {
    /** Octets of the EVPN and MCAST-VPN header: type, length. */
    public static final int TYPE_LENGTH = 2;

    private TypedNlri() {
    }

    /**
     * Octets of the route at {@code p} whose {@code header} octets end in its length octet: the header plus that
     * length, or -1 when the header runs past {@code end}.
     */
    public static int routeLength(byte[] b, int p, int end, int header) {
        return p + header > end ? -1 : header + (b[p + header - 1] & 0xFF);
    }

    /** True when the {@code len} octets at {@code off} are one route: a whole header and as many octets as it says. */
    public static boolean whole(byte[] b, int off, int len, int header) {
        return len >= header && header + (b[off + header - 1] & 0xFF) == len;
    }

    /** The octets in upper-case hexadecimal, ExaBGP's {@code "raw"}. */
    public static String raw(byte[] nlri) {
        return HexFormat.of().withUpperCase().formatHex(nlri);
    }

    /**
     * The JSON fields every EVPN and MCAST-VPN route starts with: {@code code}, {@code parsed}, {@code raw} and
     * {@code name}; true when the caller goes on with the type's fields. A route of a type without {@code name}
     * (null) or not {@code wellFormed} gets only {@code "parsed": false} and its octets (ExaBGP's
     * {@code GenericEVPN}/{@code GenericMVPN}); fewer octets than a header, only its octets.
     */
    public static boolean describeHead(byte[] nlri, String name, boolean wellFormed, FamilyCodec.Fields out) {
        if (nlri.length < TYPE_LENGTH) {
            out.string("raw", raw(nlri));
            return false;
        }
        out.number("code", nlri[0] & 0xFF);
        boolean parsed = name != null && wellFormed;
        out.bool("parsed", parsed);
        out.string("raw", raw(nlri));
        if (parsed) {
            out.string("name", name);
        }
        return parsed;
    }

    /** The type octet of a route, -1 for none. */
    public static int type(byte[] nlri) {
        return nlri.length == 0 ? -1 : nlri[0] & 0xFF;
    }

    /** ExaBGP's text of a route it does not decode: {@code evpn:unknown:0x...}, the octets after the header. */
    public static String opaqueText(String family, String shortName, byte[] nlri) {
        return family + ":" + shortName + ":0x"
                + HexFormat.of().formatHex(nlri, Math.min(TYPE_LENGTH, nlri.length), nlri.length);
    }
}
