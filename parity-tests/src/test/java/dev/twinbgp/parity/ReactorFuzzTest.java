package dev.twinbgp.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.twinbgp.parity.reactor.ReactorFuzzCampaign;
import dev.twinbgp.parity.reactor.ReactorProgram;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Differential fuzzing of the reactor contract ({@code docs/parity.md}, "Reactor fuzzing"): random programs of
 * reactor-api operations played on every reactor; the traces must be identical and break no rule of the
 * contract. The campaign seed is fixed so CI is reproducible; {@code -Dparity.reactor-fuzz.seed=N} and
 * {@code -Dparity.reactor-fuzz.programs=N} explore others. A failure names the program's seed and the command
 * that replays it.
 */
final class ReactorFuzzTest {
    private static final long SEED = Long.getLong("parity.reactor-fuzz.seed", 20261206L);
    private static final int PROGRAMS = Integer.getInteger("parity.reactor-fuzz.programs", 150);

    @Test
    void everyReactorAgreesOnEveryProgram() throws Exception {
        ReactorFuzzCampaign.Outcome outcome = ReactorFuzzCampaign.run(BundledScenariosTest.REACTORS, SEED, PROGRAMS, false);
        assertEquals(PROGRAMS, outcome.programs());
        if (!outcome.differences().isEmpty()) {
            fail("campaign seed " + SEED + ": " + outcome.differences().size() + " of " + PROGRAMS + " program(s) differ\n"
                    + outcome.differences().stream().map(ReactorFuzzCampaign.Difference::report).collect(Collectors.joining("\n")));
        }
    }

    @Test
    void theGeneratorIsDeterministic() {
        for (int i = 0; i < 5_000; i++) {
            long seed = ReactorProgram.programSeed(SEED, i);
            assertEquals(ReactorProgram.generate(seed), ReactorProgram.generate(seed), "program " + seed);
        }
    }
}
