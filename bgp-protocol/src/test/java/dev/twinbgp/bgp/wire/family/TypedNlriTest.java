package dev.twinbgp.bgp.wire.family;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The delimiting and the opaque form the typed families share (EVPN, MCAST-VPN: 2-octet header; MUP: 4). */
class TypedNlriTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void delimitsByTheLengthOctetThatEndsTheHeader() {
        byte[] b = HEX.parseHex("0503AABBCC" + "01000302DDEE");
        assertEquals(5, TypedNlri.routeLength(b, 0, b.length, TypedNlri.TYPE_LENGTH));
        assertEquals(6, TypedNlri.routeLength(b, 5, b.length, 4));
        assertEquals(-1, TypedNlri.routeLength(b, 10, b.length, TypedNlri.TYPE_LENGTH), "header cut at the end");
        assertEquals(-1, TypedNlri.routeLength(b, 8, b.length, 4));
        assertTrue(TypedNlri.whole(b, 0, 5, TypedNlri.TYPE_LENGTH));
        assertTrue(TypedNlri.whole(b, 5, 6, 4));
        assertFalse(TypedNlri.whole(b, 0, 4, TypedNlri.TYPE_LENGTH), "fewer octets than the length says");
        assertFalse(TypedNlri.whole(b, 0, 1, TypedNlri.TYPE_LENGTH), "no whole header");
        assertFalse(TypedNlri.whole(b, 0, 0, 4));
    }

    @Test
    void describesAsExaBgpDoes() {
        byte[] route = HEX.parseHex("0503aabbcc");
        assertEquals(List.of("code=5", "parsed=true", "raw=0503AABBCC", "name=Five"), fields(route, "Five", true));
        assertEquals(List.of("code=5", "parsed=false", "raw=0503AABBCC"), fields(route, null, true), "unknown type");
        assertEquals(List.of("code=5", "parsed=false", "raw=0503AABBCC"), fields(route, "Five", false), "malformed");
        assertEquals(List.of("raw=05"), fields(HEX.parseHex("05"), null, false), "no header");
        assertEquals("evpn:unknown:0xaabbcc", TypedNlri.opaqueText("evpn", "unknown", route));
        assertEquals("mvpn:unknown:0x", TypedNlri.opaqueText("mvpn", "unknown", new byte[0]));
        assertEquals(-1, TypedNlri.type(new byte[0]));
        assertEquals(5, TypedNlri.type(route));
    }

    private static List<String> fields(byte[] nlri, String name, boolean wellFormed) {
        List<String> out = new ArrayList<>();
        boolean parsed = TypedNlri.describeHead(nlri, name, wellFormed, new FamilyCodec.Fields() {
            @Override
            public void list(String field, List<String> values) {
                out.add(field + "=" + values);
            }

            @Override
            public void string(String field, String value) {
                out.add(field + "=" + value);
            }

            @Override
            public void number(String field, long value) {
                out.add(field + "=" + value);
            }

            @Override
            public void bool(String field, boolean value) {
                out.add(field + "=" + value);
            }
        });
        assertEquals(parsed, out.contains("parsed=true"));
        return out;
    }
}
