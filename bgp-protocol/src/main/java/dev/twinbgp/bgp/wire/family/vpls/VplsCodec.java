package dev.twinbgp.bgp.wire.family.vpls;

import dev.twinbgp.bgp.wire.Bytes;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.family.FamilyCodec;

import java.util.HexFormat;
import java.util.List;

/** The family codec of VPLS, {@code l2vpn vpls} (AFI 25, SAFI 65; RFC 4761): see {@link VplsRoute}. */
public final class VplsCodec implements FamilyCodec {
    @Override
    public List<Family> families() {
        return List.of(Family.L2VPN_VPLS);
    }

    /** The 2-octet length field counts the octets after it (RFC 4761 section 3.2.2). */
    @Override
    public int routeLength(Family family, byte[] b, int p, int end) {
        return p + 2 > end ? -1 : 2 + Bytes.u16(b, p);
    }

    @Override
    public String malformed(Family family, byte[] b, int off, int len) {
        return VplsRoute.malformed(b, off, len);
    }

    @Override
    public void describe(Family family, byte[] nlri, Fields out) {
        if (VplsRoute.malformed(nlri, 0, nlri.length) != null) {
            out.string("raw", "0x" + HexFormat.of().withUpperCase().formatHex(nlri));
            return;
        }
        VplsRoute.decode(nlri).describe(out);
    }

    @Override
    public String text(Family family, byte[] nlri) {
        return VplsRoute.malformed(nlri, 0, nlri.length) != null ? "vpls 0x" + HexFormat.of().formatHex(nlri)
                : VplsRoute.decode(nlri).toString();
    }
}
