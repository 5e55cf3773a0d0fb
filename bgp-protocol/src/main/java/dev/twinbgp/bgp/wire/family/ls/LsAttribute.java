package dev.twinbgp.bgp.wire.family.ls;

import dev.twinbgp.bgp.wire.Bytes;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The BGP-LS attribute (path attribute 29, RFC 9552 section 5.3): node, link and prefix attribute TLVs, with
 * the Segment Routing (RFC 9085), SRv6 (RFC 9514) and performance (RFC 8571) extensions ExaBGP reads, shown
 * as ExaBGP's {@code "bgp-ls"} object. A TLV ExaBGP does not read is shown as
 * {@code "generic-lsid-TYPE": ["0x.."]}; TLVs that run past the attribute leave their octets under
 * {@code "malformed"}. Never throws.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |              Type             |             Length            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * //                      Value (Length octets)                  //
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * TLVs that may repeat are gathered in one list under their key (ExaBGP's MERGE), e.g. IPv4 and IPv6
 * router ids under {@code local-router-ids}.
 */
public final class LsAttribute {
    /** Path attribute type code of BGP-LS (RFC 9552 section 5.3). */
    public static final int TYPE_CODE = 29;

    private LsAttribute() {
    }

    /** ExaBGP's {@code "bgp-ls"} object of an attribute value. */
    public static Map<String, Object> describe(byte[] b) {
        Map<String, Object> m = new LinkedHashMap<>();
        int p = 0;
        while (p < b.length) {
            if (b.length - p < 4 || p + 4 + Bytes.u16(b, p + 2) > b.length) {
                m.put("malformed", LsValues.hex0x(b, p, b.length - p));
                break;
            }
            int type = Bytes.u16(b, p);
            int len = Bytes.u16(b, p + 2);
            tlv(b, p + 4, len, type, m);
            p += 4 + len;
        }
        return m;
    }

    private static void tlv(byte[] b, int v, int len, int type, Map<String, Object> m) {
        switch (type) {
            // RFC 9552 section 5.3.1: node attributes
            case 1024 -> fixed(m, len >= 1, type, b, v, len, "node-flags",
                    () -> LsValues.flags(b[v] & 0xFF, "O", "T", "E", "B", "R", "V", "RSV", "RSV"));
            case 1025 -> m.put("opaque-node", LsValues.hex0x(b, v, len));
            case 1026 -> m.put("node-name", new String(b, v, len, StandardCharsets.UTF_8));
            case 1027 -> merge(m, "area-ids", new BigInteger(1, Bytes.slice(b, v, len)).toString());
            case 1028, 1029 -> merge(m, "local-router-ids", LsValues.ip(b, v, len));
            // RFC 9085 section 2.1: SR capabilities, algorithms
            case 1034 -> srCapabilities(b, v, len, m);
            case 1035 -> {
                List<Object> algos = new ArrayList<>();
                for (int i = 0; i < len; i++) {
                    algos.add(b[v + i] & 0xFF);
                }
                m.put("sr-algorithms", algos);
            }
            // RFC 9552 section 5.3.2: link attributes
            case 258 -> fixed(m, len == 8, type, b, v, len, "link-local-remote-identifiers", () -> {
                Map<String, Object> ids = new LinkedHashMap<>();
                ids.put("local-id", Bytes.u32(b, v));
                ids.put("remote-id", Bytes.u32(b, v + 4));
                return ids;
            });
            case 1030, 1031 -> merge(m, "remote-router-ids", LsValues.ip(b, v, len));
            case 1088 -> fixed(m, len == 4, type, b, v, len, "admin-group-mask", () -> Bytes.u32(b, v));
            case 1089 -> fixed(m, len == 4, type, b, v, len, "maximum-link-bandwidth", () -> bandwidth(b, v));
            case 1090 -> fixed(m, len == 4, type, b, v, len, "maximum-reservable-link-bandwidth", () -> bandwidth(b, v));
            case 1091 -> fixed(m, len == 32, type, b, v, len, "unreserved-bandwidth", () -> {
                List<Object> bw = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    bw.add(bandwidth(b, v + 4 * i));
                }
                return bw;
            });
            case 1092 -> fixed(m, len >= 1 && len <= 4, type, b, v, len, "te-metric", () -> LsValues.unsigned(b, v, len));
            case 1095 -> fixed(m, len >= 1 && len <= 3, type, b, v, len, "igp-metric",
                    // RFC 9552 section 5.3.2.4: IS-IS narrow metrics are 6 bits of one octet
                    () -> len == 1 ? (long) (b[v] & 0x3F) : LsValues.unsigned(b, v, len));
            case 1096 -> {
                List<Object> groups = new ArrayList<>();
                for (int i = 0; i + 4 <= len; i += 4) {
                    groups.add(Bytes.u32(b, v + i));
                }
                m.put("shared-risk-link-groups", groups);
            }
            case 1097 -> m.put("opaque-link", LsValues.hex0x(b, v, len));
            case 1098 -> m.put("link-name", new String(b, v, len, StandardCharsets.UTF_8));
            // RFC 9085 section 2.2: adjacency SIDs
            case 1099 -> fixed(m, len >= 4, type, b, v, len, null, () -> {
                merge(m, "sr-adjs", adjacency(b, v, len, false));
                return null;
            });
            case 1100 -> fixed(m, len >= 10, type, b, v, len, null, () -> {
                merge(m, "sr-adj-lan-sids", adjacency(b, v, len, true));
                return null;
            });
            // RFC 9514 section 4: SRv6 End.X SIDs
            case 1106 -> fixed(m, len >= 22, type, b, v, len, null, () -> {
                merge(m, "srv6-endx", Srv6Sids.endX(b, v, len));
                return null;
            });
            case 1107 -> fixed(m, len >= 28, type, b, v, len, null, () -> {
                merge(m, "srv6-lan-endx-isis", Srv6Sids.lanEndX(b, v, len, 6));
                return null;
            });
            case 1108 -> fixed(m, len >= 26, type, b, v, len, null, () -> {
                merge(m, "srv6-lan-endx-ospf", Srv6Sids.lanEndX(b, v, len, 4));
                return null;
            });
            // RFC 8571: performance metrics
            case 1114 -> fixed(m, len == 4, type, b, v, len, "unidirectional-link-delay", () -> {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("delay-us", LsValues.u24(b, v + 1));
                d.put("anomalous", (b[v] & 0x80) != 0);
                return d;
            });
            case 1115 -> fixed(m, len == 8, type, b, v, len, "minmax-unidirectional-link-delay", () -> {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("min-delay-us", LsValues.u24(b, v + 1));
                d.put("max-delay-us", LsValues.u24(b, v + 5));
                d.put("anomalous", (b[v] & 0x80) != 0);
                return d;
            });
            case 1116 -> fixed(m, len == 4, type, b, v, len, "unidirectional-delay-variation", () -> LsValues.u24(b, v + 1));
            case 1117 -> fixed(m, len == 4, type, b, v, len, "unidirectional-link-loss", () -> {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("loss-percent", LsValues.u24(b, v + 1) * 0.000003);
                d.put("anomalous", (b[v] & 0x80) != 0);
                return d;
            });
            case 1118 -> fixed(m, len == 4, type, b, v, len, "unidirectional-residual-bandwidth", () -> bandwidth(b, v));
            case 1119 -> fixed(m, len == 4, type, b, v, len, "unidirectional-available-bandwidth", () -> bandwidth(b, v));
            case 1120 -> fixed(m, len == 4, type, b, v, len, "unidirectional-utilized-bandwidth", () -> bandwidth(b, v));
            // RFC 9552 section 5.3.3: prefix attributes
            case 1152 -> fixed(m, len == 1, type, b, v, len, "igp-flags",
                    () -> LsValues.flags(b[v] & 0xFF, "D", "N", "L", "P", "RSV", "RSV", "RSV", "RSV"));
            case 1153 -> {
                List<Object> tags = new ArrayList<>();
                for (int i = 0; i + 4 <= len; i += 4) {
                    tags.add(Bytes.u32(b, v + i));
                }
                m.put("igp-route-tags", tags);
            }
            case 1154 -> {
                List<Object> tags = new ArrayList<>();
                for (int i = 0; i + 8 <= len; i += 8) {
                    tags.add(LsValues.unsigned(b, v + i, 8));
                }
                m.put("igp-extended-route-tags", tags);
            }
            case 1155 -> fixed(m, len == 4, type, b, v, len, "prefix-metric", () -> Bytes.u32(b, v));
            case 1156 -> m.put("ospf-forwarding-address", LsValues.ip(b, v, len));
            case 1157 -> m.put("opaque-prefix", LsValues.hex0x(b, v, len));
            // RFC 9085 section 2.3: prefix SID, prefix attribute flags, source router id
            case 1158 -> fixed(m, len >= 4, type, b, v, len, null, () -> {
                prefixSid(b, v, len, m);
                return null;
            });
            case 1170 -> fixed(m, len >= 1, type, b, v, len, "sr-prefix-attribute-flags",
                    () -> LsValues.flags(b[v] & 0xFF, "X", "R", "N", "RSV", "RSV", "RSV", "RSV", "RSV"));
            case 1171 -> m.put("source-router-id", LsValues.ip(b, v, len));
            case 1252 -> fixed(m, len == 4, type, b, v, len, "srv6-sid-structure", () -> Srv6Sids.structure(b, v));
            default -> generic(m, type, b, v, len);
        }
    }

    /** A TLV with a fixed form: its value under {@code key} when {@code ok}, else kept as a generic TLV. */
    private static void fixed(Map<String, Object> m, boolean ok, int type, byte[] b, int v, int len, String key,
            java.util.function.Supplier<Object> value) {
        if (!ok) {
            generic(m, type, b, v, len);
            return;
        }
        Object o = value.get();
        if (key != null) {
            m.put(key, o);
        }
    }

    private static void generic(Map<String, Object> m, int type, byte[] b, int v, int len) {
        merge(m, "generic-lsid-" + type, LsValues.hex0x(b, v, len));
    }

    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Object> m, String key, Object value) {
        ((List<Object>) m.computeIfAbsent(key, k -> new ArrayList<>())).add(value);
    }

    /** RFC 5305 section 3.4: bandwidths are IEEE floats in bytes per second; ExaBGP shows them as Python floats. */
    private static Double bandwidth(byte[] b, int v) {
        return (double) LsValues.float32(b, v);
    }

    /**
     * RFC 9085 section 2.2.1 / 2.2.2 (Adj-SID, LAN Adj-SID): flags, weight, reserved (2), [neighbor system id
     * (6) for LAN], then a 3-octet label (V and L set) or a 4-octet index (both clear); with other flags the SID
     * octets stay undecoded.
     */
    private static Map<String, Object> adjacency(byte[] b, int v, int len, boolean lan) {
        int flags = b[v] & 0xFF;
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("flags", LsValues.flags(flags, "F", "B", "V", "L", "S", "P", "RSV", "RSV"));
        int p = v + 4;
        if (lan) {
            a.put("system-id", LsValues.sysId(b, p, 6));
            p += 6;
        }
        List<Object> sids = new ArrayList<>();
        List<Object> undecoded = new ArrayList<>();
        sids(b, p, v + len, flags, 0x20, 0x10, sids, undecoded);
        a.put("sids", sids);
        a.put("weight", b[v + 1] & 0xFF);
        a.put("undecoded-sids", undecoded);
        return a;
    }

    /** SIDs by the V and L flags: 3-octet labels when both set, 4-octet indexes when both clear, else undecoded. */
    private static void sids(byte[] b, int p, int end, int flags, int vBit, int lBit, List<Object> sids, List<Object> undecoded) {
        boolean value = (flags & vBit) != 0;
        boolean local = (flags & lBit) != 0;
        while (p < end) {
            if (value && local && end - p >= 3) {
                sids.add(LsValues.u24(b, p));
                p += 3;
            } else if (!value && !local && end - p >= 4) {
                sids.add(Bytes.u32(b, p));
                p += 4;
            } else {
                undecoded.add(LsValues.hex0x(b, p, end - p));
                return;
            }
        }
    }

    /**
     * RFC 9085 section 2.1.2 (SR Capabilities): flags, reserved, then ranges: size (3) and a SID/Label sub-TLV
     * (1161: a 3-octet label, 20 bits, or a 4-octet index). Shown as ExaBGP does: the flags and
     * {@code "sids": [[range, first], ...]}.
     */
    private static void srCapabilities(byte[] b, int v, int len, Map<String, Object> m) {
        if (len < 2) {
            generic(m, 1034, b, v, len);
            return;
        }
        m.put("sr-capability-flags", LsValues.flags(b[v] & 0xFF, "I", "V", "RSV", "RSV", "RSV", "RSV", "RSV", "RSV"));
        List<Object> ranges = new ArrayList<>();
        int end = v + len;
        int p = v + 2;
        while (end - p >= 7) {
            int range = LsValues.u24(b, p);
            int t = Bytes.u16(b, p + 3);
            int l = Bytes.u16(b, p + 5);
            if (t != 1161 || p + 7 + l > end || (l != 3 && l != 4)) {
                break;
            }
            long sid = l == 3 ? LsValues.u24(b, p + 7) & 0xFFFFF : Bytes.u32(b, p + 7);
            ranges.add(List.of(range, sid));
            p += 7 + l;
        }
        m.put("sids", ranges);
        if (p < end) {
            generic(m, 1034, b, p, end - p);
        }
    }

    /**
     * RFC 9085 section 2.3.1 (Prefix-SID): flags, algorithm, reserved (2), SID/index/label. ExaBGP writes four
     * keys at the attribute's level.
     */
    private static void prefixSid(byte[] b, int v, int len, Map<String, Object> m) {
        int flags = b[v] & 0xFF;
        m.put("sr-prefix-flags", LsValues.flags(flags, "R", "N", "P", "E", "V", "L", "RSV", "RSV"));
        List<Object> sids = new ArrayList<>();
        List<Object> undecoded = new ArrayList<>();
        sids(b, v + 4, v + len, flags, 0x08, 0x04, sids, undecoded);
        m.put("sids", sids);
        m.put("undecoded-sids", undecoded);
        m.put("sr-algorithm", b[v + 1] & 0xFF);
    }
}
