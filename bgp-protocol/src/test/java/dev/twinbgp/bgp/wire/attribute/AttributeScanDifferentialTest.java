package dev.twinbgp.bgp.wire.attribute;

import dev.twinbgp.bgp.wire.Decoded;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.MessageEncoder;
import dev.twinbgp.bgp.wire.family.Nlri;
import dev.twinbgp.bgp.wire.family.Prefix;
import dev.twinbgp.bgp.wire.Update;
import dev.twinbgp.bgp.wire.UpdateCodec;

import dev.twinbgp.bgp.wire.Bytes;
import dev.twinbgp.bgp.wire.capability.Negotiated;
import dev.twinbgp.bgp.wire.RawAttributes;
import dev.twinbgp.bgp.wire.Samples;

import static dev.twinbgp.bgp.wire.RawAttributes.OPTIONAL;
import static dev.twinbgp.bgp.wire.RawAttributes.OPTIONAL_TRANSITIVE;
import static dev.twinbgp.bgp.wire.RawAttributes.WELL_KNOWN;
import static dev.twinbgp.bgp.wire.RawAttributes.attr;
import static dev.twinbgp.bgp.wire.RawAttributes.concat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fast path must never change what an UPDATE decodes to. Random valid attribute fields of every
 * kind {@link AttributeScan} covers (built here octet by octet, not by the codec) and many mutations
 * of them (bit flips, length lies, swaps, repeats, truncations, inserted unknown / MP / AS4
 * attributes, Partial and Extended Length bits, the other AS number size) go through the scan; for
 * each one it accepts, the full decoder must find no error and no MP attribute, and the compact set
 * the fast path returns must be the same set: equal both ways, same hash, same list once decoded,
 * same re-encoding for either AS number size. Every un-mutated valid field must be accepted.
 * Fixed seed: a failure names the field, and reruns the same.
 */
class AttributeScanDifferentialTest {
    private static final long SEED = 0x7B6B_2026_1122L;
    private static final int VALID_FIELDS = 2000;
    private static final int MUTATIONS_PER_FIELD = 6;
    private static final List<Negotiated> SESSIONS = List.of(Negotiated.DEFAULT, Samples.ASN4, Samples.ADD_PATH_ALL);

    private int checked;
    private int accepted;
    private int mutatedAccepted;

