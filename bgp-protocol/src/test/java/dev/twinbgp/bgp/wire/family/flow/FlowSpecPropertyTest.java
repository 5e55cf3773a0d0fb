package dev.twinbgp.bgp.wire.family.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.twinbgp.bgp.wire.family.Families;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.family.FamilyCodec;
import dev.twinbgp.bgp.wire.family.Nlri;
import dev.twinbgp.bgp.wire.family.RouteDistinguisher;
import dev.twinbgp.bgp.wire.family.RouteKey;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Properties of the FlowSpec codec: any valid rule (every component type, numeric and bitmask operators with
 * AND/OR, every value length, IPv6 offsets, flow-vpn RDs, rules long enough for the 2-octet length) encodes and
 * decodes to itself, alone and packed with others in one NLRI field; and no sequence of bytes makes the decoder
 * throw. Seeded: a failure prints the seed to replay.
 */
class FlowSpecPropertyTest {
    private static final long SEED = Long.getLong("twinbgp.flowspec.seed", System.nanoTime());
    private static final Family[] FAMILIES = {Family.IPV4_FLOW, Family.IPV6_FLOW, Family.IPV4_FLOW_VPN, Family.IPV6_FLOW_VPN};

    static FlowRule randomRule(Random r) {
        Family family = FAMILIES[r.nextInt(FAMILIES.length)];
        boolean v6 = family.afi() == Family.AFI_IPV6;
        List<FlowComponent> components = new ArrayList<>();
        for (int type = 1; type <= FlowComponent.maxType(v6); type++) {
            if (r.nextInt(3) != 0) {
                continue;
            }
            if (type <= FlowComponent.SOURCE) {
                byte[] a = new byte[v6 ? 16 : 4];
                r.nextBytes(a);
                int length = r.nextInt(a.length * 8 + 1);
                int offset = v6 ? r.nextInt(length + 1) : 0;
                components.add(new FlowPrefix(type, a, length, offset));
            } else {
                List<FlowOp> ops = new ArrayList<>();
                int n = 1 + r.nextInt(r.nextInt(10) == 0 ? 60 : 4); // sometimes long: 2-octet NLRI length
                for (int i = 0; i < n; i++) {
                    int flags = (i > 0 && r.nextBoolean() ? FlowOp.AND : 0) | r.nextInt(FlowComponent.isBitmask(type) ? 4 : 8);
                    int len = 1 << r.nextInt(4);
                    long value = len == 8 ? r.nextLong() : r.nextLong() & ((1L << (8 * len)) - 1);
                    ops.add(new FlowOp(flags, len, value));
                }
                components.add(new FlowMatch(type, ops));
            }
        }
        RouteDistinguisher rd = null;
        if (family.safi() == Family.SAFI_FLOW_VPN) {
            rd = RouteDistinguisher.parse(r.nextInt(65536) + ":" + (r.nextLong() & 0xFFFFFFFFL));
        }
        return new FlowRule(family, rd, components);
    }

    @Test
    void validRulesRoundTrip() {
        Random r = new Random(SEED);
        for (int i = 0; i < 20_000; i++) {
            FlowRule rule = randomRule(r);
            byte[] wire;
            try {
                wire = rule.encode();
            } catch (IllegalArgumentException tooLong) {
                continue; // over 4095 octets: the encoder refuses, as it must
            }
            FlowRule back = FlowRule.decode(rule.family(), wire);
            int n = i;
            assertEquals(rule, back, () -> "seed " + SEED + " case " + n + ": " + rule);
            assertEquals(rule.toString(), back.toString());
        }
    }

    @Test
    void aFieldOfRulesSplitsIntoTheSameRules() {
        Random r = new Random(SEED + 1);
        for (int i = 0; i < 2_000; i++) {
            Family family = FAMILIES[r.nextInt(FAMILIES.length)];
            List<FlowRule> rules = new ArrayList<>();
            ByteArrayOutputStream field = new ByteArrayOutputStream();
            while (rules.size() < 1 + r.nextInt(5)) {
                FlowRule rule = randomRule(r);
                if (!rule.family().equals(family) || rule.encode().length > 600) {
                    continue;
                }
                rules.add(rule);
                field.writeBytes(rule.encode());
            }
            byte[] b = field.toByteArray();
            Nlri nlri = Nlri.wrap(family, false, b, 0, b.length);
            assertNotNull(nlri, "seed " + SEED);
            assertNull(nlri.malformed());
            assertEquals(rules.size(), nlri.size());
            List<RouteKey> keys = nlri.routes();
            for (int k = 0; k < rules.size(); k++) {
                assertEquals(rules.get(k).route(), keys.get(k));
            }
        }
    }

    @Test
    void randomBytesNeverThrow() {
        Random r = new Random(SEED + 2);
        FamilyCodec codec = Families.codec(Family.IPV4_FLOW);
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
            byte[] b = new byte[r.nextInt(40)];
            r.nextBytes(b);
            if (b.length > 0 && r.nextBoolean()) {
                b[0] = (byte) (b.length - 1); // a plausible length: reach the component decoder
            }
            Nlri nlri = Nlri.wrap(family, r.nextInt(8) == 0, b, 0, b.length);
            if (nlri != null) {
                nlri.forEachRoute(route -> {
                    route.toString();
                    codec.describe(family, ((dev.twinbgp.bgp.wire.family.NlriRoute) route).nlri(), sink);
                });
                nlri.toString();
            }
            try {
                FlowRule.decode(family, b);
            } catch (IllegalArgumentException expected) {
                // malformed: the reason, never another exception
            }
        }
    }
}
