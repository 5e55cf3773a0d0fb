package dev.twinbgp.bgp.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.bgp.wire.capability.Negotiated;
import dev.twinbgp.bgp.wire.family.Families;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.family.Nlri;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The codec fuzz test ({@link MalformedInputPropertyTest}) mutates {@link Samples}: this keeps the samples covering
 * every family twinbgp knows - each family with a codec in {@link Families}, and the prefix families (unicast,
 * multicast) - announced in MP_REACH_NLRI and withdrawn in MP_UNREACH_NLRI, in every context the fuzzer uses; and
 * keeps each such sample valid (decoded back to itself, no malformed route), so the fuzzer's mutations start from
 * a message the codec accepts. A family registered without a sample fails here, naming it.
 */
class FamilyCoverageTest {
    private static List<Family> everyFamily() {
        List<Family> all = new ArrayList<>(List.of(Family.IPV6_UNICAST, Family.IPV4_MULTICAST, Family.IPV6_MULTICAST));
        all.addAll(Families.registered());
        return all;
    }

    @Test
    void theFuzzSamplesAnnounceAndWithdrawEveryFamily() {
        for (Negotiated neg : Samples.CONTEXTS) {
            Set<Family> announced = new HashSet<>();
            Set<Family> withdrawn = new HashSet<>();
            for (BgpMessage m : Samples.messages(neg)) {
                if (m instanceof Update u) {
                    u.mpReach().filter(r -> !r.nlri().isEmpty()).ifPresent(r -> announced.add(r.family()));
                    u.mpUnreach().filter(r -> !r.nlri().isEmpty()).ifPresent(r -> withdrawn.add(r.family()));
                }
            }
            for (Family f : everyFamily()) {
                assertTrue(announced.contains(f), "no sample announces " + f + " (add one to Samples.otherFamilyRoutes)");
                assertTrue(withdrawn.contains(f), "no sample withdraws " + f);
            }
        }
    }

    @Test
    void everyFamilySampleIsValidAndRoundTrips() {
        for (Negotiated neg : Samples.CONTEXTS) {
            for (BgpMessage m : Samples.messages(neg)) {
                if (!(m instanceof Update u)) {
                    continue;
                }
                byte[] wire = MessageEncoder.encode(u, neg);
                Decoded d = MessageDecoder.decode(wire, neg);
                assertTrue(d instanceof Decoded.Ok, () -> "sample " + u + " does not decode: " + d);
                Update back = (Update) d.message();
                assertEquals(u.withoutErrors(), back.withoutErrors(), "sample " + u);
                for (Nlri n : List.of(back.mpReach().map(r -> r.nlri()).orElse(Nlri.emptyIpv4(false)),
                        back.mpUnreach().map(r -> r.nlri()).orElse(Nlri.emptyIpv4(false)))) {
                    assertNull(n.malformed(), () -> "sample of " + n.family() + " is malformed: " + n);
                    assertTrue(!n.isOpaque(), () -> "sample of " + n.family() + " is not decoded by a codec: " + n);
                }
            }
        }
    }
}
