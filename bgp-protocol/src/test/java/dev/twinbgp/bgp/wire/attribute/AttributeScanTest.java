package dev.twinbgp.bgp.wire.attribute;

import dev.twinbgp.bgp.wire.Bytes;
import dev.twinbgp.bgp.wire.capability.Negotiated;
import dev.twinbgp.bgp.wire.family.Nlri;
import dev.twinbgp.bgp.wire.Samples;
import dev.twinbgp.bgp.wire.Update;
import dev.twinbgp.bgp.wire.UpdateCodec;

import dev.twinbgp.bgp.wire.RawAttributes;

import static dev.twinbgp.bgp.wire.RawAttributes.OPTIONAL;
import static dev.twinbgp.bgp.wire.RawAttributes.OPTIONAL_TRANSITIVE;
import static dev.twinbgp.bgp.wire.RawAttributes.WELL_KNOWN;
import static dev.twinbgp.bgp.wire.RawAttributes.asPath;
import static dev.twinbgp.bgp.wire.RawAttributes.attr;
import static dev.twinbgp.bgp.wire.RawAttributes.concat;
import static dev.twinbgp.bgp.wire.RawAttributes.extendedAttr;
import static dev.twinbgp.bgp.wire.RawAttributes.nextHop;
import static dev.twinbgp.bgp.wire.RawAttributes.origin;
import static dev.twinbgp.bgp.wire.RawAttributes.u16;
import static dev.twinbgp.bgp.wire.RawAttributes.u32;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link AttributeScan}: what it accepts, each reason it declines, and how the decoder uses it. */
class AttributeScanTest {
    private static final byte[] NONE = new byte[0];

    /** ORIGIN, AS_PATH, NEXT_HOP, then {@code tail}. */
    private static byte[] field(boolean asn4, byte[] tail) {
        return concat(origin(0), asPath(asn4, 65001, 65002), nextHop("192.0.2.1"), tail);
    }

    private static boolean scan(byte[] field, boolean asn4) {
        // Placed inside a larger array, as in a real message, to catch offset mistakes.
        byte[] b = new byte[field.length + 10];
        Arrays.fill(b, (byte) 0x40);
        System.arraycopy(field, 0, b, 5, field.length);
        return AttributeScan.accepts(b, 5, field.length, asn4);
    }

    private static void declines(byte[] field, boolean asn4) {
        assertFalse(scan(field, asn4), () -> "accepted " + Bytes.hex(field));
    }

