package dev.twinbgp.parity.mutation;

import dev.twinbgp.parity.FuzzCampaign;
import dev.twinbgp.parity.RunResult;
import dev.twinbgp.parity.ScenarioException;
import dev.twinbgp.parity.ScenarioSource;
import dev.twinbgp.parity.Verdict;
import dev.twinbgp.parity.reactor.ReactorFuzzCampaign;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The parity suite against one mutant, in a JVM of its own whose class path starts with the mutant's classes
 * (started by {@link MutationHarness}). Plays the bundled scenarios (the {@code first} ones first, then the
 * rest in index order), the differential fuzzer, then the reactor contract's own fuzzer ({@code reactor-fuzz},
 * tried first when a {@code first} hint names it), on the mutated reactor and a reference reactor,
 * exactly as {@code twinbgp parity} judges them: a scenario kills the mutant when a run fails its script or
 * the traces differ. Stops at the first kill. Protocol on stdout, one line each:
 * {@code CHECK name}, then {@code KILLED name<TAB>why} or, after the last check, {@code SURVIVED}; {@code ERROR name<TAB>why}
 * when the harness itself fails (a scenario it cannot read).
 *
 * <p>Arguments: {@code MUTATED,REFERENCE FUZZ_CASES FUZZ_SEED REACTOR_PROGRAMS [FIRST...]}.
 */
public final class MutantRun {
    private MutantRun() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        List<String> reactors = List.of(args[0].split(","));
        int fuzzCases = Integer.parseInt(args[1]);
        long fuzzSeed = Long.parseLong(args[2]);
        int reactorPrograms = Integer.parseInt(args[3]);
        Set<String> order = new LinkedHashSet<>(Arrays.asList(args).subList(4, args.length));
        boolean reactorFuzzFirst = order.remove(REACTOR_FUZZ);
        if (reactorFuzzFirst) {
            reactorFuzz(out, reactors, reactorPrograms, fuzzSeed);
        }
        ScenarioSource.bundledNames().forEach(n -> order.add(n.replaceFirst("\\.scenario$", "")));
        for (String name : order) {
            out.println("CHECK " + name);
            out.flush();
            String why;
            try {
                why = killedBy(Verdict.of(ScenarioSource.bundled(name), reactors));
            } catch (ScenarioException e) {
                // The harness's own failure (a scenario that cannot be read), never the mutant's.
                out.println("ERROR " + name + "\t" + oneLine(e.getMessage()));
                out.flush();
                System.exit(3);
                return;
            } catch (Throwable e) {
                why = "the run threw " + e;
            }
            if (why != null) {
                killed(out, name, why);
            }
        }
        if (fuzzCases > 0) {
            String check = "fuzz:" + fuzzCases + "@" + fuzzSeed;
            out.println("CHECK " + check);
            out.flush();
            String why;
            try {
                FuzzCampaign.Outcome o = FuzzCampaign.run(reactors, fuzzSeed, fuzzCases);
                why = o.differences().isEmpty() ? null
                        : "case " + o.differences().getFirst().index() + " differs (" + o.differences().getFirst().replay() + ")";
            } catch (Throwable e) {
                why = "the campaign threw " + e;
            }
            if (why != null) {
                killed(out, check, why);
            }
        }
        if (!reactorFuzzFirst) {
            reactorFuzz(out, reactors, reactorPrograms, fuzzSeed);
        }
        out.println("SURVIVED");
        out.flush();
        System.exit(0);
    }

    /** The {@code first} hint that puts the reactor contract's fuzzer first. */
    static final String REACTOR_FUZZ = "reactor-fuzz";

    /** The reactor contract's differential fuzzer; exits when it kills the mutant. */
    private static void reactorFuzz(PrintStream out, List<String> reactors, int programs, long seed) {
        if (programs <= 0) {
            return;
        }
        String check = REACTOR_FUZZ + ":" + programs + "@" + seed;
        out.println("CHECK " + check);
        out.flush();
        String why;
        try {
            ReactorFuzzCampaign.Outcome o = ReactorFuzzCampaign.run(reactors, seed, programs, true);
            why = o.differences().isEmpty() ? null
                    : "program " + o.differences().getFirst().index() + " seed " + o.differences().getFirst().program().seed() + ": "
                    + o.differences().getFirst().firstChange() + " (" + o.differences().getFirst().replay() + ")";
        } catch (Throwable e) {
            why = "the campaign threw " + e;
        }
        if (why != null) {
            killed(out, check, why);
        }
    }

    /** Null when the scenario passed on every reactor with identical traces, else why not. */
    private static String killedBy(Verdict v) {
        List<String> why = new ArrayList<>();
        for (RunResult r : v.runs()) {
            if (!r.passed()) {
                why.add(r.reactor() + " failed: " + r.failure());
            }
        }
        if (!v.diff().isEmpty()) {
            why.add("traces differ: " + firstChange(v.diff()));
        }
        return why.isEmpty() ? null : String.join("; ", why);
    }

    /** The first removed or added line of a unified diff. */
    private static String firstChange(String diff) {
        return diff.lines().filter(l -> (l.startsWith("-") || l.startsWith("+")) && !l.startsWith("---") && !l.startsWith("+++"))
                .findFirst().orElse("(see the diff)");
    }

    /** Reports the kill and ends this mutant's JVM: nothing after the first failing check runs. */
    private static void killed(PrintStream out, String check, String why) {
        out.println("KILLED " + check + "\t" + oneLine(why));
        out.flush();
        System.exit(0);
    }

    private static String oneLine(String s) {
        String flat = s.replaceAll("\\s+", " ").strip();
        return flat.length() > 160 ? flat.substring(0, 157) + "..." : flat;
    }
}
