package dev.twinbgp.bgp.wire.family.srpolicy;

import dev.twinbgp.bgp.wire.Bytes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Tunnel Encapsulation attribute (type 23, RFC 9012) shown as ExaBGP's {@code "tunnel-encap"} object: an
 * SR Policy tunnel (type 15, RFC 9830 section 2.4) as {@code "sr-policy": {...}} with its sub-TLVs and
 * {@code "segment-lists"} last; any other tunnel type as {@code "tunnel-type-N": "0x.."}; a sub-TLV it does not
 * read as {@code "unknown-subtlv-N": "0x.."}. Octets past a TLV that does not fit are kept under
 * {@code "malformed"}. Never throws.
 */
public final class TunnelEncap {
    private static final HexFormat UPPER = HexFormat.of().withUpperCase();

    private TunnelEncap() {
    }

    private static String hex(byte[] b, int off, int len) {
        return "0x" + UPPER.formatHex(b, off, off + len);
    }

    public static Map<String, Object> describe(byte[] b) {
        Map<String, Object> m = new LinkedHashMap<>();
        int p = 0;
        while (p < b.length) {
            if (b.length - p < 4 || p + 4 + Bytes.u16(b, p + 2) > b.length) {
                m.put("malformed", hex(b, p, b.length - p));
                break;
            }
            int type = Bytes.u16(b, p);
            int len = Bytes.u16(b, p + 2);
            if (type == SrPolicyTunnel.SR_POLICY) {
                m.put("sr-policy", srPolicy(b, p + 4, p + 4 + len));
            } else {
                m.put("tunnel-type-" + type, hex(b, p + 4, len));
            }
            p += 4 + len;
        }
        return m;
    }

