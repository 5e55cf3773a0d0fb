package dev.twinbgp.bgp.wire.family.ls;

import dev.twinbgp.bgp.wire.Bytes;

import java.util.LinkedHashMap;
import java.util.Map;

/** SRv6 SIDs of the BGP-LS attribute (RFC 9514 sections 4.1, 4.2 and 8), as ExaBGP shows them. */
final class Srv6Sids {
    private Srv6Sids() {
    }

    /**
     * RFC 9514 section 4.1, SRv6 End.X SID:
     * <pre>
     * | Endpoint Behavior (2) | Flags (1) | Algorithm (1) | Weight (1) | Reserved (1) | SID (16) | Sub-TLVs ...
     * </pre>
     */
    static Map<String, Object> endX(byte[] b, int v, int len) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("flags", LsValues.flags(b[v + 2] & 0xFF, "B", "S", "P", "RSV", "RSV", "RSV", "RSV", "RSV"));
        m.put("behavior", Bytes.u16(b, v));
        m.put("algorithm", b[v + 3] & 0xFF);
        m.put("weight", b[v + 4] & 0xFF);
        m.put("sid", Bytes.ipv6(b, v + 6));
        subTlvs(b, v + 22, v + len, m, "unknown-subtlv-%d");
        return m;
    }

    /**
     * RFC 9514 section 4.2, SRv6 LAN End.X SID: as End.X with the neighbor (IS-IS system id, 6 octets, or OSPFv3
     * router id, 4) between the reserved octet and the SID.
     */
    static Map<String, Object> lanEndX(byte[] b, int v, int len, int neighborLength) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("flags", LsValues.flags(b[v + 2] & 0xFF, "B", "S", "P", "RSV", "RSV", "RSV", "RSV", "RSV"));
        m.put("neighbor-id", neighborLength == 6 ? LsValues.sysId(b, v + 6, 6) : LsValues.ip(b, v + 6, 4));
        m.put("behavior", Bytes.u16(b, v));
        m.put("algorithm", b[v + 3] & 0xFF);
        m.put("weight", b[v + 4] & 0xFF);
        int sid = v + 6 + neighborLength;
        m.put("sid", Bytes.ipv6(b, sid));
        subTlvs(b, sid + 16, v + len, m, "%d-undecoded");
        return m;
    }

    /** RFC 9514 section 8, SRv6 SID Structure: four lengths in bits. */
    static Map<String, Object> structure(byte[] b, int v) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("loc_block_len", b[v] & 0xFF);
        s.put("loc_node_len", b[v + 1] & 0xFF);
        s.put("func_len", b[v + 2] & 0xFF);
        s.put("arg_len", b[v + 3] & 0xFF);
        return s;
    }

    private static void subTlvs(byte[] b, int p, int end, Map<String, Object> m, String unknownKey) {
        while (end - p >= 4) {
            int t = Bytes.u16(b, p);
            int l = Bytes.u16(b, p + 2);
            if (p + 4 + l > end) {
                m.put("malformed", LsValues.hex0x(b, p, end - p));
                return;
            }
            if (t == 1252 && l == 4) {
                m.put("srv6-sid-structure", structure(b, p + 4));
            } else {
                m.put(String.format(unknownKey, t), LsValues.hex0x(b, p + 4, l));
            }
            p += 4 + l;
        }
        if (p < end) {
            m.put("malformed", LsValues.hex0x(b, p, end - p));
        }
    }
}
