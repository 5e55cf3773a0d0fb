package dev.twinbgp.parity.reactor;

import dev.twinbgp.parity.UnifiedDiff;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Differential fuzzing of the reactor contract itself: each {@link ReactorProgram} is played on every reactor
 * ({@link ProgramRunner}, one per reactor for the whole campaign) and the traces ({@link ProgramTrace}) must be
 * identical and free of {@code VIOLATION} lines. Where the speaker's fuzzer ({@code FuzzCampaign}) shows what a
 * peer of the daemon can see, this one shows what any user of reactor-api can: timers, tasks, the loop
 * thread, reads and writes, pauses, closes and aborts, called from every thread the contract allows.
 */
public final class ReactorFuzzCampaign {
    /** A program whose traces differ or break the contract; {@link #replay()} plays exactly this program again. */
    public record Difference(int index, ReactorProgram program, String diff) {
        public String replay() {
            return "./twinbgp parity --reactor-fuzz-case " + program.seed();
        }

        public String report() {
            return "reactor program " + index + " (seed " + program.seed() + ")\nreplay: " + replay() + "\n"
                    + program.description() + "\n" + diff;
        }

        /** The first differing or violating line, for a one-line summary. */
        public String firstChange() {
            return diff.lines().filter(l -> l.contains(ProgramTrace.VIOLATION)
                            || (l.startsWith("-") || l.startsWith("+")) && !l.startsWith("---") && !l.startsWith("+++"))
                    .findFirst().orElse("(see the diff)");
        }
    }

    /** @param differences every program whose traces differ or break the contract (empty: all agreed) */
    public record Outcome(int programs, List<Difference> differences) {
        public Outcome {
            differences = List.copyOf(differences);
        }
    }

    private ReactorFuzzCampaign() {
    }

    /** Plays {@code count} programs of the campaign {@code seed} on every reactor; stops at the first difference when asked. */
    public static Outcome run(List<String> reactors, long seed, int count, boolean stopAtFirst) throws InterruptedException, IOException {
        List<Long> seeds = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            seeds.add(ReactorProgram.programSeed(seed, i));
        }
        return runSeeds(reactors, seeds, stopAtFirst);
    }

    /** Plays the programs with these seeds (one, to replay a program). */
    public static Outcome runSeeds(List<String> reactors, List<Long> programSeeds, boolean stopAtFirst)
            throws InterruptedException, IOException {
        List<ProgramRunner> runners = new ArrayList<>();
        try {
            for (String reactor : reactors) {
                runners.add(new ProgramRunner(reactor));
            }
            List<Difference> differences = new ArrayList<>();
            int played = 0;
            for (int i = 0; i < programSeeds.size(); i++) {
                ReactorProgram program = ReactorProgram.generate(programSeeds.get(i));
                played++;
                String diff = compare(reactors, runners, program);
                if (!diff.isEmpty()) {
                    differences.add(new Difference(i, program, diff));
                    if (stopAtFirst) {
                        break;
                    }
                }
            }
            return new Outcome(played, differences);
        } finally {
            runners.forEach(ProgramRunner::close);
        }
    }

    /** Empty when every reactor's trace equals the first one's and none breaks the contract. */
    private static String compare(List<String> reactors, List<ProgramRunner> runners, ReactorProgram program) throws InterruptedException {
        List<List<String>> traces = new ArrayList<>();
        for (ProgramRunner runner : runners) {
            traces.add(runner.run(program));
        }
        StringBuilder out = new StringBuilder();
        for (int k = 0; k < traces.size(); k++) {
            for (String line : traces.get(k)) {
                if (line.contains("] " + ProgramTrace.VIOLATION)) {
                    out.append("on ").append(reactors.get(k)).append(": ").append(line).append('\n');
                }
            }
        }
        for (int k = 1; k < traces.size(); k++) {
            out.append(UnifiedDiff.diff(reactors.getFirst(), traces.getFirst(), reactors.get(k), traces.get(k)));
        }
        return out.toString();
    }

    /** One program's trace on one reactor (for {@code --show-trace}). */
    public static List<String> trace(String reactor, long programSeed) throws InterruptedException, IOException {
        try (ProgramRunner runner = new ProgramRunner(reactor)) {
            return runner.run(ReactorProgram.generate(programSeed));
        }
    }
}
