package dev.twinbgp.cli;

import dev.twinbgp.parity.FuzzCampaign;
import dev.twinbgp.parity.FuzzCase;
import dev.twinbgp.parity.RunResult;
import dev.twinbgp.parity.Scenario;
import dev.twinbgp.parity.ScenarioException;
import dev.twinbgp.parity.ScenarioSource;
import dev.twinbgp.parity.Verdict;
import dev.twinbgp.parity.reactor.ReactorFuzzCampaign;
import dev.twinbgp.parity.reactor.ReactorProgram;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code twinbgp parity [--reactors selector,netty,virtual] [DIR|FILE|NAME...]}, or with {@code --fuzz N [--seed S]}
 * differential fuzzing, or {@code --fuzz-case SEED} to replay one fuzzing case, or {@code --reactor-fuzz N [--seed S]} /
 * {@code --reactor-fuzz-case SEED} for the reactor contract's own differential fuzzer ({@code docs/parity.md}).
 * Plays every scenario on every reactor, prints one row per run (scenario, reactor, result, time) and, when the traces of the reactors differ, the
 * unified diff. Exit status: 0 when everything passed, 1 on any failure or difference, 2 for a scenario file
 * that cannot be read ({@code file:line:column: found X, expected Y}). The speakers' logs go to stderr at WARN
 * unless {@code --log-level} asks for more.
 */
@Command(name = "parity", mixinStandardHelpOptions = true,
        description = "Replay scenarios on every reactor and check that their traces are identical.")
