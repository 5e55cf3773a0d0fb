package dev.twinbgp.bgp.wire.family.srpolicy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.twinbgp.bgp.wire.family.Families;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.family.FamilyCodec;
import dev.twinbgp.bgp.wire.family.Nlri;
import dev.twinbgp.bgp.wire.family.RouteKey;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Properties of SR Policy: any policy NLRI encodes and decodes to itself, alone and in a field of several; any
 * tunnel encapsulation built from random sub-TLVs (every segment type) is read back with the values it was built
 * from; and no sequence of bytes makes the NLRI codec or the attribute reader throw. Seeded: a failure prints the
 * seed to replay.
 */
class SrPolicyPropertyTest {
    private static final long SEED = Long.getLong("twinbgp.srpolicy.seed", System.nanoTime());
    private static final Family[] FAMILIES = {Family.IPV4_SR_POLICY, Family.IPV6_SR_POLICY};

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

    private static byte[] bytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    static SrPolicy randomPolicy(Random r) {
        Family f = FAMILIES[r.nextInt(2)];
        return new SrPolicy(f, r.nextLong() & 0xFFFFFFFFL, r.nextLong() & 0xFFFFFFFFL,
                bytes(r, f.afi() == Family.AFI_IPV4 ? 4 : 16));
    }

    @Test
    void policiesRoundTrip() {
        Random r = new Random(SEED);
        for (int i = 0; i < 20_000; i++) {
            SrPolicy p = randomPolicy(r);
            byte[] b = p.encode();
            FamilyCodec codec = Families.codec(p.family());
            int n = i;
            assertEquals(b.length, codec.routeLength(p.family(), b, 0, b.length), () -> "seed " + SEED + " case " + n);
            assertNull(codec.malformed(p.family(), b, 0, b.length));
            assertEquals(p, SrPolicy.decode(p.family(), b, 0, b.length), () -> "seed " + SEED + " case " + n);
            assertEquals(p.toString(), codec.text(p.family(), b));
        }
    }

    @Test
    void aFieldOfPoliciesSplitsIntoTheSamePolicies() {
        Random r = new Random(SEED + 1);
        for (int i = 0; i < 2_000; i++) {
            Family family = FAMILIES[r.nextInt(2)];
            List<SrPolicy> policies = new ArrayList<>();
            ByteArrayOutputStream field = new ByteArrayOutputStream();
            while (policies.size() < 1 + r.nextInt(6)) {
                SrPolicy p = randomPolicy(r);
                if (p.family().equals(family)) {
                    policies.add(p);
                    field.writeBytes(p.encode());
                }
            }
            byte[] b = field.toByteArray();
            Nlri nlri = Nlri.wrap(family, false, b, 0, b.length);
            assertNotNull(nlri, "seed " + SEED);
            assertNull(nlri.malformed());
            List<RouteKey> keys = nlri.routes();
            assertEquals(policies.size(), keys.size());
            for (int k = 0; k < keys.size(); k++) {
                assertEquals(policies.get(k).route(), keys.get(k));
            }
        }
    }

    private static Segment.Behavior behavior(Random r) {
        return r.nextBoolean() ? null : new Segment.Behavior(r.nextInt(65536), r.nextInt(256), r.nextInt(256),
                r.nextInt(256), r.nextInt(256));
    }

    private static Long sid(Random r) {
        return r.nextBoolean() ? null : (long) r.nextInt(1 << 20);
    }

    private static Segment randomSegment(Random r, List<String> types) {
        int t = r.nextInt(11);
        types.add(String.valueOf("ABCDEFGHIJK".charAt(t)));
        return switch (t) {
            case 0 -> Segment.typeA(r.nextInt(1 << 20));
            case 1 -> Segment.typeB(bytes(r, 16), behavior(r));
            case 2 -> Segment.typeC(bytes(r, 4), r.nextInt(256), sid(r));
            case 3 -> Segment.typeD(bytes(r, 16), r.nextInt(256), sid(r));
            case 4 -> Segment.typeE(r.nextLong() & 0xFFFFFFFFL, bytes(r, 4), sid(r));
            case 5 -> Segment.typeF(bytes(r, 4), bytes(r, 4), sid(r));
            case 6 -> Segment.typeG(r.nextLong() & 0xFFFFFFFFL, bytes(r, 16), r.nextLong() & 0xFFFFFFFFL, bytes(r, 16), sid(r));
            case 7 -> Segment.typeH(bytes(r, 16), bytes(r, 16), sid(r));
            case 8 -> Segment.typeI(bytes(r, 16), r.nextInt(256), r.nextBoolean() ? bytes(r, 16) : null, behavior(r));
            case 9 -> Segment.typeJ(1, bytes(r, 16), 2, bytes(r, 16), r.nextInt(256), r.nextBoolean() ? bytes(r, 16) : null,
                    behavior(r));
            default -> Segment.typeK(bytes(r, 16), bytes(r, 16), r.nextInt(256), r.nextBoolean() ? bytes(r, 16) : null,
                    behavior(r));
        };
    }

