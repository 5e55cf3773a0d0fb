package dev.twinbgp.bgp.wire.family;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.bgp.wire.family.evpn.EvpnRoute;
import dev.twinbgp.bgp.wire.family.mup.MupRoute;
import dev.twinbgp.bgp.wire.family.mvpn.MvpnRoute;
import dev.twinbgp.bgp.wire.family.vpls.VplsRoute;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Properties of the EVPN, VPLS, MCAST-VPN and MUP codecs: any route built from random fields is well formed, is
 * delimited back whole (alone and packed with others in one NLRI field, with and without ADD-PATH path ids), keeps
 * its key, and is shown without error; and no sequence of bytes makes a codec throw (delimiting, checking,
 * keying, JSON, text). Seeded: a failure prints the seed to replay ({@code -Dtwinbgp.families.seed=N}).
 */
class TypedFamiliesPropertyTest {
    private static final long SEED = Long.getLong("twinbgp.families.seed", System.nanoTime());
    private static final Family[] FAMILIES = {Family.L2VPN_EVPN, Family.L2VPN_VPLS, Family.IPV4_MCAST_VPN,
        Family.IPV6_MCAST_VPN, Family.IPV4_MUP, Family.IPV6_MUP};

    private static byte[] bytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    private static RouteDistinguisher rd(Random r) {
        return switch (r.nextInt(3)) {
            case 0 -> RouteDistinguisher.parse(r.nextInt(65536) + ":" + (r.nextLong() & 0xFFFFFFFFL));
            case 1 -> RouteDistinguisher.parse((r.nextInt(255) + 1) + ".0.2." + r.nextInt(256) + ":" + r.nextInt(65536));
            default -> RouteDistinguisher.parse((65536 + (r.nextLong() & 0x7FFFFFFFL)) + ":" + r.nextInt(65536));
        };
    }

    private static byte[] ip(Random r, boolean v6) {
        return bytes(r, v6 ? 16 : 4);
    }

    /** A random route of {@code family} built from its fields, as the configuration builds one. */
    static FamilyRoute random(Random r, Family family) {
        boolean v6 = family.afi() == Family.AFI_IPV6 || r.nextBoolean() && family.afi() == Family.AFI_L2VPN;
        long tag = r.nextLong() & 0xFFFFFFFFL;
        int label = r.nextInt(1 << 20);
        if (family.equals(Family.L2VPN_EVPN)) {
            return switch (r.nextInt(5)) {
                case 0 -> EvpnRoute.ethernetAd(rd(r), bytes(r, 10), tag, label);
                case 1 -> r.nextBoolean()
                        ? EvpnRoute.macIp(rd(r), bytes(r, 10), tag, bytes(r, 6), r.nextBoolean() ? null : ip(r, v6), label)
                        : EvpnRoute.macIp(rd(r), bytes(r, 10), tag, bytes(r, 6), ip(r, v6), label, r.nextInt(1 << 20));
                case 2 -> EvpnRoute.multicast(rd(r), tag, ip(r, v6));
                case 3 -> EvpnRoute.segment(rd(r), bytes(r, 10), ip(r, v6));
                default -> EvpnRoute.prefix(rd(r), bytes(r, 10), tag, ip(r, v6), r.nextInt(v6 ? 129 : 33), ip(r, v6), label);
            };
        }
        if (family.equals(Family.L2VPN_VPLS)) {
            return new VplsRoute(rd(r), r.nextInt(65536), r.nextInt(65536), r.nextInt(65536), label);
        }
        if (family.safi() == Family.SAFI_MCAST_VPN) {
            return switch (r.nextInt(3)) {
                case 0 -> MvpnRoute.sourceAd(rd(r), ip(r, v6), ip(r, v6));
                default -> MvpnRoute.join(r.nextBoolean(), rd(r), r.nextLong() & 0xFFFFFFFFL, ip(r, v6), ip(r, v6));
            };
        }
        return switch (r.nextInt(4)) {
            case 0 -> MupRoute.isd(rd(r), ip(r, v6), r.nextInt(v6 ? 129 : 33));
            case 1 -> MupRoute.dsd(rd(r), ip(r, v6));
            case 2 -> MupRoute.t1st(rd(r), ip(r, v6), r.nextInt(v6 ? 129 : 33), r.nextLong() & 0xFFFFFFFFL, r.nextInt(256),
                    ip(r, r.nextBoolean()), r.nextBoolean() ? null : ip(r, r.nextBoolean()));
            default -> {
                int bits = r.nextInt(33);
                yield MupRoute.t2st(rd(r), ip(r, v6), bits == 0 ? 0 : (r.nextLong() & 0xFFFFFFFFL) >>> (32 - bits), bits);
            }
        };
    }