    private static Map<String, Object> srPolicy(byte[] b, int p, int end) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Object> lists = new ArrayList<>();
        while (p < end) {
            int type = b[p] & 0xFF;
            int header = type < 128 ? 2 : 3;
            if (end - p < header) {
                m.put("malformed", hex(b, p, end - p));
                break;
            }
            int len = type < 128 ? b[p + 1] & 0xFF : Bytes.u16(b, p + 1);
            int v = p + header;
            if (v + len > end) {
                m.put("malformed", hex(b, p, end - p));
                break;
            }
            switch (type) {
                case 12 -> known(m, len >= 6, type, b, v, len, "preference", () -> Bytes.u32(b, v + 2));
                case 13 -> known(m, len == 2 || len >= 6, type, b, v, len, "binding-sid", () -> {
                    if (len == 2) {
                        return null;
                    }
                    Map<String, Object> bsid = new LinkedHashMap<>();
                    bsid.put("type", "mpls");
                    bsid.put("label", Bytes.u32(b, v + 2) >>> 12);
                    return bsid;
                });
                case 14 -> known(m, len >= 3, type, b, v, len, "enlp", () -> b[v + 2] & 0xFF);
                case 15 -> known(m, len >= 1, type, b, v, len, "priority", () -> b[v] & 0xFF);
                case 20 -> known(m, len >= 18, type, b, v, len, "srv6-binding-sid", () -> Bytes.ipv6(b, v + 2));
                case 128 -> lists.add(segmentList(b, v, v + len));
                case 129 -> known(m, len >= 1, type, b, v, len, "candidate-path-name",
                        () -> new String(b, v + 1, len - 1, StandardCharsets.UTF_8));
                case 130 -> known(m, len >= 1, type, b, v, len, "policy-name",
                        () -> new String(b, v + 1, len - 1, StandardCharsets.UTF_8));
                default -> m.put("unknown-subtlv-" + type, hex(b, v, len));
            }
            p = v + len;
        }
        if (!lists.isEmpty()) {
            m.put("segment-lists", lists);
        }
        return m;
    }

    private static void known(Map<String, Object> m, boolean ok, int type, byte[] b, int v, int len, String key,
            java.util.function.Supplier<Object> value) {
        if (ok) {
            m.put(key, value.get());
        } else {
            m.put("unknown-subtlv-" + type, hex(b, v, len)); // RFC 9012 section 13: malformed is unrecognized
        }
    }

    /** RFC 9830 section 2.4.4: reserved octet, then weight (9) and segment sub-TLVs, each type (1) length (1). */
    private static Map<String, Object> segmentList(byte[] b, int p, int end) {
        Map<String, Object> list = new LinkedHashMap<>();
        long weight = 1;
        List<Object> segments = new ArrayList<>();
        p++;
        while (p < end) {
            if (end - p < 2 || p + 2 + (b[p + 1] & 0xFF) > end) {
                list.put("malformed", hex(b, p, end - p));
                break;
            }
            int type = b[p] & 0xFF;
            int len = b[p + 1] & 0xFF;
            int v = p + 2;
            if (type == 9 && len >= 6) {
                weight = Bytes.u32(b, v + 2);
            } else if (type != 9) {
                segments.add(segment(type, b, v, len));
            }
            p = v + len;
        }
        list.put("weight", weight);
        list.put("segments", segments);
        return list;
    }

    private static String v4(byte[] b, int off) {
        return Bytes.ipv4(Bytes.s32(b, off));
    }

    private static String v6(byte[] b, int off) {
        return Bytes.ipv6(b, off);
    }

    private static void mpls(Map<String, Object> s, byte[] b, int off, String key, boolean full) {
        long entry = Bytes.u32(b, off);
        s.put(key, entry >>> 12);
        if (full) {
            s.put("tc", (entry >>> 9) & 7);
            s.put("s", (entry & 0x100) != 0);
            s.put("ttl", entry & 0xFF);
        }
    }

    private static void behavior(Map<String, Object> s, byte[] b, int off) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("behavior", Bytes.u16(b, off));
        e.put("lb-length", b[off + 4] & 0xFF);
        e.put("ln-length", b[off + 5] & 0xFF);
        e.put("fun-length", b[off + 6] & 0xFF);
        e.put("arg-length", b[off + 7] & 0xFF);
        s.put("endpoint-behavior", e);
    }

    /** SRv6 SID and, with the B-Flag and room for it, the endpoint behavior, from {@code off}. */
    private static void srv6(Map<String, Object> s, byte[] b, int v, int len, int off) {
        if (len >= off + 16) {
            s.put("sid", v6(b, v + off));
            if ((b[v] & Segment.FLAG_B) != 0 && len >= off + 24) {
                behavior(s, b, v + off + 16);
            }
        }
    }

    /** A segment as ExaBGP shows it (RFC 9830 section 2.4.4.2 types A, B; RFC 9831 section 2 types C to K). */
    private static Map<String, Object> segment(int type, byte[] b, int v, int len) {
        Map<String, Object> s = new LinkedHashMap<>();
        int min = switch (type) {
            case 1 -> 6;
            case 13, 4, 14 -> 18;
            case 3 -> 6;
            case 5, 6 -> 10;
            case 7, 15 -> 42;
            case 8, 16 -> 34;
            default -> Integer.MAX_VALUE;
        };
        if (len < min) {
            s.put("type", "unknown-" + type);
            s.put("raw", hex(b, v, len));
            return s;
        }
        switch (type) {
            case 1 -> {
                s.put("type", "A");
                mpls(s, b, v + 2, "label", true);
            }
            case 13 -> {
                s.put("type", "B");
                srv6(s, b, v, len, 2);
            }
            case 3 -> {
                s.put("type", "C");
                s.put("ipv4_node", v4(b, v + 2));
                s.put("algorithm", b[v + 1] & 0xFF);
                if (len >= 10) {
                    mpls(s, b, v + 6, "sid", true);
                }
            }
            case 4 -> {
                s.put("type", "D");
                s.put("ipv6_node", v6(b, v + 2));
                s.put("algorithm", b[v + 1] & 0xFF);
                if (len >= 22) {
                    mpls(s, b, v + 18, "sid", false);
                }
            }
            case 5 -> {
                s.put("type", "E");
                s.put("local_if_id", Bytes.u32(b, v + 2));
                s.put("ipv4_node", v4(b, v + 6));
                if (len >= 14) {
                    mpls(s, b, v + 10, "sid", false);
                }
            }
            case 6 -> {
                s.put("type", "F");
                s.put("local_ipv4", v4(b, v + 2));
                s.put("remote_ipv4", v4(b, v + 6));
                if (len >= 14) {
                    mpls(s, b, v + 10, "sid", false);
                }
            }
            case 7, 15 -> {
                s.put("type", type == 7 ? "G" : "J");
                s.put("local_if_id", Bytes.u32(b, v + 2));
                s.put("local_ipv6", v6(b, v + 6));
                s.put("remote_if_id", Bytes.u32(b, v + 22));
                s.put("remote_ipv6", v6(b, v + 26));
                if (type == 7) {
                    if (len >= 46) {
                        mpls(s, b, v + 42, "sid", false);
                    }
                } else {
                    s.put("algorithm", b[v + 1] & 0xFF);
                    srv6(s, b, v, len, 42);
                }
            }
            case 8, 16 -> {
                s.put("type", type == 8 ? "H" : "K");
                s.put("local_ipv6", v6(b, v + 2));
                s.put("remote_ipv6", v6(b, v + 18));
                if (type == 8) {
                    if (len >= 38) {
                        mpls(s, b, v + 34, "sid", false);
                    }
                } else {
                    s.put("algorithm", b[v + 1] & 0xFF);
                    srv6(s, b, v, len, 34);
                }
            }
            default -> { // 14
                s.put("type", "I");
                s.put("ipv6_node", v6(b, v + 2));
                s.put("algorithm", b[v + 1] & 0xFF);
                srv6(s, b, v, len, 18);
            }
        }
        return s;
    }
}