    @Test
    @SuppressWarnings("unchecked")
    void tunnelsAreReadBackAsBuilt() {
        Random r = new Random(SEED + 2);
        for (int i = 0; i < 5_000; i++) {
            SrPolicyTunnel tunnel = new SrPolicyTunnel();
            long preference = r.nextLong() & 0xFFFFFFFFL;
            tunnel.preference(preference);
            Long bsid = r.nextBoolean() ? (long) r.nextInt(1 << 20) : null;
            tunnel.bindingSid(bsid);
            int priority = r.nextInt(256);
            tunnel.priority(priority);
            tunnel.policyName("p" + i);
            List<List<String>> types = new ArrayList<>();
            List<Long> weights = new ArrayList<>();
            for (int k = 0; k < 1 + r.nextInt(3); k++) {
                List<String> t = new ArrayList<>();
                List<Segment> segments = new ArrayList<>();
                for (int s = 0; s < 1 + r.nextInt(4); s++) {
                    segments.add(randomSegment(r, t));
                }
                long weight = r.nextLong() & 0xFFFFFFFFL;
                tunnel.segmentList(weight, segments);
                types.add(t);
                weights.add(weight);
            }
            Map<String, Object> sr = (Map<String, Object>) TunnelEncap.describe(tunnel.encode()).get("sr-policy");
            int n = i;
            assertNotNull(sr, () -> "seed " + SEED + " case " + n);
            assertEquals(preference, sr.get("preference"));
            assertEquals(bsid == null ? null : Map.of("type", "mpls", "label", bsid), sr.get("binding-sid"));
            assertEquals(priority, sr.get("priority"));
            assertEquals("p" + i, sr.get("policy-name"));
            List<Object> lists = (List<Object>) sr.get("segment-lists");
            assertEquals(types.size(), lists.size(), () -> "seed " + SEED + " case " + n + ": " + sr);
            for (int k = 0; k < lists.size(); k++) {
                Map<String, Object> list = (Map<String, Object>) lists.get(k);
                assertEquals(weights.get(k), list.get("weight"));
                List<String> got = new ArrayList<>();
                for (Object s : (List<Object>) list.get("segments")) {
                    got.add((String) ((Map<String, Object>) s).get("type"));
                }
                assertEquals(types.get(k), got, () -> "seed " + SEED + " case " + n + ": " + sr);
            }
        }
    }

    @Test
    void randomBytesNeverThrow() {
        Random r = new Random(SEED + 3);
        for (int i = 0; i < 100_000; i++) {
            Family family = FAMILIES[r.nextInt(2)];
            FamilyCodec codec = Families.codec(family);
            byte[] b = bytes(r, r.nextInt(40));
            if (b.length > 0 && r.nextBoolean()) {
                b[0] = (byte) (8 * (b.length - 1)); // a plausible length
            }
            Nlri nlri = Nlri.wrap(family, r.nextInt(8) == 0, b, 0, b.length);
            if (nlri != null) {
                nlri.malformed();
                nlri.forEachRoute(route -> route.toString());
            }
            codec.malformed(family, b, 0, b.length);
            codec.describe(family, b, SINK);
            codec.text(family, b);
            TunnelEncap.describe(b).toString();
        }
        for (int i = 0; i < 20_000; i++) { // well-formed tunnels with octets changed or cut: reach every reader
            SrPolicyTunnel t = new SrPolicyTunnel().preference(1).bindingSid(5L).srv6BindingSid(bytes(r, 16)).enlp(2)
                    .candidatePathName("c");
            List<Segment> segments = new ArrayList<>();
            for (int s = 0; s < 1 + r.nextInt(5); s++) {
                segments.add(randomSegment(r, new ArrayList<>()));
            }
            byte[] b = t.segmentList(1, segments).encode();
            for (int k = 0; k < 1 + r.nextInt(4); k++) {
                b[r.nextInt(b.length)] = (byte) r.nextInt(256);
            }
            if (r.nextInt(3) == 0) {
                b = java.util.Arrays.copyOf(b, r.nextInt(b.length + 1));
            }
            TunnelEncap.describe(b).toString();
        }
    }
}
