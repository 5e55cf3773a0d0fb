package dev.twinbgp.bgp.wire.family.ls;

import dev.twinbgp.bgp.wire.Bytes;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.family.RouteDistinguisher;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One BGP-LS NLRI (RFC 9552 section 5.2), read for ExaBGP's JSON. Never throws: what it cannot read is shown
 * as hex, never dropped.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |            NLRI Type          |     Total NLRI Length         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |            Route Distinguisher (8, BGP-LS-VPN SAFI 72 only)   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Protocol-ID  |  Identifier (64 bits) ...                     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * //  TLVs: Local Node Descriptors (256), Remote (257), Link /     //
 * //  Prefix / SRv6 SID descriptors (258-265, 518), in type order  //
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * NLRI types: 1 node, 2 link, 3 IPv4 prefix, 4 IPv6 prefix (RFC 9552 section 5.2), 6 SRv6 SID (RFC 9514
 * section 6); any other type is shown as ExaBGP shows it: {@code {"code": N, "parsed": false, "raw": HEX}}.
 */
final class LsNlri {
    static final int NODE = 1;
    static final int LINK = 2;
    static final int PREFIX_V4 = 3;
    static final int PREFIX_V6 = 4;
    static final int SRV6_SID = 6;

    private LsNlri() {
    }

    /** RFC 9552 section 5.2: the octets of the NLRI at {@code p}, or -1 when its header runs past {@code end}. */
    static int routeLength(byte[] b, int p, int end) {
        if (end - p < 4) {
            return -1;
        }
        int len = 4 + Bytes.u16(b, p + 2);
        return p + len <= end ? len : -1;
    }

    /**
     * Null when well formed, else why not (RFC 9552 section 8.2.2: the NLRI is malformed when its TLVs do not
     * fit its length, or a known type is too short for its fixed fields).
     */
    static String malformed(Family family, byte[] b, int off, int len) {
        if (len < 4 || 4 + Bytes.u16(b, off + 2) != len) {
            return "BGP-LS NLRI length does not match its octets";
        }
        int type = Bytes.u16(b, off);
        int p = off + 4 + (family.safi() == Family.SAFI_BGP_LS_VPN ? 8 : 0);
        int end = off + len;
        if (type != NODE && type != LINK && type != PREFIX_V4 && type != PREFIX_V6 && type != SRV6_SID) {
            return p <= end ? null : "BGP-LS-VPN NLRI shorter than its route distinguisher";
        }
        if (end - p < 9) {
            return "BGP-LS NLRI type " + type + " shorter than Protocol-ID and Identifier";
        }
        String tlvs = tlvFraming(b, p + 9, end);
        if (tlvs != null) {
            return tlvs;
        }
        if (end - p < 13 || Bytes.u16(b, p + 9) != 256) {
            return "BGP-LS NLRI type " + type + " without Local Node Descriptors first (RFC 9552 section 5.2)";
        }
        return null;
    }

    /** Null when the TLVs from {@code p} to {@code end} fit exactly, else why not. */
    static String tlvFraming(byte[] b, int p, int end) {
        while (p < end) {
            if (end - p < 4) {
                return "BGP-LS TLV header cut short";
            }
            int len = Bytes.u16(b, p + 2);
            if (p + 4 + len > end) {
                return "BGP-LS TLV " + Bytes.u16(b, p) + " runs past its container";
            }
            p += 4 + len;
        }
        return null;
    }

