package dev.twinbgp.parity;

import java.util.List;

/**
 * A scenario's outcome over every reactor: it passes when each run met the script's expectations and
 * every reactor's trace equals the first reactor's.
 *
 * @param diff empty when the traces are identical, else unified diffs of the first reactor's trace against
 *             each other reactor's
 */
public record Verdict(Scenario scenario, List<RunResult> runs, String diff) {
    public Verdict {
        runs = List.copyOf(runs);
    }

    public boolean passed() {
        return diff.isEmpty() && runs.stream().allMatch(RunResult::passed);
    }

    /** Runs {@code scenario} on each reactor in turn and compares. */
    public static Verdict of(Scenario scenario, List<String> reactors) throws ScenarioException {
        List<RunResult> runs = new java.util.ArrayList<>();
        for (String reactor : reactors) {
            runs.add(ScenarioRunner.run(scenario, reactor));
        }
        return compare(scenario, runs);
    }

    static Verdict compare(Scenario scenario, List<RunResult> runs) {
        StringBuilder diff = new StringBuilder();
        RunResult first = runs.getFirst();
        for (RunResult other : runs.subList(1, runs.size())) {
            diff.append(UnifiedDiff.diff(scenario.name() + " on " + first.reactor(), first.trace(),
                    scenario.name() + " on " + other.reactor(), other.trace()));
        }
        return new Verdict(scenario, runs, diff.toString());
    }
}
