package dev.twinbgp.parity.mutation;

import dev.twinbgp.reactor.Reactors;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Reactor mutation testing: proves the parity suite fails when a reactor is wrong. For each mutant of the
 * catalog ({@link MutantCatalog}), builds the patched copy ({@link MutantBuild}), runs the parity suite against
 * it in a fresh JVM ({@link MutantRun}) and prints one row: killed by which check, or SURVIVED. Run through
 * {@code ./run-mutants} (docs/parity.md, "Mutation testing").
 *
 * <pre>
 *   MutationHarness [--sample N [--rotation K]] [--timeout SECONDS] [--fuzz N] [--reactor-fuzz N] [--seed S] [--first CHECK] [--report FILE] [ID...]
 * </pre>
 * {@code --first CHECK} tries that check (a scenario, or {@code reactor-fuzz}) first for every mutant, before its own
 * {@code first} hints: which mutants one check kills by itself.
 * {@code --timeout} bounds one check (a scenario, or the fuzzing campaign): a check that runs longer hangs, and
 * a hang counts as killed by that check. The whole run of a mutant has no bound of its own.
 * Without ids or {@code --sample} every mutant runs. {@code --sample N} takes N consecutive mutants of the
 * catalog's killable (not {@code equivalent}) mutants starting at {@code (K * N) mod size}, K the rotation
 * (default: days since 1970, so CI covers the catalog over successive days). Exit 0 when every mutant run
 * was killed or is a declared equivalent, 1 when one survived, 2 for a catalog or build error.
 */
public final class MutationHarness {
    private record Outcome(Mutant mutant, boolean killed, String check, String why, Duration elapsed) {
    }

