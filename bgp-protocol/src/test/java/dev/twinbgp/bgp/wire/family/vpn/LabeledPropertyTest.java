package dev.twinbgp.bgp.wire.family.vpn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.twinbgp.bgp.wire.family.Families;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.family.FamilyCodec;
import dev.twinbgp.bgp.wire.family.LabelStack;
import dev.twinbgp.bgp.wire.family.Nlri;
import dev.twinbgp.bgp.wire.family.NlriRoute;
import dev.twinbgp.bgp.wire.family.Prefix;
import dev.twinbgp.bgp.wire.family.RouteDistinguisher;
import dev.twinbgp.bgp.wire.family.RouteKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Properties of the labeled families: any valid route (1-3 labels, RD types 0/1/2, any prefix, with or without
 * ADD-PATH path id) encodes and decodes to itself, alone and packed with others in one NLRI field; no sequence of
 * bytes makes the codec throw. Seeded: a failure prints the seed to replay.
 */
class LabeledPropertyTest {
    private static final long SEED = Long.getLong("twinbgp.labeled.seed", System.nanoTime());
    private static final Family[] FAMILIES = LabeledCodec.FAMILIES.toArray(new Family[0]);

    static LabeledRoute randomRoute(Random r, Family family, boolean pathId) {
        boolean v6 = family.afi() == Family.AFI_IPV6;
        byte[] a = new byte[v6 ? 16 : 4];
        r.nextBytes(a);
        Prefix p = Prefix.of(a, r.nextInt(a.length * 8 + 1));
        if (pathId) {
            p = p.withPathId(r.nextLong() & 0xFFFFFFFFL);
        }
        List<Integer> labels = new ArrayList<>();
        int room = (255 - p.length() - (family.safi() == Family.SAFI_MPLS_VPN ? 64 : 0)) / 24; // the 1-octet length
        for (int i = 1 + r.nextInt(Math.min(3, room)); i > 0; i--) {
            labels.add(16 + r.nextInt(LabelStack.MAX_LABEL - 16)); // no reserved label (0 would end the stack)
        }
        RouteDistinguisher rd = null;
        if (family.safi() == Family.SAFI_MPLS_VPN) {
            rd = switch (r.nextInt(3)) {
                case 0 -> RouteDistinguisher.parse(r.nextInt(65536) + ":" + (r.nextLong() & 0xFFFFFFFFL));
                case 1 -> RouteDistinguisher.parse(r.nextInt(256) + ".0.2." + r.nextInt(256) + ":" + r.nextInt(65536));
                default -> RouteDistinguisher.parse((65536 + (r.nextLong() & 0xFFFEFFFFL)) + ":" + r.nextInt(65536));
            };
        }
        return new LabeledRoute(family, LabelStack.of(labels), rd, p);
    }

    @Test
    void routesRoundTripAloneAndPacked() {
        Random r = new Random(SEED);
        for (int i = 0; i < 5_000; i++) {
            Family family = FAMILIES[r.nextInt(FAMILIES.length)];
            boolean ids = r.nextBoolean();
            List<LabeledRoute> routes = new ArrayList<>();
            Nlri.Builder b = Nlri.builder(family, ids);
            for (int k = 1 + r.nextInt(5); k > 0; k--) {
                LabeledRoute route = randomRoute(r, family, ids);
                routes.add(route);
                b.add(route.route());
            }
            byte[] field = b.build().toByteArray();
            Nlri nlri = Nlri.wrap(family, ids, field, 0, field.length);
            assertNotNull(nlri, "seed " + SEED);
            assertNull(nlri.malformed(), "seed " + SEED);
            List<RouteKey> keys = nlri.routes();
            assertEquals(routes.size(), keys.size(), "seed " + SEED);
            for (int k = 0; k < routes.size(); k++) {
                NlriRoute got = (NlriRoute) keys.get(k);
                assertEquals(routes.get(k).route(), got, "seed " + SEED);
                LabeledCodec.Parsed parsed = LabeledCodec.parse(family, got.nlri(), 0, got.nlri().length);
                assertEquals(routes.get(k).labels(), parsed.route().labels(), "seed " + SEED);
                assertEquals(routes.get(k).rd(), parsed.route().rd(), "seed " + SEED);
                assertEquals(routes.get(k).prefix().withoutPathId(), parsed.route().prefix(), "seed " + SEED);
            }
        }
    }

    @Test
    void randomBytesNeverThrow() {
        Random r = new Random(SEED + 1);
        FamilyCodec.Fields sink = new FamilyCodec.Fields() {
            @Override
            public void list(String name, List<String> values) {
            }

            @Override
            public void string(String name, String value) {
            }
        };
        for (int i = 0; i < 100_000; i++) {
            Family family = FAMILIES[r.nextInt(FAMILIES.length)];
            FamilyCodec codec = Families.codec(family);
            byte[] b = new byte[r.nextInt(40)];
            r.nextBytes(b);
            if (b.length > 0 && r.nextBoolean()) {
                b[0] = (byte) Math.min(255, (b.length - 1) * 8 - r.nextInt(8)); // a plausible length
            }
            Nlri nlri = Nlri.wrap(family, r.nextInt(8) == 0, b, 0, b.length);
            if (nlri != null) {
                nlri.forEachRoute(route -> {
                    route.toString();
                    route.hashCode();
                    byte[] octets = ((NlriRoute) route).nlri();
                    codec.describe(family, octets, sink);
                    codec.describeWithdrawn(family, octets, sink);
                    codec.key(family, octets);
                });
                nlri.toString();
            }
        }
    }
}
