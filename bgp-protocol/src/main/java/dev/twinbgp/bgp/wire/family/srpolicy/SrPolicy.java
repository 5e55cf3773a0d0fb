package dev.twinbgp.bgp.wire.family.srpolicy;

import dev.twinbgp.bgp.wire.Bytes;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.family.FamilyRoute;
import dev.twinbgp.bgp.wire.family.NlriRoute;

import java.util.Arrays;

/**
 * An SR Policy NLRI (RFC 9830 section 2.1), SAFI 73:
 * <pre>
 * +------------------+
 * |  NLRI Length     | 1 octet: 96 (IPv4 endpoint) or 192 (IPv6 endpoint), in bits
 * +------------------+
 * |  Distinguisher   | 4 octets
 * +------------------+
 * |  Policy Color    | 4 octets
 * +------------------+
 * |  Endpoint        | 4 or 16 octets
 * +------------------+
 * </pre>
 */
public record SrPolicy(Family family, long distinguisher, long color, byte[] endpoint) implements FamilyRoute {
    public SrPolicy {
        if (family.safi() != Family.SAFI_SR_POLICY || (family.afi() != Family.AFI_IPV4 && family.afi() != Family.AFI_IPV6)) {
            throw new IllegalArgumentException("not an SR Policy family: " + family);
        }
        if (endpoint.length != (family.afi() == Family.AFI_IPV4 ? 4 : 16)) {
            throw new IllegalArgumentException("the endpoint of an " + family + " is an " + Family.afiName(family.afi()) + " address");
        }
        if (distinguisher < 0 || distinguisher > 0xFFFFFFFFL || color < 0 || color > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("distinguisher and color are 32-bit unsigned numbers");
        }
        endpoint = endpoint.clone();
    }

    @Override
    public byte[] endpoint() {
        return endpoint.clone();
    }

    /** The NLRI octets (length in bits first). */
    public byte[] encode() {
        byte[] b = new byte[9 + endpoint.length];
        b[0] = (byte) (8 * (8 + endpoint.length));
        Bytes.put32(b, 1, distinguisher);
        Bytes.put32(b, 5, color);
        System.arraycopy(endpoint, 0, b, 9, endpoint.length);
        return b;
    }

    @Override
    public NlriRoute route() {
        return NlriRoute.of(family, encode());
    }

    /** Null when {@code len} octets at {@code off} are not one SR Policy NLRI of {@code family}. */
    static SrPolicy decode(Family family, byte[] b, int off, int len) {
        int addr = family.afi() == Family.AFI_IPV6 ? 16 : 4;
        if (len != 9 + addr || (b[off] & 0xFF) != 8 * (8 + addr)) {
            return null;
        }
        return new SrPolicy(family, Bytes.u32(b, off + 1), Bytes.u32(b, off + 5), Bytes.slice(b, off + 9, addr));
    }

    /** The endpoint as text. */
    public String endpointText() {
        return endpoint.length == 4 ? Bytes.ipv4(Bytes.s32(endpoint, 0)) : Bytes.ipv6(endpoint, 0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SrPolicy p && p.family.equals(family) && p.distinguisher == distinguisher && p.color == color
                && Arrays.equals(p.endpoint, endpoint);
    }

    @Override
    public int hashCode() {
        return (family.hashCode() * 31 + Long.hashCode(distinguisher * 31 + color)) * 31 + Arrays.hashCode(endpoint);
    }

    /** ExaBGP's form of the NLRI in its configuration and API. */
    @Override
    public String toString() {
        return "sr-policy distinguisher " + distinguisher + " color " + color + " endpoint " + endpointText();
    }
}
