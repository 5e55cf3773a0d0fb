package dev.twinbgp.jmh.daemon;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.twinbgp.jmh.anchor.Anchor;
import dev.twinbgp.jmh.transfer.TableShape;
import dev.twinbgp.speaker.session.FreePort;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The daemon benchmark (issue 18): receivers as users run them. For each round, table shape and receiver:
 * a fresh receiver process (a cold {@code twinbgp run} per reactor, BIRD 2, FRR, OpenBGPD, GoBGP, ExaBGP 4.2), a fresh
 * {@link RawSender} process on loopback; the sender connects, writes the table, and the time runs from its
 * first UPDATE write until the receiver holds every prefix ("first", the receiver's first transfer after
 * start); the sender then resets the session (Cease), waits until the receiver holds nothing, connects again
 * and sends the same table ("steady": the same process, warm). Then the receiver's peak RSS
 * ({@code VmHWM} in /proc, summed over its processes) is read and both are stopped. Receivers run one after
 * the other, interleaved per round, so every ratio compares figures of the same run.
 *
 * <pre>
 * DaemonBenchmark --root REPO [--prefixes N] [--shapes packed,diverse] [--rounds R]
 *                 [--receivers twinbgp-selector,twinbgp-netty,twinbgp-selector-events,bird,frr,openbgpd,gobgp,exabgp]
 *                 [--work DIR] [--json FILE] [--markdown FILE] [--svg FILE]
 * </pre>
 * Results go to {@code --json} (every measurement), {@code --markdown} (the summary table) and {@code --svg}
 * (a chart of the first-transfer medians); see {@link DaemonReport}.
 */
public final class DaemonBenchmark {
    static final String SENDER = "127.0.0.52";
    static final String RECEIVER = "127.0.0.53";
    static final long SENDER_AS = 65001;
    static final long RECEIVER_AS = 64500;
    private static final long TIMEOUT_NANOS = 600_000_000_000L;

    private DaemonBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        Path root = Path.of(o.getOrDefault("root", ".")).toAbsolutePath();
        int prefixes = Integer.parseInt(o.getOrDefault("prefixes", "1000000"));
        List<TableShape> shapes = new ArrayList<>();
        for (String s : o.getOrDefault("shapes", "packed,diverse").split(",")) {
            shapes.add(TableShape.valueOf(s.strip().toUpperCase(Locale.ROOT)));
        }
        int rounds = Integer.parseInt(o.getOrDefault("rounds", "3"));
        List<String> receivers = List.of(o.getOrDefault("receivers",
                "twinbgp-selector,twinbgp-netty,bird,frr,openbgpd,gobgp").split(","));
        Path work = Path.of(o.getOrDefault("work", Files.createTempDirectory("twinbgp-daemon").toString()));
        Path json = Path.of(o.getOrDefault("json", "daemon.json"));

