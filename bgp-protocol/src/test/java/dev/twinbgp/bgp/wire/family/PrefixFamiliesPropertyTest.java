package dev.twinbgp.bgp.wire.family;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.bgp.wire.Decoded;
import dev.twinbgp.bgp.wire.MessageDecoder;
import dev.twinbgp.bgp.wire.MessageEncoder;
import dev.twinbgp.bgp.wire.Update;
import dev.twinbgp.bgp.wire.attribute.Attribute;
import dev.twinbgp.bgp.wire.attribute.Attributes;
import dev.twinbgp.bgp.wire.capability.Negotiated;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Properties of the prefix families, unicast and multicast (SAFI 2, RFC 4760), IPv4 and IPv6: any list of prefixes
 * (any length, with or without ADD-PATH path ids) encodes and decodes to itself - as an NLRI field and inside
 * MP_REACH_NLRI / MP_UNREACH_NLRI of a whole UPDATE - and a multicast prefix stays a multicast route, never equal
 * to the unicast route of the same prefix; no sequence of bytes makes the NLRI reader throw, and an UPDATE whose
 * multicast block is random either decodes or fails with the codec's typed error (a NOTIFICATION to send).
 * Seeded: a failure prints the seed to replay ({@code -Dtwinbgp.prefixes.seed=N}).
 */
class PrefixFamiliesPropertyTest {
    private static final long SEED = Long.getLong("twinbgp.prefixes.seed", System.nanoTime());
    private static final Family[] FAMILIES = {Family.IPV4_UNICAST, Family.IPV6_UNICAST, Family.IPV4_MULTICAST, Family.IPV6_MULTICAST};

    static Prefix randomPrefix(Random r, Family family) {
        byte[] a = new byte[family.afi() == Family.AFI_IPV6 ? 16 : 4];
        r.nextBytes(a);
        Prefix p = Prefix.of(a, r.nextInt(a.length * 8 + 1));
        return family.safi() == Family.SAFI_MULTICAST ? p.multicast() : p;
    }

    private static Negotiated addPath(Family family, boolean ids) {
        return new Negotiated(true, ids ? Set.of(family) : Set.of(), ids ? Set.of(family) : Set.of(), false);
    }

    @Test
    void prefixesRoundTripAsAFieldAndInAnUpdate() {
        Random r = new Random(SEED);
        for (int i = 0; i < 5_000; i++) {
            Family family = FAMILIES[r.nextInt(FAMILIES.length)];
            boolean ids = r.nextBoolean();
            List<Prefix> prefixes = new ArrayList<>();
            Nlri.Builder b = Nlri.builder(family, ids);
            for (int k = 1 + r.nextInt(8); k > 0; k--) {
                Prefix p = randomPrefix(r, family);
                if (ids) {
                    p = p.withPathId(r.nextLong() & 0xFFFFFFFFL);
                }
                prefixes.add(p);
                b.add(p);
            }
            Nlri built = b.build();
            byte[] field = built.toByteArray();
            Nlri back = Nlri.wrap(family, ids, field, 0, field.length);
            assertNotNull(back, "seed " + SEED);
            assertEquals(prefixes, back.prefixes(), "seed " + SEED);
            for (Prefix p : back.prefixes()) {
                assertEquals(family, p.family(), "seed " + SEED);
                assertEquals(family.safi() == Family.SAFI_MULTICAST, p.isMulticast(), "seed " + SEED);
            }
            if (family.safi() == Family.SAFI_MULTICAST) {
                Prefix p = prefixes.getFirst();
                Prefix unicast = Prefix.of(p.address(), p.length());
                assertTrue(!unicast.equals(p.withoutPathId()), "seed " + SEED + ": multicast " + p + " equals its unicast route");
            }
            // The same routes in MP_REACH_NLRI (a next hop of the AFI's length) and MP_UNREACH_NLRI of one UPDATE.
            Negotiated neg = addPath(family, ids);
            byte[] nextHop = new byte[family.afi() == Family.AFI_IPV6 ? 16 : 4];
            r.nextBytes(nextHop);
            Nlri empty = Nlri.empty(Family.IPV4_UNICAST, false);
            Update u = new Update(empty, Attributes.of(new Attribute.Origin(Attribute.Origin.IGP), Attribute.AsPath.sequence(65001L)),
                    new Attribute.MpReach(family, nextHop, built), new Attribute.MpUnreach(family, built), empty);
            Decoded d = MessageDecoder.decode(MessageEncoder.encode(u, neg), neg);
            assertTrue(d instanceof Decoded.Ok, () -> "seed " + SEED + ": " + d);
            Update got = (Update) d.message();
            assertEquals(prefixes, got.mpReach().orElseThrow().nlri().prefixes(), "seed " + SEED);
            assertEquals(prefixes, got.mpUnreach().orElseThrow().nlri().prefixes(), "seed " + SEED);
            assertEquals(u, got, "seed " + SEED);
        }
    }