    private static byte[] everyCoveredKind(boolean asn4) {
        return concat(origin(2),
                attr(WELL_KNOWN, Attribute.AS_PATH, concat(new byte[] {AsPathSegment.AS_SET, 2}, RawAttributes.ases(asn4, 1, 2),
                        new byte[] {AsPathSegment.AS_SEQUENCE, 1}, RawAttributes.ases(asn4, 3),
                        new byte[] {AsPathSegment.AS_CONFED_SEQUENCE, 1}, RawAttributes.ases(asn4, 4),
                        new byte[] {AsPathSegment.AS_CONFED_SET, 1}, RawAttributes.ases(asn4, 5))),
                nextHop("192.0.2.1"),
                attr(OPTIONAL, Attribute.MULTI_EXIT_DISC, u32(7)),
                attr(WELL_KNOWN, Attribute.LOCAL_PREF, u32(100)),
                attr(WELL_KNOWN, Attribute.ATOMIC_AGGREGATE),
                attr(OPTIONAL_TRANSITIVE, Attribute.AGGREGATOR, concat(asn4 ? u32(65001) : u16(65001), u32(0xC0000209L))),
                attr(OPTIONAL_TRANSITIVE, Attribute.COMMUNITIES, u32(65000L << 16 | 1, 0xFFFFFF01L)),
                attr(OPTIONAL, Attribute.ORIGINATOR_ID, u32(0x0A000001L)),
                attr(OPTIONAL, Attribute.CLUSTER_LIST, u32(0x0A000002L, 0x0A000003L)),
                attr(OPTIONAL_TRANSITIVE, Attribute.EXTENDED_COMMUNITIES, u32(0x0002FDE8L, 0x64L)),
                attr(OPTIONAL_TRANSITIVE, Attribute.LARGE_COMMUNITY, u32(4200000000L, 1, 2)));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void acceptsTheMandatoryThreeAndEveryCoveredKind(boolean asn4) {
        assertTrue(scan(field(asn4, NONE), asn4));
        assertTrue(scan(everyCoveredKind(asn4), asn4));
        // An empty AS_PATH (iBGP, RFC 4271 section 5.1.2) is well-formed.
        assertTrue(scan(concat(origin(1), attr(WELL_KNOWN, Attribute.AS_PATH), nextHop("10.0.0.1")), asn4));
    }

    @Test
    void declinesTheEmptyFieldAndMissingMandatoryAttributes() {
        declines(NONE, true);
        declines(concat(asPath(true, 1), nextHop("192.0.2.1")), true);
        declines(concat(origin(0), nextHop("192.0.2.1")), true);
        declines(concat(origin(0), asPath(true, 1)), true);
    }

    @Test
    void declinesMpAs4AndUnknownAttributes() {
        byte[] mpUnreach = attr(OPTIONAL, Attribute.MP_UNREACH_NLRI, new byte[] {0, 2, 1});
        byte[] mpReach = attr(OPTIONAL, Attribute.MP_REACH_NLRI, concat(new byte[] {0, 2, 1, 16}, new byte[16], new byte[] {0}));
        declines(field(true, mpReach), true);
        declines(field(true, mpUnreach), true);
        declines(field(false, attr(OPTIONAL_TRANSITIVE, Attribute.AS4_PATH, concat(new byte[] {2, 1}, u32(4200000000L)))), false);
        declines(field(false, attr(OPTIONAL_TRANSITIVE, Attribute.AS4_AGGREGATOR, u32(4200000000L, 1))), false);
        declines(field(true, attr(OPTIONAL_TRANSITIVE, 99, (byte) 1)), true);
        declines(field(true, attr(OPTIONAL, 99)), true);
        declines(field(true, attr(WELL_KNOWN, 99)), true);
        declines(concat(attr(OPTIONAL_TRANSITIVE, 0, (byte) 1), field(true, NONE)), true);
    }

    @Test
    void declinesAnyFlagOtherThanTheRfcOnes() {
        for (int flags = 0; flags < 256; flags++) {
            byte[] f = concat(origin(0), asPath(true, 1), attr(flags, Attribute.NEXT_HOP, u32(0xC0000201L)));
            assertEquals(flags == WELL_KNOWN, scan(f, true), "flags " + flags);
            f = concat(field(true, NONE), attr(flags, Attribute.COMMUNITIES, u32(1)));
            assertEquals(flags == OPTIONAL_TRANSITIVE, scan(f, true), "flags " + flags);
            f = concat(field(true, NONE), attr(flags, Attribute.MULTI_EXIT_DISC, u32(1)));
            assertEquals(flags == OPTIONAL, scan(f, true), "flags " + flags);
        }
        // Extended Length, even when well-formed and short.
        declines(concat(origin(0), asPath(true, 1), extendedAttr(WELL_KNOWN, Attribute.NEXT_HOP, u32(0xC0000201L))), true);
    }

    @Test
    void declinesAttributesOutOfOrderOrRepeated() {
        declines(concat(asPath(true, 1), origin(0), nextHop("192.0.2.1")), true);
        declines(concat(origin(0), origin(0), asPath(true, 1), nextHop("192.0.2.1")), true);
        byte[] med = attr(OPTIONAL, Attribute.MULTI_EXIT_DISC, u32(1));
        declines(concat(field(true, med), med), true);
        declines(concat(origin(0), asPath(true, 1), med, nextHop("192.0.2.1")), true);
    }

    @Test
    void declinesOverrunsAndTrailingOctets() {
        byte[] ok = field(true, NONE);
        for (int cut = 1; cut < ok.length; cut++) {
            declines(Arrays.copyOf(ok, cut), true);
        }
        declines(concat(ok, new byte[] {(byte) OPTIONAL_TRANSITIVE}), true);
        declines(concat(ok, new byte[] {(byte) OPTIONAL_TRANSITIVE, Attribute.COMMUNITIES}), true);
        byte[] longer = ok.clone();
        longer[2] = 2; // ORIGIN claims 2 octets: the rest no longer lines up
        declines(longer, true);
    }

    @Test
    void declinesBadOriginNextHopAndFixedLengths() {
        declines(concat(origin(3), asPath(true, 1), nextHop("192.0.2.1")), true);
        declines(concat(attr(WELL_KNOWN, Attribute.ORIGIN, (byte) 0, (byte) 0), asPath(true, 1), nextHop("192.0.2.1")), true);
        declines(concat(attr(WELL_KNOWN, Attribute.ORIGIN), asPath(true, 1), nextHop("192.0.2.1")), true);
        for (String bad : List.of("0.0.0.0", "224.0.0.1", "239.255.255.255")) {
            declines(concat(origin(0), asPath(true, 1), nextHop(bad)), true);
        }
        assertTrue(scan(concat(origin(0), asPath(true, 1), nextHop("240.0.0.1")), true)); // not multicast: the decoder accepts it
        declines(concat(origin(0), asPath(true, 1), attr(WELL_KNOWN, Attribute.NEXT_HOP, u32(0xC0000201L, 0))), true);
        declines(field(true, attr(OPTIONAL, Attribute.MULTI_EXIT_DISC, (byte) 0, (byte) 0, (byte) 1)), true);
        declines(field(true, attr(WELL_KNOWN, Attribute.LOCAL_PREF, concat(u32(1), new byte[] {0}))), true);
        declines(field(true, attr(WELL_KNOWN, Attribute.ATOMIC_AGGREGATE, (byte) 0)), true);
        declines(field(true, attr(OPTIONAL, Attribute.ORIGINATOR_ID, u16(1))), true);
        // AGGREGATOR: 8 octets with 4-octet ASes, 6 without (RFC 6793 section 3).
        declines(field(true, attr(OPTIONAL_TRANSITIVE, Attribute.AGGREGATOR, concat(u16(1), u32(1)))), true);
        declines(field(false, attr(OPTIONAL_TRANSITIVE, Attribute.AGGREGATOR, u32(1, 1))), false);
    }

    @Test
    void declinesListLengthsThatAreNotNonZeroMultiples() {
        declines(field(true, attr(OPTIONAL_TRANSITIVE, Attribute.COMMUNITIES)), true);
        declines(field(true, attr(OPTIONAL_TRANSITIVE, Attribute.COMMUNITIES, concat(u32(1), u16(1)))), true);
        declines(field(true, attr(OPTIONAL, Attribute.CLUSTER_LIST)), true);
        declines(field(true, attr(OPTIONAL, Attribute.CLUSTER_LIST, u16(1))), true);
        declines(field(true, attr(OPTIONAL_TRANSITIVE, Attribute.EXTENDED_COMMUNITIES, u32(1))), true);
        declines(field(true, attr(OPTIONAL_TRANSITIVE, Attribute.EXTENDED_COMMUNITIES)), true);
        declines(field(true, attr(OPTIONAL_TRANSITIVE, Attribute.LARGE_COMMUNITY, u32(1, 2))), true);
        declines(field(true, attr(OPTIONAL_TRANSITIVE, Attribute.LARGE_COMMUNITY)), true);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void declinesMalformedAsPaths(boolean asn4) {
        int as = asn4 ? 4 : 2;
        List<byte[]> bad = List.of(
                new byte[] {AsPathSegment.AS_SEQUENCE}, // header cut
                concat(new byte[] {AsPathSegment.AS_SEQUENCE, 0}), // zero count
                concat(new byte[] {0, 1}, new byte[as]), // type 0
                concat(new byte[] {5, 1}, new byte[as]), // type 5
                concat(new byte[] {AsPathSegment.AS_SEQUENCE, 2}, new byte[as]), // count overruns
                concat(new byte[] {AsPathSegment.AS_SEQUENCE, 1}, new byte[as + 1]), // a trailing octet
                concat(new byte[] {AsPathSegment.AS_SEQUENCE, 1}, new byte[as - 1])); // AS cut
        for (byte[] value : bad) {
            declines(concat(origin(0), attr(WELL_KNOWN, Attribute.AS_PATH, value), nextHop("192.0.2.1")), asn4);
        }
        // The same octets read with the other AS size: one AS of 4 octets is two of 2 but the count says 1.
        declines(concat(origin(0), asPath(!asn4, 65001), nextHop("192.0.2.1")), asn4);
    }

    // ------------------------------------------------------------ the decoder's use of the scan

    private static Update decode(byte[] body, Negotiated neg) {
        return (Update) UpdateCodec.decode(body, 0, body.length, neg).message();
    }

    @Test
    void aCleanAnnouncementKeepsItsAttributesAsTheReceivedOctets() {
        byte[] attrs = everyCoveredKind(true);
        byte[] body = RawAttributes.body(attrs, RawAttributes.tenSlash8());
        Update fast = decode(body, Samples.ASN4);
        Attributes a = fast.attributes();
        assertSame(a, a.compact(), "the fast path hands back the compact form");
        assertTrue(fast.attributeErrors().isEmpty());
        assertTrue(fast.mpReach().isEmpty() && fast.mpUnreach().isEmpty());
        assertSame(Nlri.emptyIpv4(false), fast.withdrawn());

        Update full = (Update) UpdateCodec.decodeFully(body, 0, body.length, Samples.ASN4).message();
        assertNotSame(full.attributes(), full.attributes().compact());
        assertEquals(full, fast);
        assertEquals(12, a.size());
        assertEquals(full.attributes().list(), a.list()); // decoded lazily, fully: no recursion into the fast path
        assertEquals(Attributes.of(full.attributes().list()), a);
        assertEquals(a, Attributes.of(full.attributes().list()));
        assertEquals(Attributes.of(full.attributes().list()).hashCode(), a.hashCode());
    }

    @Test
    void withoutNlriOrWithAnythingUnusualTheAttributesAreDecodedAsBefore() {
        Update noNlri = decode(RawAttributes.body(field(true, NONE)), Samples.ASN4);
        assertNotSame(noNlri.attributes(), noNlri.attributes().compact());
        Update unknown = decode(RawAttributes.body(field(true, attr(OPTIONAL_TRANSITIVE, 99, (byte) 1)), RawAttributes.tenSlash8()),
                Samples.ASN4);
        assertNotSame(unknown.attributes(), unknown.attributes().compact());
        assertEquals(4, unknown.attributes().size());
        Update missing = decode(RawAttributes.body(concat(origin(0), asPath(true, 1)), RawAttributes.tenSlash8()), Samples.ASN4);
        assertTrue(missing.treatAsWithdraw());
    }
}
