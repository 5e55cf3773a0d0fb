package dev.twinbgp.parity;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.twinbgp.speaker.session.EveryReactor;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every bundled scenario on every reactor: each run must meet the script's expectations and the
 * normalised traces of the reactors must be identical ({@code docs/parity.md}).
 */
final class BundledScenariosTest {
    static final List<String> REACTORS = EveryReactor.names();

    @Test
    void atLeastFortyScenariosAreBundled() throws ScenarioException {
        assertTrue(ScenarioSource.bundledNames().size() >= 40, "bundled: " + ScenarioSource.bundledNames().size());
    }

    @TestFactory
    Stream<DynamicTest> everyScenarioBehavesAlikeOnEveryReactor() throws ScenarioException {
        return ScenarioSource.bundled().stream().map(s -> DynamicTest.dynamicTest(s.name(), () -> check(s)));
    }

    private static void check(Scenario scenario) throws ScenarioException {
        Verdict verdict = Verdict.of(scenario, REACTORS);
        if (verdict.passed()) {
            return;
        }
        StringBuilder why = new StringBuilder(scenario.name() + " (replay: ./twinbgp parity " + scenario.name() + ")\n");
        for (RunResult run : verdict.runs()) {
            if (!run.passed()) {
                why.append("on ").append(run.reactor()).append(": ").append(run.failure()).append('\n');
            }
        }
        why.append(verdict.diff());
        fail(why.toString());
    }
}
