package dev.twinbgp.jmh.daemon;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.twinbgp.jmh.anchor.Anchor;
import dev.twinbgp.jmh.anchor.AnchorReceiver;
import dev.twinbgp.reactor.Reactors;
import dev.twinbgp.speaker.session.FreePort;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * twinbgp as the sender (issue 18): a fresh {@code twinbgp run} peered with BIRD 2 (passive, as in the
 * anchors), the table coming from
 * <ul>
 *   <li>{@code api}: a process ({@code cat} of a file, then idle) printing N {@code announce route P next-hop
 *   192.0.2.1 med M community [65001:C]} lines (M and C change every 4 routes) - a health checker's or DDoS detector's path;
 *   timed from the process start (twinbgp's log line {@code process ...: started}, read from
 *   its stderr) until BIRD's import counter shows all N;</li>
 *   <li>{@code config}: the same routes as {@code static} routes of the configuration; timed from twinbgp's
 *   {@code peer ... up} log line until BIRD holds all N.</li>
 *   <li>{@code flow}: a process printing N FlowSpec rules ({@link #flow}: a DDoS detector's path), BIRD 2 with
 *   its flow4/flow6 channels; timed as {@code api}, until BIRD's flow4 channel has imported all N.</li>
 * </ul>
 * Also reported: from the JVM's launch, and twinbgp's peak RSS. Same machine, one after the other.
 *
 * <pre>
 * SendBenchmark --root REPO [--prefixes N] [--rounds R] [--modes api,config] [--reactors A,B,... (default: every reactor)] [--work DIR] [--json FILE]
 * </pre>
 */
public final class SendBenchmark {
    private SendBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        var o = DaemonBenchmark.options(args);
        Path root = Path.of(o.getOrDefault("root", ".")).toAbsolutePath();
        int prefixes = Integer.parseInt(o.getOrDefault("prefixes", "1000000"));
        int rounds = Integer.parseInt(o.getOrDefault("rounds", "2"));
        List<String> modes = List.of(o.getOrDefault("modes", "api,config").split(","));
        List<String> reactors = o.containsKey("reactors") ? List.of(o.get("reactors").split(",")) : Reactors.available();
        Path work = Path.of(o.getOrDefault("work", Files.createTempDirectory("twinbgp-send").toString()));
        Path json = Path.of(o.getOrDefault("json", "send.json"));
        Files.createDirectories(work);
        Path routes = work.resolve("routes-" + prefixes + ".txt");
        writeRoutes(routes, prefixes);
        Path flows = work.resolve("flows-" + prefixes + ".txt");
        if (modes.contains("flow")) {
            writeFlows(flows, prefixes);
        }

        ObjectNode report = new ObjectMapper().createObjectNode();
        report.put("benchmark", "send");
        report.put("started", Instant.now().toString());
        report.put("prefixes", prefixes);
        report.set("machine", Machine.describe());
        ArrayNode results = report.putArray("results");
        for (int round = 1; round <= rounds; round++) {
            for (String mode : modes) {
                for (String reactor : reactors) {
                    ObjectNode r = results.addObject();
                    r.put("round", round);
                    r.put("mode", mode);
                    r.put("reactor", reactor);
                    try {
                        measure(root, mode, reactor, mode.equals("flow") ? flows : routes, prefixes, work.resolve("r" + round + "-" + mode + "-" + reactor), r);
                    } catch (RuntimeException | IOException e) {
                        r.put("error", String.valueOf(e.getMessage()));
                    }
                    System.err.println(r);
                    DaemonBenchmark.write(json, report);
                }
            }
        }
        report.put("finished", Instant.now().toString());
        report.put("loadAverageAtEnd", Machine.loadAverage());
        DaemonBenchmark.write(json, report);
    }

    /**
     * Route i: /24 number i from 16.0.0.0; MED and community change every 4 routes, as the attribute sets of
     * the diverse table do (so about 250,000 attribute sets per million routes).
     */
    static String route(int i) {
        int a = (16 << 24) + (i << 8);
        int set = i / 4;
        return String.format(Locale.ROOT, "%d.%d.%d.0/24 next-hop 192.0.2.1 med %d community [65001:%d]",
                a >>> 24, a >>> 16 & 0xFF, a >>> 8 & 0xFF, set % 1000, set % 65536);
    }

    /**
     * FlowSpec rule i (RFC 8955): traffic to the /32 number i from 16.0.0.0, UDP from port 53 (a reflection
     * attack), dropped - each rule its own NLRI, all with the same action (traffic-rate 0).
     */
    static String flow(int i) {
        int a = (16 << 24) + i;
        return String.format(Locale.ROOT, "destination %d.%d.%d.%d/32 protocol =udp source-port =53 then discard",
                a >>> 24, a >>> 16 & 0xFF, a >>> 8 & 0xFF, a & 0xFF);
    }

    private static void writeFlows(Path file, int n) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            for (int i = 0; i < n; i++) {
                w.write("announce flow route ");
                w.write(flow(i));
                w.write('\n');
            }
        }
    }

    private static void writeRoutes(Path file, int n) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            for (int i = 0; i < n; i++) {
                w.write("announce route ");
                w.write(route(i));
                w.write('\n');
            }
        }
    }

    private static void measure(Path root, String mode, String reactor, Path routes, int n, Path dir, ObjectNode r)
            throws IOException {
        Files.createDirectories(dir);
        InetAddress at = InetAddress.getByName(DaemonBenchmark.RECEIVER);
        int port = FreePort.on(at);
        AnchorReceiver.Endpoint endpoint = new AnchorReceiver.Endpoint(
                DaemonBenchmark.RECEIVER, port, DaemonBenchmark.RECEIVER_AS, DaemonBenchmark.SENDER, DaemonBenchmark.SENDER_AS);
        boolean flow = mode.equals("flow");
        AnchorReceiver bird = flow ? AnchorReceiver.birdFlowSpec(dir.resolve("bird"), endpoint)
                : AnchorReceiver.start(Anchor.BIRD, dir.resolve("bird"), endpoint);
        Process twin = null;
        try {
            StringBuilder conf = new StringBuilder();
            if (mode.equals("api") || flow) {
                Path script = dir.resolve("feed.sh");
                Files.writeString(script, "cat " + routes + "\nexec sleep 3600\n");
                conf.append("process feed { run /bin/sh ").append(script).append("; encoder text; }\n");
            }
            conf.append("""
                    neighbor %s {
                        router-id %s;
                        local-address %s;
                        local-as %d;
                        peer-as %d;
                        hold-time 240;
                        connect %d;
                        family { %s; }
                    """.formatted(DaemonBenchmark.RECEIVER, DaemonBenchmark.SENDER, DaemonBenchmark.SENDER,
                    DaemonBenchmark.SENDER_AS, DaemonBenchmark.RECEIVER_AS, port, flow ? "ipv4 flow" : "ipv4 unicast"));
            if (mode.equals("api") || flow) {
                conf.append("    api { processes [ feed ]; }\n");
            } else {
                conf.append("    static {\n");
                for (int i = 0; i < n; i++) {
                    conf.append("        route ").append(route(i)).append(";\n");
                }
                conf.append("    }\n");
            }
            conf.append("}\n");
            Path confFile = dir.resolve("twinbgp.conf");
            Files.writeString(confFile, conf);
            List<String> cmd = new ArrayList<>(List.of(root.resolve("twinbgp").toString(), "run", "--config", confFile.toString(),
                    "--reactor", reactor, "--no-control-socket"));
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(dir.resolve("stdout.log").toFile());
            String extra = System.getenv("TWINBGP_DAEMON_JAVA_OPTS");
            if (extra != null) {
                pb.environment().put("TWINBGP_JAVA_OPTS", extra);
            }
            long launched = System.nanoTime();
            twin = pb.start();
            AtomicLong processStarted = new AtomicLong();
            AtomicLong up = new AtomicLong();
            // Per-thread CPU when the timed phase starts (the API process's start, or the session's for config),
            // so the report can say where the CPU of that phase went (compilers, collector, loop, reader).
            java.util.concurrent.atomic.AtomicReference<ObjectNode> atStart = new java.util.concurrent.atomic.AtomicReference<>();
            boolean fromProcess = mode.equals("api") || flow;
            StringBuilder log = new StringBuilder();
            Process p = twin;
            Thread.ofPlatform().daemon().start(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        long now = System.nanoTime();
                        if (line.contains("process feed: started")) {
                            processStarted.compareAndSet(0, now);
                            if (fromProcess) {
                                atStart.compareAndSet(null, Machine.threadCpuSeconds(p.pid()));
                            }
                        } else if (line.contains(" up: hold time")) {
                            up.compareAndSet(0, now);
                            if (!fromProcess) {
                                atStart.compareAndSet(null, Machine.threadCpuSeconds(p.pid()));
                            }
                        }
                        synchronized (log) {
                            log.append(line).append('\n');
                        }
                    }
                } catch (IOException e) {
                    // ended
                }
            });
            long deadline = launched + TimeUnit.SECONDS.toNanos(600);
            long held;
            long answered;
            long firstHeld = 0; // when BIRD first showed a route: the start latency, apart from the rate after it
            while (true) {
                held = bird.routesImported();
                answered = System.nanoTime();
                if (held > 0 && firstHeld == 0) {
                    firstHeld = answered;
                }
                if (held >= n) {
                    break;
                }
                if (!twin.isAlive() || answered > deadline) {
                    synchronized (log) {
                        throw new IllegalStateException("BIRD holds " + held + " of " + n + "; twinbgp log:\n" + Receiver.tailOf(log.toString()));
                    }
                }
                java.util.concurrent.locks.LockSupport.parkNanos(Anchor.BIRD.pollInterval().toNanos());
            }
            r.put("fromLaunch", (answered - launched) / 1e9);
            if (up.get() != 0) {
                r.put("fromUp", (answered - up.get()) / 1e9);
            }
            if (processStarted.get() != 0) {
                r.put("fromProcessStart", (answered - processStarted.get()) / 1e9);
            }
            long timedFrom = fromProcess ? processStarted.get() : up.get();
            if (timedFrom != 0 && firstHeld != 0) { // from the timed phase's start until BIRD showed its first route
                r.put("firstRouteHeld", (firstHeld - timedFrom) / 1e9);
            }
            r.put("twinbgpCpuSeconds", Machine.cpuSeconds(twin.pid()));
            ObjectNode threads = Machine.threadCpuSeconds(twin.pid());
            r.set("twinbgpThreadCpuSeconds", threads);
            ObjectNode before = atStart.get();
            if (before != null) { // the timed phase alone: CPU per thread name since its start
                ObjectNode phase = r.putObject("twinbgpThreadCpuSecondsTimed");
                threads.fieldNames().forEachRemaining(name -> phase.put(name,
                        Math.round((threads.path(name).asDouble() - before.path(name).asDouble(0)) * 100) / 100.0));
            }
            r.put("birdCpuSeconds", Machine.cpuSeconds(bird.pid()));
            r.put("loadAverage", Machine.loadAverage());
            r.put("twinbgpPeakRssMiB", Machine.vmHwmKiB(twin.pid()) / 1024.0);
            r.put("birdPeakRssMiB", Machine.vmHwmKiB(bird.pid()) / 1024.0);
            synchronized (log) { // twinbgp's log of the run (stderr), beside its stdout: its timestamps say when each phase began
                Files.writeString(dir.resolve("stderr.log"), log);
            }
        } finally {
            if (twin != null) {
                Machine.dumpFlightRecording(twin.pid());
                twin.destroy();
                try {
                    if (!twin.waitFor(15, TimeUnit.SECONDS)) {
                        twin.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            bird.close();
        }
    }
}
