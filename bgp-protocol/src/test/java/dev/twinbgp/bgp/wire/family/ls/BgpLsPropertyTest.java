package dev.twinbgp.bgp.wire.family.ls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.twinbgp.bgp.wire.family.Families;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.family.FamilyCodec;
import dev.twinbgp.bgp.wire.family.Nlri;
import dev.twinbgp.bgp.wire.family.NlriRoute;
import dev.twinbgp.bgp.wire.family.RouteKey;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Properties of the BGP-LS codec (twinbgp receives BGP-LS, it never originates it, so the round trip is the
 * wire's): any well-formed NLRI of any type (random descriptor TLVs of every known code and unknown ones, with
 * and without RD) is one route, well formed, and a field of them splits into the same octets; no sequence of
 * bytes makes the NLRI or attribute decoders throw. Seeded: a failure prints the seed to replay.
 */
class BgpLsPropertyTest {
    private static final long SEED = Long.getLong("twinbgp.bgpls.seed", System.nanoTime());
    private static final Family[] FAMILIES = {Family.BGP_LS, Family.BGP_LS_VPN};
    private static final int[] NLRI_TLVS = {257, 258, 259, 260, 261, 262, 263, 264, 265, 518, 1000};
    private static final int[] DESCRIPTORS = {512, 513, 514, 515, 516, 517, 520};
    private static final int[] ATTRIBUTE_TLVS = {258, 1024, 1025, 1026, 1027, 1028, 1029, 1030, 1031, 1034, 1035, 1036,
        1088, 1089, 1090, 1091, 1092, 1095, 1096, 1097, 1098, 1099, 1100, 1106, 1107, 1108, 1114, 1115, 1116, 1117, 1118,
        1119, 1120, 1152, 1153, 1154, 1155, 1156, 1157, 1158, 1170, 1171, 1252, 9999};

    private static final FamilyCodec.Fields SINK = new FamilyCodec.Fields() {
        @Override
        public void list(String name, List<String> values) {
        }

        @Override
        public void string(String name, String value) {
        }

        @Override
        public void value(String name, Object value) {
            String.valueOf(value);
        }
    };

    private static void tlv(ByteArrayOutputStream out, int type, byte[] value) {
        out.write(type >>> 8);
        out.write(type);
        out.write(value.length >>> 8);
        out.write(value.length);
        out.writeBytes(value);
    }

    private static byte[] random(Random r, int max) {
        byte[] b = new byte[r.nextInt(max + 1)];
        r.nextBytes(b);
        return b;
    }

    /** Node descriptor sub-TLVs, each with a value of a plausible (or random) length. */
    private static byte[] descriptors(Random r) {
        ByteArrayOutputStream d = new ByteArrayOutputStream();
        for (int type : DESCRIPTORS) {
            if (r.nextInt(3) != 0) {
                int len = type == 515 ? new int[] {4, 6, 7, 8}[r.nextInt(4)] : r.nextInt(8) == 0 ? r.nextInt(20) : 4;
                byte[] v = new byte[len];
                r.nextBytes(v);
                tlv(d, type, v);
            }
        }
        return d.toByteArray();
    }