    /** ExaBGP's JSON of the NLRI ({@code nextHop} shown by node and prefix NLRIs, as ExaBGP's JSON does; may be null). */
    static Map<String, Object> describe(Family family, byte[] b, String nextHop) {
        Map<String, Object> m = new LinkedHashMap<>();
        int type = b.length >= 2 ? Bytes.u16(b, 0) : -1;
        boolean vpn = family.safi() == Family.SAFI_BGP_LS_VPN;
        int p = 4 + (vpn ? 8 : 0);
        if (malformed(family, b, 0, b.length) != null
                || (type != NODE && type != LINK && type != PREFIX_V4 && type != PREFIX_V6 && type != SRV6_SID)) {
            m.put("code", type);
            m.put("parsed", false);
            m.put("raw", LsValues.hexUpper(b, 0, b.length));
            return m;
        }
        int proto = b[p] & 0xFF;
        Object topology = LsValues.unsigned(b, p + 1, 8);
        int end = b.length;
        m.put("ls-nlri-type", switch (type) {
            case NODE -> "bgpls-node";
            case LINK -> "bgpls-link";
            case PREFIX_V4 -> "bgpls-prefix-v4";
            case PREFIX_V6 -> "bgpls-prefix-v6";
            default -> "bgpls-srv6sid";
        });
        m.put("l3-routing-topology", topology);
        m.put("protocol-id", proto);
        List<Object> local = new ArrayList<>();
        List<Object> remote = new ArrayList<>();
        List<Object> ifaces = new ArrayList<>();
        List<Object> neighbors = new ArrayList<>();
        List<Object> topologies = new ArrayList<>();
        List<Object> links = new ArrayList<>();
        Map<String, Object> reach = null;
        Object ospfRouteType = null;
        Map<String, Object> srv6 = new LinkedHashMap<>();
        Map<String, Object> generic = new LinkedHashMap<>();
        for (int q = p + 9; q < end; ) {
            int t = Bytes.u16(b, q);
            int len = Bytes.u16(b, q + 2);
            int v = q + 4;
            switch (t) {
                case 256 -> NodeDescriptors.read(b, v, len, proto, local);
                case 257 -> NodeDescriptors.read(b, v, len, proto, remote);
                case 258 -> {
                    if (len == 8) {
                        Map<String, Object> id = new LinkedHashMap<>();
                        id.put("link-local-id", Bytes.u32(b, v));
                        id.put("link-remote-id", Bytes.u32(b, v + 4));
                        links.clear();
                        links.add(id);
                    } else {
                        generic(generic, t, b, v, len);
                    }
                }
                case 259, 261 -> ifaces.add(LsValues.ip(b, v, len));
                case 260, 262 -> neighbors.add(LsValues.ip(b, v, len));
                case 263 -> {
                    if (len >= 2) {
                        topologies.add(Bytes.u16(b, v)); // ExaBGP reads the first MT-ID, R bits included
                    }
                }
                case 264 -> ospfRouteType = len == 1 ? (Object) LsValues.u8(b, v) : LsValues.hex0x(b, v, len);
                case 265 -> reach = len >= 1 ? ipReach(b, v, len, type == PREFIX_V6) : null;
                case 518 -> srv6.put("srv6-sid", LsValues.ip(b, v, len));
                default -> generic(generic, t, b, v, len);
            }
            q = v + len;
        }
        switch (type) {
            case NODE -> {
                m.put("node-descriptors", local);
                if (nextHop != null) {
                    m.put("nexthop", nextHop);
                }
            }
            case LINK -> {
                m.put("local-node-descriptors", local);
                m.put("remote-node-descriptors", remote);
                m.put("interface-addresses", ifaces);
                m.put("neighbor-addresses", neighbors);
                m.put("multi-topology-ids", topologies);
                m.put("link-identifiers", links);
            }
            case PREFIX_V4, PREFIX_V6 -> {
                m.put("node-descriptors", local);
                if (reach != null) {
                    m.putAll(reach);
                }
                if (nextHop != null) {
                    m.put("nexthop", nextHop);
                }
                if (ospfRouteType != null) {
                    m.put("ospf-route-type", ospfRouteType);
                }
                if (!topologies.isEmpty()) {
                    m.put("multi-topology-ids", topologies);
                }
            }
            default -> {
                m.put("node-descriptors", local);
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("multi-topology-ids", topologies);
                d.putAll(srv6);
                d.putAll(generic);
                generic.clear();
                m.put("srv6-sid-descriptors", d);
            }
        }
        m.putAll(generic); // TLVs ExaBGP does not read: kept and shown, never dropped
        if (vpn) {
            m.put("rd", RouteDistinguisher.of(b, 4).toString());
        }
        return m;
    }

    private static void generic(Map<String, Object> out, int type, byte[] b, int v, int len) {
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) out.computeIfAbsent("generic-tlv-" + type, k -> new ArrayList<>());
        list.add(LsValues.hex0x(b, v, len));
    }

    /**
     * RFC 9552 section 5.2.3.2, IP Reachability Information: prefix length, then the prefix's significant
     * octets. As ExaBGP, the octets present are read (whatever the length says: some implementations send one
     * octet fewer) and completed with zeros.
     */
    private static Map<String, Object> ipReach(byte[] b, int v, int len, boolean ipv6) {
        int bits = LsValues.u8(b, v);
        byte[] a = new byte[ipv6 ? 16 : 4];
        System.arraycopy(b, v + 1, a, 0, Math.min(len - 1, a.length));
        String prefix = ipv6 ? Bytes.ipv6(a, 0) : Bytes.ipv4(Bytes.s32(a, 0));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ip-reachability-tlv", prefix + "/" + bits); // as ExaBGP 5 (the vectors' version) shows it
        m.put("ip-reach-prefix", prefix + "/" + bits);
        return m;
    }
}
