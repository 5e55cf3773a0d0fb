package dev.twinbgp.parity;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.bgp.wire.family.Families;
import dev.twinbgp.bgp.wire.family.Family;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 asks for parity scenarios per family: every family twinbgp knows - the prefix families and each family
 * with a codec in {@link Families} - is negotiated by the scripted peer's OPEN in at least one bundled scenario
 * (its capability named, e.g. {@code ipv6-mpls-vpn}, or given as {@code mp:AFI:SAFI}), so that
 * {@link BundledScenariosTest} exchanges its routes on every reactor. A family registered without a scenario fails
 * here, naming it (docs/families.md lists which scenario covers which family).
 */
final class FamilyScenariosTest {
    private static Set<String> capabilitiesOffered() throws Exception {
        Set<String> caps = new HashSet<>();
        for (String name : ScenarioSource.bundledNames()) {
            String text;
            try (InputStream in = FamilyScenariosTest.class.getClassLoader().getResourceAsStream("parity/scenarios/" + name)) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new AssertionError(name, e);
            }
            for (String line : text.lines().toList()) {
                int at = line.indexOf(" caps ");
                if (line.startsWith("send open") && at >= 0) {
                    caps.addAll(List.of(line.substring(at + 6).trim().split("\\s+")));
                }
            }
        }
        return caps;
    }

    @Test
    void everyFamilyIsNegotiatedInABundledScenario() throws Exception {
        Set<String> caps = capabilitiesOffered();
        List<Family> all = new ArrayList<>(List.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST, Family.IPV4_MULTICAST,
                Family.IPV6_MULTICAST));
        all.addAll(Families.registered());
        List<String> missing = new ArrayList<>();
        for (Family f : all) {
            String named = f.safi() == Family.SAFI_UNICAST ? Family.afiName(f.afi())
                    : Family.afiName(f.afi()) + "-" + Family.safiName(f.safi());
            if (!caps.contains(named) && !caps.contains("mp:" + f.afi() + ":" + f.safi())) {
                missing.add(f.toString());
            }
        }
        assertTrue(missing.isEmpty(), "no bundled scenario negotiates " + missing);
    }
}