    /** Everything a codec does with one route, none of which may throw. */
    private static void show(FamilyCodec codec, Family family, byte[] nlri) {
        codec.malformed(family, nlri, 0, nlri.length);
        codec.key(family, nlri);
        codec.recognised(family, nlri);
        codec.text(family, nlri);
        codec.describe(family, nlri, new FamilyCodec.Fields() {
            @Override
            public void list(String name, List<String> values) {
                assertNotNull(values);
            }

            @Override
            public void string(String name, String value) {
                assertNotNull(value);
            }
        });
    }

    @Test
    void routesFromFieldsRoundTrip() {
        Random r = new Random(SEED);
        for (int i = 0; i < 5_000; i++) {
            Family family = FAMILIES[r.nextInt(FAMILIES.length)];
            List<RouteKey> routes = new ArrayList<>();
            int n = 1 + r.nextInt(4);
            for (int j = 0; j < n; j++) {
                FamilyRoute route = random(r, family);
                assertEquals(family.afi(), route.family().afi(), "seed " + SEED);
                NlriRoute key = route.route();
                byte[] nlri = key.nlri();
                FamilyCodec codec = Families.codec(route.family());
                assertNull(codec.malformed(route.family(), nlri, 0, nlri.length), () -> "seed " + SEED + ": " + route);
                assertTrue(codec.recognised(route.family(), nlri), "seed " + SEED);
                assertEquals(nlri.length, codec.routeLength(route.family(), nlri, 0, nlri.length), "seed " + SEED);
                show(codec, route.family(), nlri);
                if (route.family().equals(family)) {
                    routes.add(r.nextBoolean() ? key : key.withPathId(r.nextLong() & 0xFFFFFFFFL));
                }
            }
            if (routes.isEmpty()) {
                continue;
            }
            boolean pathIds = r.nextBoolean();
            Nlri.Builder b = Nlri.builder(family, pathIds);
            routes.forEach(b::add);
            byte[] field = b.build().toByteArray();
            Nlri back = Nlri.wrap(family, pathIds, field, 0, field.length);
            assertNotNull(back, "seed " + SEED);
            assertNull(back.malformed(), "seed " + SEED);
            List<RouteKey> decoded = back.routes();
            assertEquals(routes.size(), decoded.size(), "seed " + SEED);
            for (int j = 0; j < routes.size(); j++) {
                assertArrayEquals(((NlriRoute) routes.get(j)).nlri(), ((NlriRoute) decoded.get(j)).nlri(), "seed " + SEED);
                assertEquals(routes.get(j).withoutPathId(), decoded.get(j).withoutPathId(), "seed " + SEED);
            }
        }
    }

    @Test
    void randomBytesNeverThrow() {
        Random r = new Random(SEED);
        for (int i = 0; i < 20_000; i++) {
            Family family = FAMILIES[r.nextInt(FAMILIES.length)];
            FamilyCodec codec = Families.codec(family);
            byte[] field;
            if (r.nextBoolean()) {
                field = bytes(r, r.nextInt(80));
            } else { // a valid route with some octets changed or cut: closer to what breaks parsers
                byte[] ok = random(r, family).route().nlri();
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.writeBytes(ok);
                field = out.toByteArray();
                for (int k = r.nextInt(3); k >= 0 && field.length > 0; k--) {
                    field[r.nextInt(field.length)] = (byte) r.nextInt(256);
                }
                if (r.nextInt(4) == 0) {
                    field = java.util.Arrays.copyOf(field, r.nextInt(field.length + 1));
                }
            }
            final byte[] f = field;
            Nlri nlri = Nlri.wrap(family, r.nextInt(5) == 0, f, 0, f.length);
            if (nlri != null) {
                nlri.forEachRoute(route -> show(codec, family, ((NlriRoute) route).nlri()));
            }
            show(codec, family, f);
            for (int p = 0; p < f.length; p++) {
                codec.routeLength(family, f, p, f.length);
            }
        }
    }
}
