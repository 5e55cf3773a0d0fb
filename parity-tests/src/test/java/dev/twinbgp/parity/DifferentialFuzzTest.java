package dev.twinbgp.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Differential fuzzing ({@code docs/parity.md}): random valid sessions, mutated and fragmented, replayed on
 * every reactor; the traces must be identical. The campaign seed is fixed so CI is reproducible; set
 * {@code -Dparity.fuzz.seed=N} (and {@code -Dparity.fuzz.cases=N}) to explore others. A failure names the
 * case's seed and the command that replays exactly that case.
 */
final class DifferentialFuzzTest {
    private static final long SEED = Long.getLong("parity.fuzz.seed", 20261122L);
    private static final int CASES = Integer.getInteger("parity.fuzz.cases", 600);

    @Test
    void everyReactorAgreesOnEveryCase() throws Exception {
        FuzzCampaign.Outcome outcome = FuzzCampaign.run(BundledScenariosTest.REACTORS, SEED, CASES);
        assertEquals(CASES, outcome.cases());
        if (!outcome.differences().isEmpty()) {
            fail("campaign seed " + SEED + ": " + outcome.differences().size() + " of " + CASES + " case(s) differ\n"
                    + outcome.differences().stream().map(FuzzCampaign.Difference::report).collect(Collectors.joining("\n")));
        }
    }

    @Test
    void theGeneratorIsDeterministicAndNeverThrows() {
        for (int i = 0; i < 20_000; i++) {
            long seed = FuzzCase.caseSeed(SEED, i);
            FuzzCase a = FuzzCase.generate(seed);
            FuzzCase b = FuzzCase.generate(seed);
            assertEquals(a.description(), b.description());
            assertEquals(a.chunks().size(), b.chunks().size());
            for (int k = 0; k < a.chunks().size(); k++) {
                assertTrue(Arrays.equals(a.chunks().get(k), b.chunks().get(k)), "case " + seed + " chunk " + k);
            }
        }
    }
}
