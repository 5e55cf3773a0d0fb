package dev.twinbgp.bgp.wire.family.vpls;

import dev.twinbgp.bgp.wire.Bytes;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.family.FamilyCodec;
import dev.twinbgp.bgp.wire.family.FamilyRoute;
import dev.twinbgp.bgp.wire.family.NlriRoute;
import dev.twinbgp.bgp.wire.family.RouteDistinguisher;

/**
 * A VPLS route (RFC 4761 section 3.2.2), the NLRI of {@code l2vpn vpls} (AFI 25, SAFI 65):
 * <pre>
 * +------------------------------------+
 * |  Length (2 octets)                 |   17
 * +------------------------------------+
 * |  Route Distinguisher  (8 octets)   |
 * +------------------------------------+
 * |  VE ID (2 octets)                  |   ExaBGP's "endpoint"
 * +------------------------------------+
 * |  VE Block Offset (2 octets)        |
 * +------------------------------------+
 * |  VE Block Size (2 octets)          |
 * +------------------------------------+
 * |  Label Base (3 octets)             |   20-bit label, shifted by 4, bottom of stack set
 * +------------------------------------+
 * </pre>
 */
public record VplsRoute(RouteDistinguisher rd, int endpoint, int offset, int size, int base) implements FamilyRoute {
    static final int LENGTH = 19;

    public VplsRoute {
        check(endpoint, 0xFFFF, "endpoint (VE ID)");
        check(offset, 0xFFFF, "block offset");
        check(size, 0xFFFF, "block size");
        check(base, 0xFFFFF, "label base");
    }

    private static void check(int v, int max, String what) {
        if (v < 0 || v > max) {
            throw new IllegalArgumentException("a " + what + " of at most " + max);
        }
    }

    public byte[] encode() {
        byte[] b = new byte[LENGTH];
        Bytes.put16(b, 0, LENGTH - 2);
        rd.writeTo(b, 2);
        Bytes.put16(b, 10, endpoint);
        Bytes.put16(b, 12, offset);
        Bytes.put16(b, 14, size);
        int raw = base << 4 | 1;
        b[16] = (byte) (raw >>> 16);
        b[17] = (byte) (raw >>> 8);
        b[18] = (byte) raw;
        return b;
    }

    /** The route of well-formed NLRI octets (see {@link #malformed}). */
    static VplsRoute decode(byte[] b) {
        int raw = (b[16] & 0xFF) << 16 | (b[17] & 0xFF) << 8 | (b[18] & 0xFF);
        return new VplsRoute(RouteDistinguisher.of(b, 2), Bytes.u16(b, 10), Bytes.u16(b, 12), Bytes.u16(b, 14), raw >>> 4);
    }

    static String malformed(byte[] b, int off, int len) {
        return len == LENGTH && Bytes.u16(b, off) == LENGTH - 2 ? null
                : "VPLS route of " + (len - 2) + " octets, not 17 (RFC 4761 section 3.2.2)";
    }

    @Override
    public Family family() {
        return Family.L2VPN_VPLS;
    }

    @Override
    public NlriRoute route() {
        return NlriRoute.of(Family.L2VPN_VPLS, encode());
    }

    /** ExaBGP's JSON: {@code {"rd": .., "endpoint": 5, "base": 10702, "offset": 1, "size": 8}}. */
    void describe(FamilyCodec.Fields out) {
        out.string("rd", rd.toString());
        out.number("endpoint", endpoint);
        out.number("base", base);
        out.number("offset", offset);
        out.number("size", size);
    }

    /** As ExaBGP writes the route: {@code vpls endpoint 5 base 10702 offset 1 size 8 rd 192.168.201.1:123}. */
    @Override
    public String toString() {
        return "vpls endpoint " + endpoint + " base " + base + " offset " + offset + " size " + size + " rd " + rd;
    }
}
