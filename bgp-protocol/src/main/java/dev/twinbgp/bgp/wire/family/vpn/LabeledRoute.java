package dev.twinbgp.bgp.wire.family.vpn;

import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.family.LabelStack;
import dev.twinbgp.bgp.wire.family.NlriRoute;
import dev.twinbgp.bgp.wire.family.Prefix;
import dev.twinbgp.bgp.wire.family.RouteDistinguisher;

/**
 * A route of labeled unicast (SAFI 4, RFC 8277) or of an MPLS VPN (SAFI 128, RFC 4364 section 4.3.4 for
 * IPv4, RFC 4659 section 3.2 for IPv6): a prefix, its label stack and, for a VPN, its route distinguisher.
 * <pre>
 * +---------------------------+
 * | Length (1 octet)          |  in bits: 24 per label + 64 for the RD (VPN only) + the prefix length
 * +---------------------------+
 * | Label stack (3n octets)   |  RFC 8277 section 2: the last label has the bottom-of-stack bit
 * +---------------------------+
 * | Route Distinguisher (8)   |  SAFI 128 only
 * +---------------------------+
 * | Prefix (ceil(len / 8))    |
 * +---------------------------+
 * </pre>
 *
 * @param rd null for labeled unicast
 * @param prefix the IPv4 or IPv6 prefix, with the ADD-PATH path id the route is sent with (RFC 7911)
 */
public record LabeledRoute(Family family, LabelStack labels, RouteDistinguisher rd, Prefix prefix) {
    public LabeledRoute {
        boolean vpn = family.safi() == Family.SAFI_MPLS_VPN;
        if (!LabeledCodec.FAMILIES.contains(family)) {
            throw new IllegalArgumentException("not a labeled family: " + family);
        }
        if (vpn != (rd != null)) {
            throw new IllegalArgumentException(vpn ? "an mpls-vpn route needs a route distinguisher"
                    : "a route distinguisher makes the route an mpls-vpn one, not " + family);
        }
        if (prefix.afi() != family.afi()) {
            throw new IllegalArgumentException(prefix.prefixString() + " is not in " + family);
        }
        int bits = labels.wireLength() * 8 + (rd != null ? 64 : 0) + prefix.length();
        if (bits > 255) {
            throw new IllegalArgumentException("too many labels: the NLRI length is at most 255 bits, not " + bits);
        }
    }

    /** The route as the RIBs keep it: its NLRI octets, and the prefix's path id. */
    public NlriRoute route() {
        int prefixOctets = (prefix.length() + 7) >>> 3;
        byte[] b = new byte[1 + labels.wireLength() + (rd != null ? RouteDistinguisher.LENGTH : 0) + prefixOctets];
        b[0] = (byte) (labels.wireLength() * 8 + (rd != null ? 64 : 0) + prefix.length());
        int p = labels.writeTo(b, 1);
        if (rd != null) {
            p = rd.writeTo(b, p);
        }
        System.arraycopy(prefix.address(), 0, b, p, prefixOctets);
        NlriRoute r = NlriRoute.of(family, b);
        return prefix.hasPathId() ? r.withPathId(prefix.pathId()) : r;
    }

    /** ExaBGP's text: {@code 10.0.0.0/24 label 1000 rd 65000:1}. */
    @Override
    public String toString() {
        return prefix.prefixString() + " " + labels + (rd != null ? " rd " + rd : "");
    }
}