    private MutationHarness() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("twinbgp.root", ".")).toAbsolutePath().normalize();
        Path work = root.resolve("parity-tests/target/mutants");
        int sample = 0;
        long rotation = LocalDate.now(java.time.ZoneOffset.UTC).toEpochDay();
        int timeout = 300;
        int fuzz = 300;
        int reactorFuzz = 200;
        List<String> firstForAll = new ArrayList<>();
        long seed = 16;
        Path report = work.resolve("report.md");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--sample" -> sample = Integer.parseInt(args[++i]);
                case "--rotation" -> rotation = Long.parseLong(args[++i]);
                case "--timeout" -> timeout = Integer.parseInt(args[++i]);
                case "--fuzz" -> fuzz = Integer.parseInt(args[++i]);
                case "--reactor-fuzz" -> reactorFuzz = Integer.parseInt(args[++i]);
                case "--first" -> firstForAll.add(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--report" -> report = Path.of(args[++i]);
                default -> ids.add(args[i]);
            }
        }
        List<Mutant> catalog;
        try {
            catalog = MutantCatalog.load(root.resolve("parity-tests/src/test/resources/mutants"));
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("run-mutants: " + e.getMessage());
            System.exit(2);
            return;
        }
        List<Mutant> chosen = choose(catalog, ids, sample, rotation);
        if (chosen == null) {
            System.exit(2);
            return;
        }
        String classPath = System.getProperty("java.class.path");
        System.out.printf(Locale.ROOT, "reactor mutation testing: %d of %d mutants%s; each against the bundled scenarios, then %d fuzzing cases, then %d reactor programs (seed %d)%n",
                chosen.size(), catalog.size(), sample > 0 ? " (sample, rotation " + rotation + ")" : "", fuzz, reactorFuzz, seed);
        String row = "%-36s %-9s %-9s %-32s %7s%n";
        System.out.printf(row, "mutant", "reactor", "result", "killed by", "time");
        System.out.flush();
        List<Outcome> outcomes = new ArrayList<>();
        long started = System.nanoTime();
        for (Mutant m : chosen) {
            Path classes;
            try {
                classes = MutantBuild.build(m, root, work, classPath);
            } catch (IOException e) {
                System.err.println("run-mutants: " + e.getMessage());
                System.exit(2);
                return;
            }
            Outcome o = run(m, classes, classPath, work.resolve(m.id()).resolve("run.log"), timeout, fuzz, reactorFuzz, seed, firstForAll);
            outcomes.add(o);
            System.out.printf(row, m.id(), m.reactor(), o.killed() ? "killed" : m.equivalent() != null ? "equivalent" : "SURVIVED",
                    o.killed() ? o.check() : "-",
                    String.format(Locale.ROOT, "%.1fs", o.elapsed().toMillis() / 1000.0));
            System.out.println("    breaks: " + m.breaks());
            if (o.killed()) {
                System.out.println("    how:    " + o.why());
            } else if (m.equivalent() != null) {
                System.out.println("    why it cannot be killed: " + m.equivalent());
            }
            System.out.flush();
        }
        long killed = outcomes.stream().filter(Outcome::killed).count();
        long equivalent = outcomes.stream().filter(o -> !o.killed() && o.mutant().equivalent() != null).count();
        long survived = outcomes.size() - killed - equivalent;
        Duration total = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf(Locale.ROOT, "%d of %d mutants killed, %d equivalent (not observable through the speaker), %d survived; %d min %d s%n",
                killed, outcomes.size(), equivalent, survived, total.toMinutes(), total.toSecondsPart());
        writeReport(report, outcomes, total);
        System.out.println("table: " + report);
        System.exit(survived == 0 ? 0 : 1);
    }

    private static List<Mutant> choose(List<Mutant> catalog, List<String> ids, int sample, long rotation) {
        if (!ids.isEmpty()) {
            List<Mutant> out = new ArrayList<>();
            for (String id : ids) {
                Mutant m = catalog.stream().filter(c -> c.id().equals(id)).findFirst().orElse(null);
                if (m == null) {
                    System.err.println("run-mutants: no mutant '" + id + "'");
                    return null;
                }
                out.add(m);
            }
            return out;
        }
        List<Mutant> killable = catalog.stream().filter(m -> m.equivalent() == null).toList();
        if (sample <= 0 || sample >= killable.size()) {
            return sample <= 0 ? catalog : killable;
        }
        List<Mutant> out = new ArrayList<>();
        int start = (int) Math.floorMod(rotation * sample, (long) killable.size());
        for (int i = 0; i < sample; i++) {
            out.add(killable.get((start + i) % killable.size()));
        }
        return out;
    }

    /** The mutant's reactor against a reference: the first other reactor available. */
    private static String reactors(Mutant m) {
        String reference = Reactors.available().stream().filter(r -> !r.equals(m.reactor())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no reference reactor beside " + m.reactor()));
        return m.reactor() + "," + reference;
    }

    private static Outcome run(Mutant m, Path classes, String classPath, Path log, int timeoutSeconds, int fuzz, int reactorFuzz, long seed,
                               List<String> firstForAll)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("--enable-native-access=ALL-UNNAMED");
        if (Runtime.version().feature() >= 23) {
            cmd.add("--sun-misc-unsafe-memory-access=allow");
        }
        cmd.addAll(List.of("-cp", classes + java.io.File.pathSeparator + classPath, MutantRun.class.getName(),
                reactors(m), Integer.toString(fuzz), Long.toString(seed), Integer.toString(reactorFuzz)));
        cmd.addAll(firstForAll);
        cmd.addAll(m.first());
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
        String[] last = {"(start)"};
        long[] checkStarted = {System.nanoTime()};
        String[] verdict = {null};
        Thread reader = Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith("CHECK ")) {
                        synchronized (last) {
                            last[0] = line.substring(6);
                            checkStarted[0] = System.nanoTime();
                        }
                    } else if (line.startsWith("KILLED ") || line.startsWith("ERROR ") || line.equals("SURVIVED")) {
                        synchronized (last) {
                            verdict[0] = line;
                        }
                    }
                }
            } catch (IOException ignored) {
                // the process was stopped: what was read so far stands
            }
        });
        // The timeout bounds one check (a scenario, or the fuzzing campaign), never the whole run: a mutant
        // that survives plays every scenario, which takes minutes, and must be reported as SURVIVED.
        boolean done;
        while (true) {
            done = p.waitFor(1, TimeUnit.SECONDS);
            long since;
            synchronized (last) {
                since = System.nanoTime() - checkStarted[0];
            }
            if (done || since > TimeUnit.SECONDS.toNanos(timeoutSeconds)) {
                break;
            }
        }
        if (!done) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        reader.join(5_000);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
        synchronized (last) {
            String v = verdict[0];
            if (v != null && v.startsWith("KILLED ")) {
                String[] parts = v.substring(7).split("\t", 2);
                return new Outcome(m, true, parts[0], parts.length > 1 ? parts[1] : "", elapsed);
            }
            if (v != null && v.startsWith("ERROR ")) {
                System.err.println("run-mutants: " + m.id() + ": the harness failed: " + v.substring(6).replace('\t', ' '));
                System.exit(2);
            }
            if (!done) {
                return new Outcome(m, true, last[0], "hung: this check gave no verdict within " + timeoutSeconds + " s (the run's log: " + log + ")", elapsed);
            }
            if (v == null) {
                return new Outcome(m, true, last[0], "the run died (exit " + p.exitValue() + ", log: " + log + ")", elapsed);
            }
            return new Outcome(m, false, null, null, elapsed);
        }
    }

    private static void writeReport(Path report, List<Outcome> outcomes, Duration total) throws IOException {
        StringBuilder s = new StringBuilder();
        s.append("| mutant | reactor | duty | what it breaks | killed by | how | time |\n|---|---|---|---|---|---|---|\n");
        for (Outcome o : outcomes) {
            Mutant m = o.mutant();
            s.append("| `").append(m.id()).append("` | ").append(m.reactor()).append(" | ").append(m.duty()).append(" | ")
                    .append(m.breaks().replace("|", "\\|")).append(" | ")
                    .append(o.killed() ? "`" + o.check() + "`" : m.equivalent() != null ? "equivalent" : "**SURVIVED**").append(" | ")
                    .append(o.killed() ? o.why().replace("|", "\\|") : m.equivalent() != null ? m.equivalent().replace("|", "\\|") : "")
                    .append(" | ")
                    .append(String.format(Locale.ROOT, "%.1f s", o.elapsed().toMillis() / 1000.0)).append(" |\n");
        }
        long killed = outcomes.stream().filter(Outcome::killed).count();
        s.append(String.format(Locale.ROOT, "%n%d of %d killed, %d min %d s.%n", killed, outcomes.size(), total.toMinutes(), total.toSecondsPart()));
        Files.createDirectories(report.toAbsolutePath().getParent());
        Files.writeString(report, s);
    }
}
