package dev.twinbgp.bgp.wire.family.srpolicy;

import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.family.FamilyCodec;

import java.util.HexFormat;
import java.util.List;

/**
 * The family codec of SR Policy (RFC 9830 section 2.1): IPv4 and IPv6, SAFI 73. An NLRI whose length is not
 * 96 (IPv4) or 192 (IPv6) bits is malformed: RFC 9830 section 4.2.1 treats the UPDATE as withdraw.
 */
public final class SrPolicyCodec implements FamilyCodec {
    @Override
    public List<Family> families() {
        return List.of(Family.IPV4_SR_POLICY, Family.IPV6_SR_POLICY);
    }

    @Override
    public int routeLength(Family family, byte[] b, int p, int end) {
        if (p >= end) {
            return -1;
        }
        int len = 1 + ((b[p] & 0xFF) + 7) / 8;
        return p + len <= end ? len : -1;
    }

    @Override
    public String malformed(Family family, byte[] b, int off, int len) {
        return SrPolicy.decode(family, b, off, len) == null
                ? "SR Policy NLRI of " + len + " octets (RFC 9830 section 2.1: 96 bits for IPv4, 192 for IPv6)" : null;
    }

    @Override
    public void describe(Family family, byte[] nlri, Fields out) {
        SrPolicy p = SrPolicy.decode(family, nlri, 0, nlri.length);
        if (p == null) {
            out.string("raw", "0x" + HexFormat.of().withUpperCase().formatHex(nlri));
            return;
        }
        out.value("distinguisher", p.distinguisher());
        out.value("color", p.color());
        out.string("endpoint", p.endpointText());
    }

    @Override
    public String text(Family family, byte[] nlri) {
        SrPolicy p = SrPolicy.decode(family, nlri, 0, nlri.length);
        return p != null ? p.toString() : "sr-policy 0x" + HexFormat.of().withUpperCase().formatHex(nlri);
    }
}
