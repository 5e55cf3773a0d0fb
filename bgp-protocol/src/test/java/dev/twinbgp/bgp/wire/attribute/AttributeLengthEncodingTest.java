package dev.twinbgp.bgp.wire.attribute;

import dev.twinbgp.bgp.wire.Bytes;

import dev.twinbgp.bgp.wire.WireWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The encoder writes a value in place and fills in its length afterwards: 1 octet up to 255, the
 * Extended Length flag and 2 octets above (RFC 4271 section 4.3), or 2 octets whenever the flag
 * was received (kept for a byte-for-byte re-encoding).
 */
class AttributeLengthEncodingTest {
    private static byte[] encode(Attribute a, int extraFlags) {
        WireWriter w = new WireWriter(4);
        w.u8(0xAB); // something before, to check offsets
        AttributeCodec.write(a, extraFlags, true, w);
        return w.toByteArray();
    }

    private static Attribute.Communities communities(int n) {
        List<Long> v = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            v.add(65000L << 16 | i);
        }
        return new Attribute.Communities(v);
    }

    @Test
    void shortValuesHaveAOneOctetLength() {
        byte[] b = encode(communities(63), 0); // 252 octets
        assertEquals(1 + 3 + 252, b.length);
        assertEquals(0xAB, b[0] & 0xFF);
        assertEquals(0xC0, b[1] & 0xFF);
        assertEquals(Attribute.COMMUNITIES, b[2]);
        assertEquals(252, b[3] & 0xFF);
        assertEquals(0xFD, b[4] & 0xFF); // 65000 >> 8
    }

    @Test
    void longValuesGetExtendedLengthAndMoveUpOneOctet() {
        byte[] b = encode(communities(64), 0); // 256 octets
        assertEquals(1 + 4 + 256, b.length);
        assertEquals(0xC0 | Attribute.FLAG_EXTENDED_LENGTH, b[1] & 0xFF);
        assertEquals(256, Bytes.u16(b, 3));
        assertEquals(65000L << 16 | 63, Bytes.u32(b, b.length - 4));
        assertEquals(65000L << 16, Bytes.u32(b, 5));
    }

    @Test
    void receivedExtendedLengthIsKeptForShortValues() {
        byte[] b = encode(new Attribute.Origin(0), Attribute.FLAG_EXTENDED_LENGTH);
        assertEquals(1 + 4 + 1, b.length);
        assertEquals(Attribute.FLAG_TRANSITIVE | Attribute.FLAG_EXTENDED_LENGTH, b[1] & 0xFF);
        assertEquals(1, Bytes.u16(b, 3));
    }
}