        ObjectNode report = new ObjectMapper().createObjectNode();
        report.put("benchmark", "daemon");
        report.put("started", Instant.now().toString());
        report.put("prefixes", prefixes);
        report.put("rounds", rounds);
        report.set("machine", Machine.describe());
        ArrayNode results = report.putArray("results");
        Map<TableShape, TableFile> tables = new LinkedHashMap<>();
        for (TableShape shape : shapes) {
            TableFile t = TableFile.write(work.resolve("tables"), shape, prefixes);
            tables.put(shape, t);
            System.err.printf(Locale.ROOT, "table %s: %,d prefixes in %,d UPDATEs, %,d bytes%n", shape, prefixes, t.updates(), t.bytes());
        }
        for (int round = 1; round <= rounds; round++) {
            for (TableShape shape : shapes) {
                for (String receiver : receivers) {
                    ObjectNode r = results.addObject();
                    r.put("round", round);
                    r.put("shape", shape.name().toLowerCase(Locale.ROOT));
                    r.put("receiver", receiver);
                    try {
                        measure(root, receiver, tables.get(shape), work.resolve("r" + round + "-" + shape + "-" + receiver), r);
                    } catch (RuntimeException | IOException e) {
                        r.put("error", String.valueOf(e.getMessage()));
                    }
                    System.err.println(r);
                    write(json, report);
                }
            }
        }
        report.put("finished", Instant.now().toString());
        report.put("loadAverageAtEnd", Machine.loadAverage());
        write(json, report);
        DaemonReport.write(report, o.get("markdown") == null ? null : Path.of(o.get("markdown")),
                o.get("svg") == null ? null : Path.of(o.get("svg")));
    }

    static void measure(Path root, String receiver, TableFile table, Path dir, ObjectNode r) throws IOException {
        InetAddress at = InetAddress.getByName(RECEIVER); // a literal: no lookup
        Endpoint endpoint = new Endpoint(RECEIVER, FreePort.on(at), RECEIVER_AS, SENDER, SENDER_AS);
        Files.createDirectories(dir);
        try (Receiver rx = start(root, receiver, dir, endpoint);
             SenderProcess tx = SenderProcess.start(dir, SENDER, endpoint, table)) {
            r.put("name", rx.name());
            r.put("first", transfer(rx, tx, table, r, "first"));
            // the peak of the cold receive alone; peakRssMiB below adds the reset and the second transfer
            r.put("firstPeakRssMiB", vmHwmMiB(rx));
            tx.ask("RESET", "CLOSED", 60);
            rx.awaitEmpty(TIMEOUT_NANOS);
            r.put("steady", transfer(rx, tx, table, r, "steady"));
            r.put("peakRssMiB", vmHwmMiB(rx));
            String problems = rx.problems();
            if (!problems.isEmpty()) {
                r.put("problems", problems);
            }
        }
    }

    /** One node per process of the receiver: its threads' seconds by name ({@link Machine#threadCpuSeconds} ...). */
    private static List<ObjectNode> perProcess(Receiver rx, java.util.function.LongFunction<ObjectNode> threads) {
        List<ObjectNode> out = new ArrayList<>();
        for (long pid : rx.pids()) {
            out.add(threads.apply(pid));
        }
        return out;
    }

    /** AFTER less BEFORE per thread name (each list one node per process), summed over the processes, into PHASE. */
    private static void putDelta(ObjectNode phase, List<ObjectNode> before, List<ObjectNode> after) {
        for (int i = 0; i < after.size(); i++) {
            ObjectNode a = after.get(i);
            ObjectNode b = i < before.size() ? before.get(i) : null;
            a.fieldNames().forEachRemaining(name -> {
                double d = a.path(name).asDouble() - (b == null ? 0 : b.path(name).asDouble(0));
                if (d > 0) {
                    phase.put(name, Math.round((phase.path(name).asDouble(0) + d) * 100) / 100.0);
                }
            });
        }
    }

    private static double vmHwmMiB(Receiver rx) {
        long hwm = 0;
        for (long pid : rx.pids()) {
            hwm += Machine.vmHwmKiB(pid);
        }
        return hwm / 1024.0;
    }

    /** One transfer on a fresh session: returns seconds from the first UPDATE written until all are held. */
    private static double transfer(Receiver rx, SenderProcess tx, TableFile table, ObjectNode r, String label) throws IOException {
        tx.ask("CONNECT", "UP", 120);
        long linesBefore = rx instanceof TwinbgpDaemon t ? t.eventLines() : 0;
        rx.beforeSend();
        double cpuBefore = Machine.cpuSeconds(rx.pids());
        List<ObjectNode> threadsBefore = perProcess(rx, Machine::threadCpuSeconds);
        List<ObjectNode> waitBefore = perProcess(rx, Machine::threadWaitSeconds);
        long first = SenderProcess.nanos(tx.ask("SEND", "FIRST", 60));
        long held = rx.awaitHeld(table.prefixes(), TIMEOUT_NANOS);
        r.put(label + "CpuSeconds", Machine.cpuSeconds(rx.pids()) - cpuBefore);
        // Where the transfer's CPU went, per thread name (the loop, the events writer, C2, C1, the collector): a
        // twinbgp receiver's one process; the reference daemons' processes summed by thread name as well.
        putDelta(r.putObject(label + "ThreadCpuSeconds"), threadsBefore, perProcess(rx, Machine::threadCpuSeconds));
        // ... and how long each thread waited for a core while runnable (the rest of the wall time it slept)
        putDelta(r.putObject(label + "ThreadWaitSeconds"), waitBefore, perProcess(rx, Machine::threadWaitSeconds));
        long written = SenderProcess.nanos(tx.await("WRITTEN", 600));
        r.put(label + "WrittenSeconds", (written - first) / 1e9);
        if (rx instanceof TwinbgpDaemon t && t.eventLines() > 0) {
            long lines = t.eventLines() - linesBefore;
            r.put(label + "EventLines", lines);
            if (lines < table.updates()) {
                r.put(label + "EventsMissing", table.updates() - lines);
            }
        }
        return (held - first) / 1e9;
    }

    /**
     * {@code twinbgp-REACTOR[-events][+variant...][@TREE]}: a twinbgp receiver on that reactor, with {@code --events},
     * and JVM options to compare: +serialgc: {@code -XX:+UseSerialGC}; +heap: {@code -XX:+UseSerialGC -Xmn32m},
     * the launcher's heap options until 2026-12-06 (now in bin/jvm-options), for an older TREE whose launcher lacks them; +noaot: without the launcher's
     * AOT cache ({@code TWINBGP_AOT=off}); +NAME: the JVM options in the environment variable
     * {@code TWINBGP_DAEMON_VARIANT_NAME} (added after the launcher's, so they can override them; its
     * {@code NAME=VALUE} words are set in the launcher's environment instead, e.g. {@code MALLOC_ARENA_MAX=2}); or a
     * reference daemon by name.
     */
    private static Receiver start(Path root, String receiver, Path dir, Endpoint at) throws IOException {
        if (receiver.startsWith("twinbgp-")) {
            // twinbgp-REACTOR[-events][+variant...][@TREE]: TREE, another checkout with its jar built, is run instead
            // of this one - a baseline measured in the same run as the change.
            int tree = receiver.indexOf('@');
            Path from = tree < 0 ? root : Path.of(receiver.substring(tree + 1));
            String label = tree < 0 ? "" : " @" + from;
            receiver = tree < 0 ? receiver : receiver.substring(0, tree);
            String[] parts = receiver.substring("twinbgp-".length()).split("\\+");
            boolean events = parts[0].endsWith("-events");
            String reactor = events ? parts[0].substring(0, parts[0].length() - "-events".length()) : parts[0];
            List<String> jvm = new ArrayList<>();
            Map<String, String> env = new LinkedHashMap<>();
            for (int i = 1; i < parts.length; i++) {
                switch (parts[i]) {
                    case "serialgc" -> jvm.add("-XX:+UseSerialGC");
                    // today's launcher heap options, for a TREE whose launcher predates them (like for like)
                    case "heap" -> jvm.add("-XX:+UseSerialGC -Xmn32m");
                    case "noaot" -> env.put("TWINBGP_AOT", "off");
                    default -> {
                        String options = System.getenv("TWINBGP_DAEMON_VARIANT_" + parts[i]);
                        if (options == null) {
                            throw new IllegalArgumentException("unknown JVM variant '" + parts[i] + "' in " + receiver
                                    + " (no TWINBGP_DAEMON_VARIANT_" + parts[i] + " in the environment)");
                        }
                        // NAME=VALUE words go to the launcher's environment (MALLOC_ARENA_MAX=2 ...)
                        for (String word : options.strip().split("\\s+")) {
                            if (word.matches("[A-Z_][A-Z0-9_]*=.*")) {
                                env.put(word.substring(0, word.indexOf('=')), word.substring(word.indexOf('=') + 1));
                            } else if (!word.isEmpty()) {
                                jvm.add(word);
                            }
                        }
                    }
                }
            }
            String variants = parts.length > 1 ? " +" + String.join(" +", java.util.Arrays.copyOfRange(parts, 1, parts.length)) : "";
            return TwinbgpDaemon.start(from, reactor, events, String.join(" ", jvm), env, dir, at, variants + label);
        }
        return switch (receiver) {
            case "bird" -> AnchorDaemon.start(Anchor.BIRD, dir, at);
            case "gobgp" -> AnchorDaemon.start(Anchor.GOBGP, dir, at);
            case "frr" -> FrrDaemon.start(dir, at);
            case "openbgpd" -> OpenBgpdDaemon.start(dir, at);
            case "exabgp" -> ExaBgpDaemon.start(dir, at);
            default -> throw new IllegalArgumentException("unknown receiver '" + receiver + "'");
        };
    }

    static void write(Path file, ObjectNode report) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report) + "\n");
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option value pairs, got '" + args[i] + "'");
            }
            o.put(args[i].substring(2), args[++i]);
        }
        return o;
    }
}
