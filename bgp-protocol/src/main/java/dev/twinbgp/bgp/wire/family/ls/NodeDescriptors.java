package dev.twinbgp.bgp.wire.family.ls;

import dev.twinbgp.bgp.wire.Bytes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Node Descriptor sub-TLVs (RFC 9552 section 5.2.1.4; RFC 9086 section 4 for 516-517), each shown as ExaBGP
 * does: one object per sub-TLV in a list.
 * <pre>
 *   512 Autonomous System (4)          513 BGP-LS Identifier (4)
 *   514 OSPF Area-ID (4)               515 IGP Router-ID (variable: IS-IS 6, pseudonode 7;
 *   516 BGP Router-ID (4)                  OSPF 4, with DR 8)
 *   517 Member-ASN (4)
 * </pre>
 */
final class NodeDescriptors {
    private NodeDescriptors() {
    }

    static void read(byte[] b, int off, int len, int protocol, List<Object> out) {
        int end = off + len;
        for (int p = off; p + 4 <= end; ) {
            int type = Bytes.u16(b, p);
            int l = Bytes.u16(b, p + 2);
            int v = p + 4;
            if (v + l > end) {
                out.add(Map.of("malformed", LsValues.hex0x(b, p, end - p)));
                return;
            }
            out.add(one(b, v, l, type, protocol));
            p = v + l;
        }
    }

    private static Map<String, Object> one(byte[] b, int v, int l, int type, int protocol) {
        Map<String, Object> m = new LinkedHashMap<>();
        switch (type) {
            case 512 -> m.put("autonomous-system", l == 4 ? (Object) Bytes.u32(b, v) : LsValues.hex0x(b, v, l));
            case 513 -> m.put("bgp-ls-identifier", l == 4 ? Long.toString(Bytes.u32(b, v)) : LsValues.hex0x(b, v, l));
            case 514 -> m.put("ospf-area-id", LsValues.ip(b, v, l));
            case 515 -> routerId(b, v, l, protocol, m);
            case 516 -> m.put("bgp-router-id", LsValues.ip(b, v, l));
            case 517 -> m.put("member-asn", l == 4 ? (Object) Bytes.u32(b, v) : LsValues.hex0x(b, v, l));
            default -> m.put("generic-tlv-" + type, LsValues.hex0x(b, v, l));
        }
        return m;
    }

    /**
     * RFC 9552 section 5.2.1.4: the IGP Router-ID's form follows the protocol and length. IS-IS (protocols 1, 2):
     * a 6-octet system id, 7 with the pseudonode id ({@code psn}, shown when not zero, as ExaBGP). OSPF and the
     * others: a 4-octet router id, 8 with the designated router's address.
     */
    private static void routerId(byte[] b, int v, int l, int protocol, Map<String, Object> m) {
        boolean isis = protocol == 1 || protocol == 2;
        if (l == 6 || l == 7) {
            m.put("router-id", LsValues.sysId(b, v, l));
            if (l == 7 && b[v + 6] != 0) {
                m.put("psn", Integer.toString(b[v + 6] & 0xFF));
            }
        } else if (!isis && (l == 4 || l == 8)) {
            m.put("router-id", LsValues.ip(b, v, 4));
            if (l == 8) {
                m.put("designated-router-id", LsValues.ip(b, v + 4, 4));
            }
        } else {
            m.put("router-id", LsValues.hex0x(b, v, l));
        }
    }
}
