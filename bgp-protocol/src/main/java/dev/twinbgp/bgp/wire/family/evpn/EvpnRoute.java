package dev.twinbgp.bgp.wire.family.evpn;

import dev.twinbgp.bgp.wire.Bytes;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.family.FamilyRoute;
import dev.twinbgp.bgp.wire.family.NlriRoute;
import dev.twinbgp.bgp.wire.family.RouteDistinguisher;

import java.util.Arrays;

/**
 * An EVPN route built from its fields (the configuration's and the API's {@code evpn ...}), as the NLRI of
 * {@code l2vpn evpn} (AFI 25, SAFI 70; layouts in {@link EvpnNlri}). Addresses are given as their 4 or 16
 * octets; labels as 20-bit values (a VXLAN VNI above 2^20 is not a label: see {@link #vni}).
 */
public final class EvpnRoute implements FamilyRoute {
    private final byte[] nlri;

    private EvpnRoute(byte[] nlri) {
        String why = EvpnNlri.malformed(nlri, 0, nlri.length);
        if (why != null) {
            throw new IllegalArgumentException(why);
        }
        this.nlri = nlri;
    }

    /** A route from its NLRI octets (type and length octets included); throws when they are malformed. */
    public static EvpnRoute of(byte[] nlri) {
        return new EvpnRoute(nlri.clone());
    }

    /** Type 1, Ethernet Auto-Discovery (RFC 7432 section 7.1). */
    public static EvpnRoute ethernetAd(RouteDistinguisher rd, byte[] esi, long tag, long label) {
        byte[] b = head(EvpnNlri.ETHERNET_AD, 25);
        int p = rd.writeTo(b, 2);
        p = put(b, p, esi, Esi.LENGTH, "ESI");
        p = tag(b, p, tag);
        MplsLabel.write(b, p, labels(label));
        return new EvpnRoute(b);
    }

    /** Type 2, MAC/IP Advertisement (RFC 7432 section 7.2): {@code ip} null, 4 or 16 octets; one or two labels. */
    public static EvpnRoute macIp(RouteDistinguisher rd, byte[] esi, long tag, byte[] mac, byte[] ip, long... labels) {
        if (labels.length < 1 || labels.length > 2) {
            throw new IllegalArgumentException("a MAC/IP route has one or two labels");
        }
        int ipOctets = ip == null ? 0 : ip.length;
        if (ipOctets != 0 && ipOctets != 4 && ipOctets != 16) {
            throw new IllegalArgumentException("an IPv4 or IPv6 address");
        }
        byte[] b = head(EvpnNlri.MAC_IP, 8 + 10 + 4 + 1 + 6 + 1 + ipOctets + 3 * labels.length);
        int p = rd.writeTo(b, 2);
        p = put(b, p, esi, Esi.LENGTH, "ESI");
        p = tag(b, p, tag);
        b[p++] = 48;
        p = put(b, p, mac, Mac.LENGTH, "MAC");
        b[p++] = (byte) (ipOctets * 8);
        if (ip != null) {
            p = put(b, p, ip, ipOctets, "IP");
        }
        MplsLabel.write(b, p, labels(labels));
        return new EvpnRoute(b);
    }

    /** Type 3, Inclusive Multicast Ethernet Tag (RFC 7432 section 7.3). */
    public static EvpnRoute multicast(RouteDistinguisher rd, long tag, byte[] originator) {
        byte[] b = head(EvpnNlri.MULTICAST, 8 + 4 + 1 + ipOctets(originator));
        int p = rd.writeTo(b, 2);
        p = tag(b, p, tag);
        b[p++] = (byte) (originator.length * 8);
        put(b, p, originator, originator.length, "IP");
        return new EvpnRoute(b);
    }

    /** Type 4, Ethernet Segment (RFC 7432 section 7.4). */
    public static EvpnRoute segment(RouteDistinguisher rd, byte[] esi, byte[] originator) {
        byte[] b = head(EvpnNlri.SEGMENT, 8 + 10 + 1 + ipOctets(originator));
        int p = rd.writeTo(b, 2);
        p = put(b, p, esi, Esi.LENGTH, "ESI");
        b[p++] = (byte) (originator.length * 8);
        put(b, p, originator, originator.length, "IP");
        return new EvpnRoute(b);
    }

    /** Type 5, IP Prefix (RFC 9136 section 3.1): prefix and gateway of the same family. */
    public static EvpnRoute prefix(RouteDistinguisher rd, byte[] esi, long tag, byte[] prefix, int length, byte[] gateway,
                                   long label) {
        int octets = ipOctets(prefix);
        if (gateway.length != octets) {
            throw new IllegalArgumentException("a gateway of the prefix's address family");
        }
        if (length < 0 || length > octets * 8) {
            throw new IllegalArgumentException("a prefix length of at most " + octets * 8);
        }
        byte[] b = head(EvpnNlri.PREFIX, 8 + 10 + 4 + 1 + 2 * octets + 3);
        int p = rd.writeTo(b, 2);
        p = put(b, p, esi, Esi.LENGTH, "ESI");
        p = tag(b, p, tag);
        b[p++] = (byte) length;
        byte[] masked = prefix.clone();
        for (int bit = length; bit < octets * 8; bit++) {
            masked[bit >>> 3] &= (byte) ~(0x80 >>> (bit & 7));
        }
        p = put(b, p, masked, octets, "IP");
        p = put(b, p, gateway, octets, "IP");
        MplsLabel.write(b, p, labels(label));
        return new EvpnRoute(b);
    }

    private static byte[] head(int type, int length) {
        byte[] b = new byte[2 + length];
        b[0] = (byte) type;
        b[1] = (byte) length;
        return b;
    }

    private static int ipOctets(byte[] ip) {
        if (ip == null || ip.length != 4 && ip.length != 16) {
            throw new IllegalArgumentException("an IPv4 or IPv6 address");
        }
        return ip.length;
    }

    private static int put(byte[] b, int p, byte[] v, int length, String what) {
        if (v == null || v.length != length) {
            throw new IllegalArgumentException("a " + what + " of " + length + " octets");
        }
        System.arraycopy(v, 0, b, p, length);
        return p + length;
    }

    private static int tag(byte[] b, int p, long tag) {
        if (tag < 0 || tag > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("an ethernet tag of at most 4294967295");
        }
        Bytes.put32(b, p, tag);
        return p + 4;
    }

    private static long[] labels(long... labels) {
        for (long l : labels) {
            if (l < 0 || l > MplsLabel.MAX) {
                throw new IllegalArgumentException("a label of at most " + MplsLabel.MAX);
            }
        }
        return labels;
    }

    @Override
    public Family family() {
        return Family.L2VPN_EVPN;
    }

    @Override
    public NlriRoute route() {
        return NlriRoute.of(Family.L2VPN_EVPN, nlri);
    }

    /** The NLRI octets (type and length octets included). */
    public byte[] encode() {
        return nlri.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EvpnRoute r && Arrays.equals(r.nlri, nlri);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(nlri);
    }

    /** ExaBGP's text of the route. */
    @Override
    public String toString() {
        return EvpnNlri.text(nlri);
    }
}
