package dev.twinbgp.speaker.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.twinbgp.bgp.wire.Bytes;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * ExaBGP's JSON for the IPv6 Address Specific Extended Community attribute (RFC 5701, type code 25):
 * {@code "extended-community-ipv6": [ { "value": N, "string": "..." } ]}, N the 20 octets as one unsigned number.
 * <pre>
 * +--------+--------+------------------------------------------+--------------------+
 * | Type   | Sub    | Global Administrator (IPv6, 16 octets)   | Local Admin (2)    |
 * +--------+--------+------------------------------------------+--------------------+
 * </pre>
 * Named as ExaBGP names them (it matches the low four bits of the type and the subtype): subtype 0x0C is
 * {@code redirect-to-nexthop-ietf IPV6} (draft-ietf-idr-flowspec-redirect-ip; bit 0x01 of the local part is
 * copy: {@code copy-to-nexthop-ietf IPV6 (with copy)}); subtype 0x0D is rt-redirect-ipv6 (RFC 8956 section 6.1),
 * {@code redirect [IPV6]:N} as ExaBGP writes it since its issue 927. Anything else has an empty string and its value (the
 * attribute itself is kept as received, so it survives a round trip).
 */
final class Ipv6ExtendedCommunityText {
    static final int ATTRIBUTE = 25;
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Ipv6ExtendedCommunityText() {
    }

    /** The list, or null when {@code value} is not a whole number of 20-octet communities (RFC 5701 section 2). */
    static ArrayNode json(byte[] value) {
        if (value.length % 20 != 0) {
            return null;
        }
        ArrayNode list = F.arrayNode();
        for (int off = 0; off < value.length; off += 20) {
            byte[] c = Arrays.copyOfRange(value, off, off + 20);
            ObjectNode o = list.addObject();
            o.put("value", new BigInteger(1, c));
            o.put("string", of(c));
        }
        return list;
    }

    /** ExaBGP's text of one 20-octet community, or "" when it has no name for it. */
    static String of(byte[] c) {
        if ((c[0] & 0x0F) == 0x00 && c[1] == 0x0C) {
            String ip = Bytes.ipv6(c, 2);
            return (c[19] & 0x01) != 0 ? "copy-to-nexthop-ietf " + ip + " (with copy)" : "redirect-to-nexthop-ietf " + ip;
        }
        if ((c[0] & 0x0F) == 0x00 && c[1] == 0x0D) {
            return "redirect [" + Bytes.ipv6(c, 2) + "]:" + ((c[18] & 0xFF) << 8 | c[19] & 0xFF);
        }
        return "";
    }
}