    @Test
    void randomBytesNeverThrow() {
        Random r = new Random(SEED + 1);
        int decoded = 0;
        int rejected = 0;
        for (int i = 0; i < 50_000; i++) {
            Family family = FAMILIES[r.nextInt(FAMILIES.length)];
            boolean ids = r.nextInt(5) == 0;
            byte[] field;
            if (r.nextBoolean()) {
                field = new byte[r.nextInt(40)];
                r.nextBytes(field);
            } else { // a valid field with some octets changed or cut: closer to what breaks parsers
                Nlri.Builder b = Nlri.builder(family, ids);
                for (int k = 1 + r.nextInt(4); k > 0; k--) {
                    Prefix p = randomPrefix(r, family);
                    b.add(ids ? p.withPathId(r.nextLong() & 0xFFFFFFFFL) : p);
                }
                field = b.build().toByteArray();
                for (int k = r.nextInt(3); k >= 0 && field.length > 0; k--) {
                    field[r.nextInt(field.length)] = (byte) r.nextInt(256);
                }
                if (r.nextInt(4) == 0) {
                    field = Arrays.copyOf(field, r.nextInt(field.length + 1));
                }
            }
            Nlri nlri = Nlri.wrap(family, ids, field, 0, field.length);
            if (nlri != null) {
                assertNull(nlri.malformed(), "seed " + SEED); // a prefix field is either wrapped whole or refused
                for (Prefix p : nlri.prefixes()) {
                    assertEquals(family, p.family(), "seed " + SEED);
                    p.toString();
                }
                nlri.toString();
            }
            // The same octets as the NLRI of an MP_REACH_NLRI of that family, in a whole UPDATE.
            byte[] update = mpReachUpdate(family, field);
            Decoded d = MessageDecoder.decode(update, addPath(family, ids));
            switch (d) {
                case Decoded.Ok ok -> {
                    decoded++;
                    ok.message().toString();
                }
                case Decoded.Failed f -> {
                    rejected++;
                    assertNotNull(f.error().toNotification(), "seed " + SEED);
                }
            }
        }
        assertTrue(decoded > 0 && rejected > 0, "seed " + SEED + ": " + decoded + " decoded, " + rejected + " rejected");
    }

    /**
     * An UPDATE (header included) with ORIGIN, AS_PATH and an MP_REACH_NLRI of {@code family} whose NLRI field is
     * {@code field}, written by hand so that any octets fit.
     */
    private static byte[] mpReachUpdate(Family family, byte[] field) {
        int nh = family.afi() == Family.AFI_IPV6 ? 16 : 4;
        int mpLength = 2 + 1 + 1 + nh + 1 + field.length;
        byte[] attrs = new byte[4 + 9 + 4 + mpLength];
        int p = 0;
        attrs[p++] = 0x40; attrs[p++] = 1; attrs[p++] = 1; attrs[p++] = 0; // ORIGIN igp
        attrs[p++] = 0x40; attrs[p++] = 2; attrs[p++] = 6; attrs[p++] = 2; attrs[p++] = 1; // AS_PATH: one AS
        attrs[p++] = 0; attrs[p++] = 0; attrs[p++] = (byte) 0xFD; attrs[p++] = (byte) 0xE9;
        attrs[p++] = (byte) 0x90; attrs[p++] = 14; attrs[p++] = (byte) (mpLength >> 8); attrs[p++] = (byte) mpLength;
        attrs[p++] = 0; attrs[p++] = (byte) family.afi(); attrs[p++] = (byte) family.safi();
        attrs[p++] = (byte) nh;
        attrs[p] = 10;
        p += nh;
        attrs[p++] = 0; // reserved
        System.arraycopy(field, 0, attrs, p, field.length);
        int length = 19 + 2 + 2 + attrs.length;
        byte[] m = new byte[length];
        Arrays.fill(m, 0, 16, (byte) 0xFF);
        m[16] = (byte) (length >> 8);
        m[17] = (byte) length;
        m[18] = 2;
        m[21] = (byte) (attrs.length >> 8);
        m[22] = (byte) attrs.length;
        System.arraycopy(attrs, 0, m, 23, attrs.length);
        return m;
    }
}
