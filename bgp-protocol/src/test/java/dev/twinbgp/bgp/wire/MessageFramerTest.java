package dev.twinbgp.bgp.wire;

import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.capability.Negotiated;
import dev.twinbgp.bgp.wire.family.Nlri;
import dev.twinbgp.bgp.wire.family.Prefix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageFramerTest {
    private static List<byte[]> sampleWires() {
        List<byte[]> out = new ArrayList<>();
        for (BgpMessage m : Samples.messages(Samples.ASN4)) {
            out.add(MessageEncoder.encode(m, Samples.ASN4));
        }
        return out;
    }

    private static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        parts.forEach(s::writeBytes);
        return s.toByteArray();
    }

    /** Each frame as "TYPE:BODYHEX", to compare runs. */
    private static List<String> frame(byte[] stream, int chunk) {
        MessageFramer f = new MessageFramer();
        List<String> out = new ArrayList<>();
        for (int p = 0; p < stream.length; p += chunk) {
            WireError e = f.feed(ByteBuffer.wrap(stream, p, Math.min(chunk, stream.length - p)),
                    fr -> out.add(fr.type() + ":" + Hex.of(fr.bodyCopy())));
            assertNull(e);
        }
        assertEquals(0, f.pendingBytes());
        return out;
    }

    @Test
    void wholeFragmentedAndCoalescedGiveTheSameFrames() {
        List<byte[]> wires = sampleWires();
        List<String> expected = new ArrayList<>();
        for (byte[] w : wires) {
            List<String> one = frame(w, w.length); // fed whole, one message per buffer
            assertEquals(1, one.size());
            expected.addAll(one);
        }
        byte[] stream = concat(wires);
        assertEquals(expected, frame(stream, 1)); // 1-byte fragments
        assertEquals(expected, frame(stream, 7));
        assertEquals(expected, frame(stream, stream.length)); // coalesced

        List<byte[]> many = new ArrayList<>();
        List<String> manyExpected = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            many.add(wires.get(i % wires.size()));
            manyExpected.add(expected.get(i % wires.size()));
        }
        byte[] big = concat(many);
        assertEquals(manyExpected, frame(big, big.length)); // 1000 messages in one buffer
        assertEquals(manyExpected, frame(big, 1));
    }

    @Test
    void framesDecodeToTheMessages() {
        List<BgpMessage> messages = Samples.messages(Samples.ASN4);
        List<byte[]> wires = new ArrayList<>();
        messages.forEach(m -> wires.add(MessageEncoder.encode(m, Samples.ASN4)));
        MessageFramer.Framed framed = new MessageFramer().feed(ByteBuffer.wrap(concat(wires)));
        assertTrue(framed.error().isEmpty());
        List<BgpMessage> decoded = framed.frames().stream().map(f -> MessageDecoder.decode(f, Samples.ASN4).message()).toList();
        assertEquals(messages, decoded);
    }

    @Test
    void partialInputWaits() {
        byte[] w = MessageEncoder.encode(Keepalive.INSTANCE, Samples.ASN4);
        MessageFramer f = new MessageFramer();
        assertTrue(f.feed(ByteBuffer.wrap(w, 0, 10)).frames().isEmpty());
        assertEquals(10, f.pendingBytes());
        assertEquals(1, f.feed(ByteBuffer.wrap(w, 10, 9)).frames().size());
    }

    @Test
    void badMarkerIs1Slash1() {
        byte[] w = MessageEncoder.encode(Keepalive.INSTANCE, Samples.ASN4);
        w[3] = 0;
        MessageFramer f = new MessageFramer();
        WireError e = f.feed(ByteBuffer.wrap(w)).error().orElseThrow();
        assertEquals(List.of(1, 1, ""), List.of(e.code(), e.subcode(), Hex.of(e.data())));
        // Final: later input gets the same error and is consumed.
        ByteBuffer more = ByteBuffer.wrap(MessageEncoder.encode(Keepalive.INSTANCE, Samples.ASN4));
        assertEquals(e, f.feed(more, fr -> { }));
        assertEquals(0, more.remaining());
    }

    @Test
    void badLengthIs1Slash2WithTheLengthField() {
        // RFC 4271 section 6.1: data = the erroneous Length field.
        assertHeaderError("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF 0012 04", 1, 2, "0012"); // below 19
        assertHeaderError("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF 1001 02", 1, 2, "1001"); // above 4096
        assertHeaderError("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF 0014 04 00", 1, 2, "0014"); // KEEPALIVE must be 19
        assertHeaderError("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF 001C 01", 1, 2, "001C"); // OPEN below 29
        assertHeaderError("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF 0016 02", 1, 2, "0016"); // UPDATE below 23
        assertHeaderError("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF 0014 03", 1, 2, "0014"); // NOTIFICATION below 21
    }

    @Test
    void badTypeIs1Slash3WithTheTypeField() {
        assertHeaderError("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF 0013 06", 1, 3, "06");
        assertHeaderError("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF 0013 00", 1, 3, "00");
    }

    private static void assertHeaderError(String hex, int code, int subcode, String data) {
        WireError e = new MessageFramer().feed(ByteBuffer.wrap(Hex.bytes(hex))).error().orElseThrow();
        assertEquals(List.of(code, subcode, data), List.of(e.code(), e.subcode(), Hex.of(e.data())), e.toString());
        Decoded d = MessageDecoder.decode(Hex.bytes(hex), Negotiated.DEFAULT);
        assertEquals(e, ((Decoded.Failed) d).error());
    }

    @Test
    void maxLengthChangesAfterOpenInsideOneChunk() {
        // RFC 8654 section 4: once Extended Message is negotiated, up to 65535 octets. The sink may
        // raise the limit while handling the OPEN, before the next header in the same chunk is read.
        Nlri.Builder b = Nlri.builder(Family.IPV4_UNICAST, false);
        for (int i = 0; i < 2000; i++) {
            b.add(Prefix.ipv4(0x0A000000 + (i << 8), 24));
        }
        byte[] big = MessageEncoder.encode(Update.announce(Samples.fullAttributes(), b.build()), Samples.EXTENDED);
        byte[] open = MessageEncoder.encode(Samples.open(), Samples.ASN4);
        byte[] stream = concat(List.of(open, big));

        MessageFramer plain = new MessageFramer();
        WireError e = plain.feed(ByteBuffer.wrap(stream), fr -> { });
        assertEquals(List.of(1, 2), List.of(e.code(), e.subcode()));

        MessageFramer f = new MessageFramer();
        List<Frame> frames = new ArrayList<>();
        assertNull(f.feed(ByteBuffer.wrap(stream), fr -> {
            frames.add(fr);
            if (fr.type() == MessageType.OPEN) {
                f.setMaxMessageLength(MessageFramer.MAX_EXTENDED_LENGTH);
            }
        }));
        assertEquals(2, frames.size());
        assertEquals(big.length, frames.get(1).messageLength());
    }
}
