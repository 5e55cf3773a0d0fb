package dev.twinbgp.bgp.wire.family.ls;

import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.family.FamilyCodec;

import java.util.List;
import java.util.Map;

/**
 * The family codec of BGP-LS (RFC 9552): AFI 16388, SAFI 71 (BGP-LS) and 72 (BGP-LS-VPN). twinbgp receives,
 * stores and reports BGP-LS routes as ExaBGP does (it does not originate them, nor does ExaBGP).
 */
public final class BgpLsCodec implements FamilyCodec {
    @Override
    public List<Family> families() {
        return List.of(Family.BGP_LS, Family.BGP_LS_VPN);
    }

    @Override
    public int routeLength(Family family, byte[] b, int p, int end) {
        return LsNlri.routeLength(b, p, end);
    }

    @Override
    public String malformed(Family family, byte[] b, int off, int len) {
        return LsNlri.malformed(family, b, off, len);
    }

    @Override
    public void describe(Family family, byte[] nlri, Fields out) {
        describe(family, nlri, null, out);
    }

    @Override
    public void describe(Family family, byte[] nlri, String nextHop, Fields out) {
        for (Map.Entry<String, Object> e : LsNlri.describe(family, nlri, nextHop).entrySet()) {
            out.value(e.getKey(), e.getValue());
        }
    }

    /** ExaBGP's text of a BGP-LS route: {@code bgp-ls:TYPE:0xHEX} of the NLRI after its header. */
    @Override
    public String text(Family family, byte[] nlri) {
        int type = nlri.length >= 2 ? (nlri[0] & 0xFF) << 8 | nlri[1] & 0xFF : -1;
        String name = switch (type) {
            case LsNlri.NODE -> "node";
            case LsNlri.LINK -> "link";
            case LsNlri.PREFIX_V4 -> "prefix_v4";
            case LsNlri.PREFIX_V6 -> "prefix_v6";
            case LsNlri.SRV6_SID -> "srv6_sid";
            default -> "unknown";
        };
        int from = Math.min(4, nlri.length);
        return "bgp-ls:" + name + ":0x" + java.util.HexFormat.of().formatHex(nlri, from, nlri.length);
    }
}