    @Test
    void whatTheScanAcceptsTheFullDecoderDecodesCleanlyToTheSameSet() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        for (int i = 0; i < VALID_FIELDS; i++) {
            Negotiated neg = SESSIONS.get(i % SESSIONS.size());
            List<byte[]> attrs = validAttributes(rnd, neg.asn4());
            byte[] field = concat(attrs.toArray(byte[][]::new));
            assertTrue(AttributeScan.accepts(field, 0, field.length, neg.asn4()),
                    () -> "valid field declined (asn4 " + neg.asn4() + "): " + Bytes.hex(field));
            check(field, neg, rnd, false);
            check(field, neg.asn4() ? Negotiated.DEFAULT : Samples.ASN4, rnd, true); // the other AS number size
            for (int m = 0; m < MUTATIONS_PER_FIELD; m++) {
                check(mutate(rnd, attrs, neg.asn4()), neg, rnd, true);
            }
        }
        System.out.printf("attribute scan differential: %d fields, %d accepted (%d of them mutated)%n",
                checked, accepted, mutatedAccepted);
        // The mutations must exercise the property, not only the declines.
        assertTrue(mutatedAccepted > VALID_FIELDS / 2, "only " + mutatedAccepted + " mutated fields accepted");
    }

    private void check(byte[] field, Negotiated neg, SplittableRandom rnd, boolean mutated) {
        checked++;
        boolean asn4 = neg.asn4();
        byte[] body = RawAttributes.body(field, nlri(rnd, neg.addPathReceive().contains(Family.IPV4_UNICAST)));
        Decoded full = UpdateCodec.decodeFully(body, 0, body.length, neg);
        if (!AttributeScan.accepts(field, 0, field.length, asn4)) {
            UpdateCodec.decode(body, 0, body.length, neg); // the full path, which must not throw either
            return;
        }
        accepted++;
        if (mutated) {
            mutatedAccepted++;
        }
        String what = "asn4 " + asn4 + ", field " + Bytes.hex(field);
        if (!(full instanceof Decoded.Ok(Update fu))) {
            fail("accepted, but the full decoder failed: " + full + " - " + what);
            return;
        }
        assertEquals(List.of(), fu.attributeErrors(), what);
        assertTrue(fu.mpReach().isEmpty() && fu.mpUnreach().isEmpty(), what);
        Attributes decoded = fu.attributes();
        Attributes built = Attributes.of(decoded.list()); // from objects: equals must compare the lists

        Update fast = decodeFast(body, neg);
        assertSame(fast.attributes(), fast.attributes().compact(), "fast path not taken: " + what);
        assertEquals(fu, fast, what);
        assertEquals(built, decodeFast(body, neg).attributes(), what);
        assertEquals(decodeFast(body, neg).attributes(), built, what);
        assertEquals(built.hashCode(), decodeFast(body, neg).attributes().hashCode(), what);
        assertEquals(decoded.list(), decodeFast(body, neg).attributes().list(), what);
        assertEquals(decoded.size(), decodeFast(body, neg).attributes().size(), what); // counted, not decoded
        for (boolean to4 : new boolean[] {true, false}) {
            assertArrayEquals(decoded.toByteArray(to4), decodeFast(body, neg).attributes().toByteArray(to4), what + " to asn4 " + to4);
            // Sent on with an MP_REACH_NLRI, which goes where the type order puts it (the encoding's split).
            Negotiated to = to4 ? Samples.ASN4 : Negotiated.DEFAULT;
            assertArrayEquals(MessageEncoder.encode(withMpReach(built), to),
                    MessageEncoder.encode(withMpReach(decodeFast(body, neg).attributes()), to), what + " with MP_REACH to asn4 " + to4);
        }
    }

    private static final Attribute.MpReach MP_REACH = new Attribute.MpReach(Family.IPV6_UNICAST, new byte[16],
            Nlri.of(Family.IPV6_UNICAST, false, List.of(Prefix.parse("2001:db8::/32"))));

    private static Update withMpReach(Attributes attributes) {
        Nlri none = Nlri.empty(Family.IPV4_UNICAST, false);
        return new Update(none, attributes, MP_REACH, null, none);
    }

    private static Update decodeFast(byte[] body, Negotiated neg) {
        return (Update) UpdateCodec.decode(body, 0, body.length, neg).message();
    }

    // ------------------------------------------------------------ valid fields

    /** A valid field, one attribute per element in ascending type order, each with its RFC flags. */
    private static List<byte[]> validAttributes(SplittableRandom rnd, boolean asn4) {
        List<byte[]> out = new ArrayList<>();
        out.add(attr(WELL_KNOWN, Attribute.ORIGIN, (byte) rnd.nextInt(3)));
        out.add(attr(WELL_KNOWN, Attribute.AS_PATH, asPathValue(rnd, asn4)));
        int nh;
        do {
            nh = rnd.nextInt();
        } while (nh == 0 || (nh >>> 28) == 0xE);
        out.add(attr(WELL_KNOWN, Attribute.NEXT_HOP, RawAttributes.u32(nh & 0xFFFFFFFFL)));
        if (rnd.nextInt(2) == 0) {
            out.add(attr(OPTIONAL, Attribute.MULTI_EXIT_DISC, randomBytes(rnd, 4)));
        }
        if (rnd.nextInt(2) == 0) {
            out.add(attr(WELL_KNOWN, Attribute.LOCAL_PREF, randomBytes(rnd, 4)));
        }
        if (rnd.nextInt(5) == 0) {
            out.add(attr(WELL_KNOWN, Attribute.ATOMIC_AGGREGATE));
        }
        if (rnd.nextInt(5) == 0) {
            out.add(attr(OPTIONAL_TRANSITIVE, Attribute.AGGREGATOR, randomBytes(rnd, asn4 ? 8 : 6)));
        }
        if (rnd.nextInt(5) < 3) {
            out.add(attr(OPTIONAL_TRANSITIVE, Attribute.COMMUNITIES, randomBytes(rnd, 4 * (1 + rnd.nextInt(6)))));
        }
        if (rnd.nextInt(7) == 0) {
            out.add(attr(OPTIONAL, Attribute.ORIGINATOR_ID, randomBytes(rnd, 4)));
        }
        if (rnd.nextInt(7) == 0) {
            out.add(attr(OPTIONAL, Attribute.CLUSTER_LIST, randomBytes(rnd, 4 * (1 + rnd.nextInt(4)))));
        }
        if (rnd.nextInt(5) == 0) {
            out.add(attr(OPTIONAL_TRANSITIVE, Attribute.EXTENDED_COMMUNITIES, randomBytes(rnd, 8 * (1 + rnd.nextInt(4)))));
        }
        if (rnd.nextInt(5) == 0) {
            out.add(attr(OPTIONAL_TRANSITIVE, Attribute.LARGE_COMMUNITY, randomBytes(rnd, 12 * (1 + rnd.nextInt(4)))));
        }
        return out;
    }

    /** 0-3 segments of any type (mostly one AS_SEQUENCE of 1-10 ASes), at most 255 octets. */
    private static byte[] asPathValue(SplittableRandom rnd, boolean asn4) {
        int asSize = asn4 ? 4 : 2;
        int segments = rnd.nextInt(10) == 0 ? 0 : rnd.nextInt(4) == 0 ? 2 + rnd.nextInt(2) : 1;
        List<byte[]> parts = new ArrayList<>();
        int total = 0;
        for (int s = 0; s < segments; s++) {
            int type = rnd.nextInt(3) == 0 ? AsPathSegment.AS_SET + rnd.nextInt(4) : AsPathSegment.AS_SEQUENCE;
            int n = rnd.nextInt(20) == 0 ? 1 + rnd.nextInt(255) : 1 + rnd.nextInt(10);
            n = Math.min(n, (255 - total - 2) / asSize);
            if (n < 1) {
                break;
            }
            byte[] seg = concat(new byte[] {(byte) type, (byte) n}, randomBytes(rnd, n * asSize));
            parts.add(seg);
            total += seg.length;
        }
        return concat(parts.toArray(byte[][]::new));
    }

    private static byte[] randomBytes(SplittableRandom rnd, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) rnd.nextInt(256);
        }
        return b;
    }

    /** 1-3 IPv4 prefixes, with 4-octet path ids when ADD-PATH receive is on (RFC 7911). */
    private static byte[] nlri(SplittableRandom rnd, boolean pathIds) {
        List<byte[]> parts = new ArrayList<>();
        for (int i = 0, n = 1 + rnd.nextInt(3); i < n; i++) {
            int bits = rnd.nextInt(33);
            parts.add(concat(pathIds ? randomBytes(rnd, 4) : new byte[0], new byte[] {(byte) bits}, randomBytes(rnd, (bits + 7) / 8)));
        }
        return concat(parts.toArray(byte[][]::new));
    }

    // ------------------------------------------------------------ mutations

    private static byte[] mutate(SplittableRandom rnd, List<byte[]> valid, boolean asn4) {
        List<byte[]> attrs = new ArrayList<>();
        for (byte[] a : valid) {
            attrs.add(a.clone());
        }
        int pick = rnd.nextInt(attrs.size());
        byte[] a = attrs.get(pick);
        switch (rnd.nextInt(16)) {
            case 0 -> { // flip 1-3 bits anywhere
                byte[] f = concat(attrs.toArray(byte[][]::new));
                for (int i = 0, n = 1 + rnd.nextInt(3); i < n; i++) {
                    f[rnd.nextInt(f.length)] ^= (byte) (1 << rnd.nextInt(8));
                }
                return f;
            }
            case 1 -> a[2] = (byte) (rnd.nextBoolean() ? a[2] + (rnd.nextBoolean() ? 1 : -1) : rnd.nextInt(256)); // length lie
            case 2 -> Collections.swap(attrs, pick, rnd.nextInt(attrs.size()));
            case 3 -> attrs.add(rnd.nextInt(attrs.size() + 1), a.clone()); // repeated
            case 4 -> { // truncated field
                byte[] f = concat(attrs.toArray(byte[][]::new));
                return java.util.Arrays.copyOf(f, rnd.nextInt(f.length));
            }
            case 5 -> attrs.add(rnd.nextInt(attrs.size() + 1), unusual(rnd, asn4));
            case 6 -> a[0] |= Attribute.FLAG_PARTIAL;
            case 7 -> a[0] |= Attribute.FLAG_EXTENDED_LENGTH; // the header no longer lines up
            case 8 -> attrs.set(pick, RawAttributes.extendedAttr(a[0] & 0xFF, a[1] & 0xFF,
                    java.util.Arrays.copyOfRange(a, 3, a.length))); // well-formed Extended Length
            case 9 -> a[0] = (byte) rnd.nextInt(256);
            case 10 -> attrs.remove(pick);
            case 11 -> a[1] = (byte) (rnd.nextBoolean() ? 1 + rnd.nextInt(40) : rnd.nextInt(256));
            case 12 -> { // new value octets, same length: bad ORIGIN, NEXT_HOP, AS_PATH segment headers...
                for (int i = 3; i < a.length; i++) {
                    a[i] = (byte) (rnd.nextInt(4) == 0 ? rnd.nextInt(256) : a[i]);
                }
            }
            case 13 -> { // an empty value, or one 1-3 octets longer or shorter; its length octet telling the truth
                int len = rnd.nextInt(4) == 0 ? 0 : Math.max(0, a.length - 3 + (rnd.nextBoolean() ? 1 : -1) * (1 + rnd.nextInt(3)));
                byte[] v = java.util.Arrays.copyOf(java.util.Arrays.copyOfRange(a, 3, a.length), len);
                attrs.set(pick, attr(a[0] & 0xFF, a[1] & 0xFF, v));
            }
            case 14 -> { // AS_PATH (always second) with one more segment, any type, 0-2 ASes of either size
                byte[] p = attrs.get(1);
                int n = rnd.nextInt(3);
                byte[] seg = concat(new byte[] {(byte) rnd.nextInt(6), (byte) n}, randomBytes(rnd, n * (rnd.nextInt(4) == 0 ? 6 - (asn4 ? 4 : 2) : asn4 ? 4 : 2)));
                byte[] v = java.util.Arrays.copyOfRange(p, 3, p.length);
                attrs.set(1, attr(p[0] & 0xFF, p[1] & 0xFF, rnd.nextBoolean() ? concat(v, seg) : concat(seg, v)));
            }
            default -> { // a zero or special value where it matters most
                if (a.length > 3) {
                    a[3 + rnd.nextInt(a.length - 3)] = (byte) (rnd.nextBoolean() ? 0 : 0xE0);
                }
            }
        }
        return concat(attrs.toArray(byte[][]::new));
    }

    /** An attribute the scan leaves to the full decoder: MP, AS4, unknown (optional or not), type 0. */
    private static byte[] unusual(SplittableRandom rnd, boolean asn4) {
        return switch (rnd.nextInt(7)) {
            case 0 -> attr(OPTIONAL, Attribute.MP_UNREACH_NLRI, (byte) 0, (byte) 1, (byte) 1, (byte) 8, (byte) 10);
            case 1 -> attr(OPTIONAL, Attribute.MP_REACH_NLRI, concat(new byte[] {0, 2, 1, 16}, new byte[15], new byte[] {1, 0}));
            case 2 -> attr(OPTIONAL_TRANSITIVE, Attribute.AS4_PATH, concat(new byte[] {2, 1}, randomBytes(rnd, 4)));
            case 3 -> attr(OPTIONAL_TRANSITIVE, Attribute.AS4_AGGREGATOR, randomBytes(rnd, 8));
            case 4 -> attr(OPTIONAL_TRANSITIVE | (rnd.nextBoolean() ? Attribute.FLAG_PARTIAL : 0), 33 + rnd.nextInt(200),
                    randomBytes(rnd, rnd.nextInt(6)));
            case 5 -> attr(WELL_KNOWN, 33 + rnd.nextInt(200), randomBytes(rnd, rnd.nextInt(6)));
            default -> attr(rnd.nextInt(256), rnd.nextInt(2) == 0 ? 0 : 11 + rnd.nextInt(3), randomBytes(rnd, rnd.nextInt(6)));
        };
    }
}
