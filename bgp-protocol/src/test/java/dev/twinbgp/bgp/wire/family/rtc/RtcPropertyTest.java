package dev.twinbgp.bgp.wire.family.rtc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.bgp.wire.family.Families;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.family.FamilyCodec;
import dev.twinbgp.bgp.wire.family.Nlri;
import dev.twinbgp.bgp.wire.family.NlriRoute;
import dev.twinbgp.bgp.wire.family.RouteKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Properties of the Route Target Constraint codec (RFC 4684 section 4): any membership - the default (0 bits), a
 * full one built as the configuration builds it ({@link RtcRoute#of}: origin AS and a route target of any type), or
 * a route-target prefix of 32 to 96 bits - is well formed, is delimited back whole (alone and packed with others in
 * one NLRI field, with and without ADD-PATH path ids), keeps its octets as its key and is shown without error; a
 * length outside 0 and 32-96 is malformed (treat-as-withdraw); and no sequence of bytes makes the codec throw.
 * Seeded: a failure prints the seed to replay ({@code -Dtwinbgp.rtc.seed=N}).
 */
class RtcPropertyTest {
    private static final long SEED = Long.getLong("twinbgp.rtc.seed", System.nanoTime());
    private static final FamilyCodec CODEC = Families.codec(Family.IPV4_RTC);
    private static final FamilyCodec.Fields SINK = new FamilyCodec.Fields() {
        @Override
        public void list(String name, List<String> values) {
            assertNotNull(values);
        }

        @Override
        public void string(String name, String value) {
            assertNotNull(value);
        }
    };

    /** A random membership: the default, a full one with a route target of type 0, 1, 2 or another, or a prefix. */
    static byte[] randomMembership(Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> RtcRoute.defaultRoute().nlri();
            case 1, 2 -> {
                byte[] rt = new byte[8];
                r.nextBytes(rt);
                rt[0] = (byte) (r.nextInt(5) == 0 ? r.nextInt(256) : r.nextInt(3)); // 0x00, 0x01, 0x02 or any type
                rt[1] = (byte) (r.nextInt(5) == 0 ? r.nextInt(256) : 0x02); // route target subtype, or any
                yield RtcRoute.of(r.nextLong() & 0xFFFFFFFFL, rt).nlri();
            }
            default -> { // a prefix of the route target space: 32 to 96 bits, the octets it needs
                int bits = 32 + r.nextInt(65);
                byte[] b = new byte[1 + ((bits + 7) >>> 3)];
                r.nextBytes(b);
                b[0] = (byte) bits;
                yield b;
            }
        };
    }

    private static void show(byte[] nlri) {
        CODEC.describe(Family.IPV4_RTC, nlri, SINK);
        CODEC.describeWithdrawn(Family.IPV4_RTC, nlri, SINK);
        assertNotNull(CODEC.text(Family.IPV4_RTC, nlri));
        CODEC.key(Family.IPV4_RTC, nlri);
        CODEC.recognised(Family.IPV4_RTC, nlri);
    }

    @Test
    void membershipsRoundTripAloneAndPacked() {
        Random r = new Random(SEED);
        for (int i = 0; i < 5_000; i++) {
            boolean ids = r.nextBoolean();
            List<RouteKey> routes = new ArrayList<>();
            Nlri.Builder b = Nlri.builder(Family.IPV4_RTC, ids);
            for (int k = 1 + r.nextInt(6); k > 0; k--) {
                byte[] nlri = randomMembership(r);
                assertNull(CODEC.malformed(Family.IPV4_RTC, nlri, 0, nlri.length), "seed " + SEED);
                assertEquals(nlri.length, CODEC.routeLength(Family.IPV4_RTC, nlri, 0, nlri.length), "seed " + SEED);
                show(nlri);
                NlriRoute route = NlriRoute.of(Family.IPV4_RTC, nlri);
                RouteKey key = ids ? route.withPathId(r.nextLong() & 0xFFFFFFFFL) : route;
                routes.add(key);
                b.add(key);
            }
            byte[] field = b.build().toByteArray();
            Nlri back = Nlri.wrap(Family.IPV4_RTC, ids, field, 0, field.length);
            assertNotNull(back, "seed " + SEED);
            assertNull(back.malformed(), "seed " + SEED);
            List<RouteKey> decoded = back.routes();
            assertEquals(routes, decoded, "seed " + SEED);
            for (int k = 0; k < routes.size(); k++) {
                assertArrayEquals(((NlriRoute) routes.get(k)).nlri(), ((NlriRoute) decoded.get(k)).nlri(), "seed " + SEED);
            }
        }
    }

    @Test
    void lengthsOutsideTheRfcAreMalformed() {
        Random r = new Random(SEED + 1);
        for (int bits = 1; bits < 256; bits++) {
            if (bits >= RtcCodec.MIN_BITS && bits <= RtcCodec.MAX_BITS) {
                continue;
            }
            byte[] b = new byte[1 + ((bits + 7) >>> 3)];
            r.nextBytes(b);
            b[0] = (byte) bits;
            assertNotNull(CODEC.malformed(Family.IPV4_RTC, b, 0, b.length), "seed " + SEED + ": " + bits + " bits");
            show(b);
            Nlri nlri = Nlri.wrap(Family.IPV4_RTC, false, b, 0, b.length);
            assertNotNull(nlri, "a membership of " + bits + " bits is delimited");
            assertNotNull(nlri.malformed(), "and treated as withdraw: " + bits + " bits");
        }
    }

    @Test
    void randomBytesNeverThrow() {
        Random r = new Random(SEED + 2);
        for (int i = 0; i < 50_000; i++) {
            byte[] field;
            if (r.nextBoolean()) {
                field = new byte[r.nextInt(40)];
                r.nextBytes(field);
            } else { // valid memberships with some octets changed or cut
                byte[] a = randomMembership(r);
                byte[] b2 = randomMembership(r);
                field = Arrays.copyOf(a, a.length + b2.length);
                System.arraycopy(b2, 0, field, a.length, b2.length);
                for (int k = r.nextInt(3); k >= 0; k--) {
                    field[r.nextInt(field.length)] = (byte) r.nextInt(256);
                }
                if (r.nextInt(4) == 0) {
                    field = Arrays.copyOf(field, r.nextInt(field.length + 1));
                }
            }
            final byte[] f = field;
            Nlri nlri = Nlri.wrap(Family.IPV4_RTC, r.nextInt(5) == 0, f, 0, f.length);
            if (nlri != null) {
                nlri.forEachRoute(route -> {
                    route.toString();
                    show(((NlriRoute) route).nlri());
                });
                nlri.toString();
            }
            if (f.length > 0) {
                show(f);
                for (int p = 0; p < f.length; p++) {
                    int len = CODEC.routeLength(Family.IPV4_RTC, f, p, f.length);
                    assertTrue(len == -1 || len >= 1 && p + len <= f.length, "seed " + SEED);
                }
            }
        }
    }
}
