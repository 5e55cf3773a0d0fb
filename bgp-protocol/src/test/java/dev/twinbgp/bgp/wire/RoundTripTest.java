package dev.twinbgp.bgp.wire;

import dev.twinbgp.bgp.wire.attribute.AsPathSegment;
import dev.twinbgp.bgp.wire.attribute.Attribute;
import dev.twinbgp.bgp.wire.attribute.Attributes;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.family.Nlri;
import dev.twinbgp.bgp.wire.family.Prefix;

import dev.twinbgp.bgp.wire.capability.Negotiated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Encode then decode gives the same value, for every message and attribute kind and session context. */
class RoundTripTest {
    static final List<Negotiated> CONTEXTS = Samples.CONTEXTS;

    @ParameterizedTest
    @FieldSource("CONTEXTS")
    void everyMessageRoundTrips(Negotiated neg) {
        for (BgpMessage m : Samples.messages(neg)) {
            byte[] wire = MessageEncoder.encode(m, neg);
            Decoded d = MessageDecoder.decode(wire, neg);
            assertTrue(d.isOk(), () -> m + " -> " + d);
            assertEquals(m, d.message(), () -> "round trip of " + m + " on " + neg);
            assertEquals(Hex.of(wire), Hex.of(MessageEncoder.encode(d.message(), neg)));
            assertFalse(m.toString().isBlank());
        }
    }

    @Test
    void encodeIntoByteBufferMatchesArray() {
        for (BgpMessage m : Samples.messages(Samples.ASN4)) {
            java.nio.ByteBuffer heap = java.nio.ByteBuffer.allocate(5000).position(3);
            java.nio.ByteBuffer direct = java.nio.ByteBuffer.allocateDirect(5000);
            MessageEncoder.encode(m, Samples.ASN4, heap);
            MessageEncoder.encode(m, Samples.ASN4, direct);
            byte[] expected = MessageEncoder.encode(m, Samples.ASN4);
            assertEquals(expected.length, MessageEncoder.encodedLength(m, Samples.ASN4));
            assertEquals(Hex.of(expected), Hex.of(java.util.Arrays.copyOfRange(heap.array(), 3, heap.position())));
            byte[] d = new byte[direct.flip().remaining()];
            direct.get(d);
            assertEquals(Hex.of(expected), Hex.of(d));
        }
    }

