package dev.twinbgp.bgp.wire.attribute;

import dev.twinbgp.bgp.wire.Decoded;
import dev.twinbgp.bgp.wire.MessageDecoder;
import dev.twinbgp.bgp.wire.MessageEncoder;
import dev.twinbgp.bgp.wire.capability.Negotiated;
import dev.twinbgp.bgp.wire.Samples;
import dev.twinbgp.bgp.wire.Update;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A RIB keeps decoded attribute sets in their compact form (the received octets only); it must be
 * indistinguishable from the set it came from: equal both ways, same hash, same attributes and
 * flags, same wire form for either AS number size.
 */
class CompactAttributesTest {
    private static Attributes decodedAttributes(Update u, Negotiated neg) {
        Decoded d = MessageDecoder.decode(MessageEncoder.encode(u, neg), neg);
        return ((Update) ((Decoded.Ok) d).message()).attributes();
    }

    private static void assertSameSet(Attributes full, Attributes compact) {
        assertEquals(full, compact);
        assertEquals(compact, full);
        assertEquals(full.hashCode(), compact.hashCode());
        assertEquals(full.isEmpty(), compact.isEmpty());
        assertEquals(full.list(), compact.list());
        for (Attribute a : full.list()) {
            assertEquals(full.flagsOf(a), compact.flagsOf(a));
        }
        assertArrayEquals(full.toByteArray(true), compact.toByteArray(true));
        assertArrayEquals(full.toByteArray(false), compact.toByteArray(false));
        assertEquals(full.toString(), compact.toString());
    }

    @Test
    void compactSetsOfEverySampleUpdateAreTheSameSets() {
        for (Negotiated neg : Samples.CONTEXTS) {
            for (Update u : Samples.updates(neg)) {
                Attributes full = decodedAttributes(u, neg);
                Attributes compact = full.compact();
                assertSameSet(full, compact);
                assertSameSet(full, full.compact()); // each compact copy decodes on its own
            }
        }
    }

    @Test
    void partialAndUnknownAttributesSurviveTheRoundTrip() {
        Attributes a = Samples.fullAttributes().with(new Attribute.Unknown(0xE0, 99, new byte[] {1, 2, 3}));
        Update u = Update.announce(a, Samples.ipv4(false, "10.0.0.0/8"));
        Attributes full = decodedAttributes(u, Samples.ASN4);
        Attributes compact = full.compact();
        assertNotSame(full, compact);
        assertSameSet(full, compact);
    }

    @Test
    void setsBuiltFromObjectsAreAlreadyCompactAndDifferentSetsStayDifferent() {
        Attributes built = Samples.fullAttributes();
        assertSame(built, built.compact());
        Attributes one = decodedAttributes(Update.announce(Attributes.of(new Attribute.Origin(0), Attribute.AsPath.sequence(1L),
                Attribute.NextHop.of("192.0.2.1")), Samples.ipv4(false, "10.0.0.0/8")), Samples.ASN4).compact();
        Attributes two = decodedAttributes(Update.announce(Attributes.of(new Attribute.Origin(0), Attribute.AsPath.sequence(2L),
                Attribute.NextHop.of("192.0.2.1")), Samples.ipv4(false, "10.0.0.0/8")), Samples.ASN4).compact();
        assertNotEquals(one, two);
        assertEquals(List.of(1L), ((Attribute.AsPath) one.get(Attribute.AS_PATH)).segments().get(0).asns());
    }
}