    static byte[] randomNlri(Random r, Family family) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (family.safi() == Family.SAFI_BGP_LS_VPN) {
            body.writeBytes(random(r, 0));
            body.writeBytes(new byte[] {0, 0, 0, 1, 0, 0, 0, (byte) r.nextInt(256)});
        }
        int type = new int[] {1, 2, 3, 4, 6, 5, 99}[r.nextInt(7)];
        body.write(r.nextInt(8));
        byte[] id = new byte[8];
        r.nextBytes(id);
        body.writeBytes(id);
        tlv(body, 256, descriptors(r));
        for (int t : NLRI_TLVS) {
            if (r.nextInt(4) == 0) {
                tlv(body, t, t == 257 ? descriptors(r) : random(r, t == 265 ? 17 : 20));
            }
        }
        byte[] b = body.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        tlv(out, type, b);
        return out.toByteArray();
    }

    @Test
    void wellFormedNlrisAreOneRouteEach() {
        Random r = new Random(SEED);
        for (int i = 0; i < 20_000; i++) {
            Family family = FAMILIES[r.nextInt(FAMILIES.length)];
            FamilyCodec codec = Families.codec(family);
            byte[] b = randomNlri(r, family);
            int n = i;
            assertEquals(b.length, codec.routeLength(family, b, 0, b.length), () -> "seed " + SEED + " case " + n);
            assertNull(codec.malformed(family, b, 0, b.length), () -> "seed " + SEED + " case " + n);
            codec.describe(family, b, r.nextBoolean() ? "10.0.0.1" : null, SINK);
            codec.text(family, b);
        }
    }

    @Test
    void aFieldOfNlrisSplitsIntoTheSameRoutesAndReencodesToItsOctets() {
        Random r = new Random(SEED + 1);
        for (int i = 0; i < 2_000; i++) {
            Family family = FAMILIES[r.nextInt(FAMILIES.length)];
            List<byte[]> routes = new ArrayList<>();
            ByteArrayOutputStream field = new ByteArrayOutputStream();
            boolean pathIds = r.nextInt(4) == 0;
            for (int k = 0; k < 1 + r.nextInt(5); k++) {
                byte[] one = randomNlri(r, family);
                routes.add(one);
                if (pathIds) {
                    field.writeBytes(new byte[] {0, 0, 0, (byte) (k + 1)});
                }
                field.writeBytes(one);
            }
            byte[] b = field.toByteArray();
            Nlri nlri = Nlri.wrap(family, pathIds, b, 0, b.length);
            assertNotNull(nlri, "seed " + SEED);
            assertNull(nlri.malformed(), "seed " + SEED);
            List<RouteKey> keys = nlri.routes();
            assertEquals(routes.size(), keys.size());
            byte[] again = new byte[b.length];
            int p = 0;
            for (int k = 0; k < keys.size(); k++) {
                assertEquals(NlriRoute.of(family, routes.get(k)), keys.get(k).withoutPathId());
                p = keys.get(k).writeTo(again, p, pathIds);
            }
            assertEquals(java.util.HexFormat.of().formatHex(b), java.util.HexFormat.of().formatHex(again));
        }
    }

    @Test
    void randomBytesNeverThrow() {
        Random r = new Random(SEED + 2);
        for (int i = 0; i < 100_000; i++) {
            Family family = FAMILIES[r.nextInt(FAMILIES.length)];
            FamilyCodec codec = Families.codec(family);
            byte[] b;
            if (r.nextBoolean()) {
                b = random(r, 60);
            } else { // a well-formed NLRI with a few octets changed or cut: reaches the TLV readers
                b = randomNlri(r, family);
                for (int k = 0; k < 1 + r.nextInt(3); k++) {
                    b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                }
                if (r.nextInt(4) == 0) {
                    b = java.util.Arrays.copyOf(b, r.nextInt(b.length + 1));
                }
            }
            Nlri nlri = Nlri.wrap(family, r.nextInt(8) == 0, b, 0, b.length);
            if (nlri != null) {
                nlri.malformed();
                nlri.forEachRoute(route -> {
                    route.toString();
                    codec.describe(family, ((NlriRoute) route).nlri(), "10.0.0.1", SINK);
                });
            }
            codec.malformed(family, b, 0, b.length);
            codec.describe(family, b, null, SINK);
            codec.text(family, b);
            LsAttribute.describe(b).toString();
        }
    }

    @Test
    void attributesOfRandomTlvsNeverThrow() {
        Random r = new Random(SEED + 3);
        for (int i = 0; i < 50_000; i++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int k = 0; k < 1 + r.nextInt(6); k++) {
                int type = ATTRIBUTE_TLVS[r.nextInt(ATTRIBUTE_TLVS.length)];
                tlv(out, type, random(r, r.nextInt(4) == 0 ? 60 : 10));
            }
            byte[] b = out.toByteArray();
            if (r.nextInt(5) == 0) {
                b = java.util.Arrays.copyOf(b, r.nextInt(b.length + 1));
            }
            LsAttribute.describe(b).toString();
        }
    }
}