    @Test
    void endOfRibMarkers() {
        // RFC 4724 section 2: empty UPDATE for IPv4 unicast; MP_UNREACH_NLRI with only AFI/SAFI otherwise.
        assertEquals("0000 0000", spaced(body(Update.endOfRib(Family.IPV4_UNICAST))));
        assertEquals(Hex.of(Hex.bytes("0000 0007 900F 0003 0002 01")), Hex.of(body(Update.endOfRib(Family.IPV6_UNICAST))));
        for (Family f : List.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST, new Family(1, 2), new Family(25, 70))) {
            Update u = (Update) MessageDecoder.decode(MessageEncoder.encode(Update.endOfRib(f), Samples.ASN4), Samples.ASN4).message();
            assertTrue(u.isEndOfRib());
            assertEquals(f, u.endOfRibFamily().orElseThrow());
        }
        assertFalse(Samples.updates(Samples.ASN4).get(2).isEndOfRib());
        assertEquals(Update.endOfRib(Family.IPV4_UNICAST), new Update());
        assertFalse(Update.withdraw(Samples.ipv4(false, "10.0.0.0/8")).isEndOfRib());
    }

    private static String spaced(byte[] b) {
        String h = Hex.of(b);
        return h.substring(0, 4) + " " + h.substring(4);
    }

    private static byte[] body(Update u) {
        byte[] m = MessageEncoder.encode(u, Samples.ASN4);
        return java.util.Arrays.copyOfRange(m, 19, m.length);
    }

    @Test
    void fourOctetAsTowardsOldSpeaker() {
        // RFC 6793 section 4.2.2: AS_TRANS in AS_PATH/AGGREGATOR, the real values in AS4_PATH/AS4_AGGREGATOR.
        Attributes a = Attributes.of(new Attribute.Origin(0), Attribute.AsPath.sequence(65001L, 4200000000L),
                Attribute.NextHop.of("192.0.2.1"), new Attribute.Aggregator(4200000000L, 1));
        Update u = Update.announce(a, Samples.ipv4(false, "10.0.0.0/24"));
        byte[] wire = MessageEncoder.encode(u, Negotiated.DEFAULT);
        Update back = (Update) MessageDecoder.decode(wire, Negotiated.DEFAULT).message();
        assertEquals(List.of(65001L, 23456L), back.attributes().asPath().orElseThrow().segments().get(0).asns());
        assertEquals(new Attribute.As4Path(List.of(AsPathSegment.sequence(65001L, 4200000000L))),
                back.attributes().get(Attribute.As4Path.class).orElseThrow());
        // RFC 6793 section 4.2.3: merged back.
        assertEquals(a.asPath().orElseThrow(), back.attributes().effectiveAsPath().orElseThrow());
        assertEquals(new Attribute.Aggregator(4200000000L, 1), back.attributes().effectiveAggregator().orElseThrow());
        // Towards a NEW speaker, AS4_PATH is never sent (RFC 6793 section 4.1).
        Update on4 = (Update) MessageDecoder.decode(MessageEncoder.encode(back, Samples.ASN4), Samples.ASN4).message();
        assertFalse(on4.attributes().contains(Attribute.AS4_PATH));
    }

    @Test
    void as4PathMergeKeepsLeadingAsesOfAsPath() {
        // RFC 6793 section 4.2.3: AS_PATH 5 ASes, AS4_PATH 3 -> first 2 of AS_PATH, then AS4_PATH.
        Attributes a = Attributes.of(Attribute.AsPath.sequence(1L, 2L, 23456L, 23456L, 5L),
                new Attribute.As4Path(List.of(AsPathSegment.sequence(4200000000L, 4200000001L, 5L))));
        assertEquals(Attribute.AsPath.sequence(1L, 2L, 4200000000L, 4200000001L, 5L), a.effectiveAsPath().orElseThrow());
        // AS4_PATH longer than AS_PATH: ignored.
        Attributes b = Attributes.of(Attribute.AsPath.sequence(23456L),
                new Attribute.As4Path(List.of(AsPathSegment.sequence(4200000000L, 4200000001L))));
        assertEquals(Attribute.AsPath.sequence(23456L), b.effectiveAsPath().orElseThrow());
    }

    @Test
    void addPathFollowsSendDirectionWhenEncoding() {
        Negotiated sendOnly = new Negotiated(true, Set.of(), Set.of(Family.IPV4_UNICAST), false);
        Update u = Update.announce(Samples.fullAttributes(), Samples.ipv4(false, "10.0.0.0/24"));
        byte[] wire = MessageEncoder.encode(u, sendOnly);
        // RFC 7911 section 3: 4-octet path id (0 when the prefix had none), then length and prefix.
        assertTrue(Hex.of(wire).endsWith("0000000018" + "0A0000"));
        Negotiated receiveOnly = new Negotiated(true, Set.of(Family.IPV4_UNICAST), Set.of(), false);
        Update back = (Update) MessageDecoder.decode(wire, receiveOnly).message();
        assertEquals(List.of(Prefix.parse("10.0.0.0/24").withPathId(0)), back.nlri().prefixes());
    }

    @Test
    void unknownAttributeForwardedWithPartialBit() {
        Attributes a = Attributes.of(new Attribute.Unknown(0xC0, 0x99, new byte[] {1}), new Attribute.Unknown(0x80, 0x9A, new byte[] {2}));
        // RFC 4271 section 5: optional transitive -> Partial set; optional non-transitive -> dropped.
        assertEquals(Attributes.of(new Attribute.Unknown(0xE0, 0x99, new byte[] {1})), a.forwarded());
    }

    @Test
    void receivedPartialAndExtendedLengthBitsAreKept() {
        // AS_PATH with Extended Length (0x50), COMMUNITIES with Partial (0xE0): re-encoded as received,
        // and the Partial bit stays set when passed on (RFC 4271 section 5).
        byte[] wire = Hex.message(2, "0000 001C 40010100 5002 0006 02010000FDE8 400304C0000201 E00804FDE80064 180A0000");
        Update u = (Update) MessageDecoder.decode(wire, Samples.ASN4).message();
        assertTrue(u.attributeErrors().isEmpty());
        assertEquals(Hex.of(wire), Hex.of(MessageEncoder.encode(u, Samples.ASN4)));
        Attribute communities = u.attributes().get(Attribute.COMMUNITIES);
        assertEquals(0xE0, u.attributes().flagsOf(communities));
        assertEquals(0xE0, u.attributes().forwarded().flagsOf(communities));
        assertTrue(u.attributes().toString().contains("(partial)"));
        // Replacing the attribute forgets the received bits.
        Attributes replaced = u.attributes().with(new Attribute.Communities(List.of(1L)));
        assertEquals(0xC0, replaced.flagsOf(replaced.get(Attribute.COMMUNITIES)));
        assertFalse(u.attributes().equals(Attributes.of(u.attributes().list())));
    }

    @Test
    void extendedMessageAllowsLargerUpdates() {
        Nlri.Builder b = Nlri.builder(Family.IPV4_UNICAST, false);
        for (int i = 0; i < 3000; i++) {
            b.add(Prefix.ipv4(0x0A000000 + (i << 8), 24));
        }
        Update u = Update.announce(Samples.fullAttributes(), b.build());
        byte[] wire = MessageEncoder.encode(u, Samples.EXTENDED);
        assertTrue(wire.length > 4096);
        assertEquals(u, MessageDecoder.decode(wire, Samples.EXTENDED).message());
        Decoded tooLong = MessageDecoder.decode(wire, Samples.ASN4);
        assertEquals(new WireError(1, 2, new byte[] {wire[16], wire[17]}, "length " + wire.length + " outside 19..4096"),
                ((Decoded.Failed) tooLong).error());
    }
}