public final class ParityCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--reactors", split = ",", paramLabel = "NAME", defaultValue = "selector,netty,virtual",
            description = "Reactors to compare (default: ${DEFAULT-VALUE}).")
    List<String> reactors;

    @Option(names = "--show-trace", description = "Print each scenario's trace (of the first reactor).")
    boolean showTrace;

    @Option(names = "--fuzz", paramLabel = "N", description = "Instead of scenarios: N differential fuzzing cases on every reactor.")
    Integer fuzz;

    @Option(names = "--seed", paramLabel = "SEED", description = "The fuzzing campaign's seed (default: the clock, printed).")
    Long seed;

    @Option(names = "--fuzz-case", paramLabel = "SEED", description = "Replay the one fuzzing case with this seed.")
    Long fuzzCase;

    @Option(names = "--reactor-fuzz", paramLabel = "N",
            description = "Instead of scenarios: N random programs of reactor-api operations on every reactor (the contract's own differential fuzzer).")
    Integer reactorFuzz;

    @Option(names = "--reactor-fuzz-case", paramLabel = "SEED", description = "Replay the one reactor program with this seed.")
    Long reactorFuzzCase;

    @Option(names = "--log-level", paramLabel = "LEVEL",
            description = "Level of the speakers' logs on stderr: trace, debug, info, warn, error or off "
                    + "(default: warn, so stdout's table and diffs are all you see).")
    String logLevel;

    @Parameters(paramLabel = "DIR|FILE", arity = "0..*",
            description = "Scenario files or directories of *.scenario files (default: the bundled scenarios).")
    List<Path> paths = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (logLevel != null && !Logging.isLevel(logLevel)) {
            err.println("twinbgp parity: unknown log level '" + logLevel + "'; use one of " + String.join(", ", Logging.LEVELS));
            err.flush();
            return 2;
        }
        // The speakers under test log through slf4j to stderr (StderrLogConfigurator); stdout carries only
        // the table and the diffs, and their INFO lines would bury the table on stderr.
        Logging.setLevel(Logger.ROOT_LOGGER_NAME, logLevel == null ? "warn" : logLevel);
        if (fuzz != null || fuzzCase != null) {
            return fuzz(out, err);
        }
        if (reactorFuzz != null || reactorFuzzCase != null) {
            return reactorFuzz(out, err);
        }
        List<Scenario> scenarios;
        try {
            scenarios = paths.isEmpty() ? ScenarioSource.bundled() : ScenarioSource.paths(paths);
        } catch (ScenarioException e) {
            err.println(e.getMessage());
            err.flush();
            return 2;
        }
        int width = Math.max(8, scenarios.stream().mapToInt(s -> s.name().length()).max().orElse(8));
        String row = "%-" + width + "s  %-8s  %-10s  %7s%n";
        out.printf(row, "scenario", "reactor", "result", "time");
        int failed = 0;
        for (Scenario scenario : scenarios) {
            Verdict verdict;
            try {
                verdict = Verdict.of(scenario, reactors);
            } catch (ScenarioException e) {
                err.println(e.getMessage());
                err.flush();
                return 2;
            } catch (IllegalArgumentException e) {
                err.println(e.getMessage()); // an unknown reactor name
                err.flush();
                return 2;
            }
            for (RunResult run : verdict.runs()) {
                String result = !run.passed() ? "FAIL" : verdict.diff().isEmpty() ? "pass" : "DIFFERENT";
                out.printf(row, scenario.name(), run.reactor(), result, String.format("%.2fs", run.elapsed().toMillis() / 1000.0));
            }
            for (RunResult run : verdict.runs()) {
                if (!run.passed()) {
                    out.println("  " + scenario.name() + " on " + run.reactor() + ": " + run.failure());
                }
            }
            if (!verdict.diff().isEmpty()) {
                out.print(verdict.diff());
            }
            if (showTrace && !verdict.runs().isEmpty()) {
                verdict.runs().getFirst().trace().forEach(l -> out.println("    " + l));
            }
            if (!verdict.passed()) {
                failed++;
            }
            out.flush();
        }
        out.println(failed == 0 ? scenarios.size() + " scenario(s) passed on " + String.join(", ", reactors)
                : failed + " of " + scenarios.size() + " scenario(s) failed or differ");
        out.flush();
        return failed == 0 ? 0 : 1;
    }

    /** A fuzzing campaign's body: its exit status, or what stopped it. */
    @FunctionalInterface
    private interface Campaign {
        int run() throws java.io.IOException, InterruptedException;
    }

    /** Runs a campaign; a bad argument exits 2, an I/O failure or an interrupt 1, each said in one line. */
    private static int campaign(String what, PrintWriter err, Campaign body) {
        try {
            return body.run();
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.flush();
            return 2;
        } catch (java.io.IOException e) {
            err.println(what + ": " + e.getMessage());
            err.flush();
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private int fuzz(PrintWriter out, PrintWriter err) {
        return campaign("fuzzing", err, () -> {
            FuzzCampaign.Outcome outcome;
            if (fuzzCase != null) {
                out.println("fuzz case " + fuzzCase + ": " + FuzzCase.generate(fuzzCase).description());
                if (showTrace) {
                    FuzzCampaign.trace(reactors.getFirst(), fuzzCase).forEach(l -> out.println("    " + l));
                }
                outcome = FuzzCampaign.runSeeds(reactors, List.of(fuzzCase));
            } else {
                long campaign = seed != null ? seed : System.currentTimeMillis();
                out.println("fuzzing: " + fuzz + " case(s), seed " + campaign + ", reactors " + String.join(", ", reactors));
                out.flush();
                outcome = FuzzCampaign.run(reactors, campaign, fuzz);
            }
            outcome.differences().forEach(d -> out.print(d.report()));
            out.println(outcome.differences().isEmpty() ? outcome.cases() + " case(s): identical traces on " + String.join(", ", reactors)
                    : outcome.differences().size() + " of " + outcome.cases() + " case(s) differ");
            out.flush();
            return outcome.differences().isEmpty() ? 0 : 1;
        });
    }

    private int reactorFuzz(PrintWriter out, PrintWriter err) {
        return campaign("reactor fuzzing", err, () -> {
            ReactorFuzzCampaign.Outcome outcome;
            if (reactorFuzzCase != null) {
                out.println(ReactorProgram.generate(reactorFuzzCase).description());
                if (showTrace) {
                    ReactorFuzzCampaign.trace(reactors.getFirst(), reactorFuzzCase).forEach(l -> out.println("    " + l));
                }
                outcome = ReactorFuzzCampaign.runSeeds(reactors, List.of(reactorFuzzCase), false);
            } else {
                long campaign = seed != null ? seed : System.currentTimeMillis();
                out.println("reactor fuzzing: " + reactorFuzz + " program(s), seed " + campaign + ", reactors " + String.join(", ", reactors));
                out.flush();
                outcome = ReactorFuzzCampaign.run(reactors, campaign, reactorFuzz, false);
            }
            outcome.differences().forEach(d -> out.print(d.report()));
            out.println(outcome.differences().isEmpty() ? outcome.programs() + " program(s): identical traces on " + String.join(", ", reactors)
                    : outcome.differences().size() + " of " + outcome.programs() + " program(s) differ or break the contract");
            out.flush();
            return outcome.differences().isEmpty() ? 0 : 1;
        });
    }
}
