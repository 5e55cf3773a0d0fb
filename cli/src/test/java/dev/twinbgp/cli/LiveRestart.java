package dev.twinbgp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.speaker.interop.Bird;
import dev.twinbgp.speaker.interop.Frr;
import dev.twinbgp.speaker.interop.GoBgp;
import dev.twinbgp.speaker.session.Ports;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/**
 * The real {@code twinbgp run} (the built jar, as a separate process) peering with BIRD 2, FRR and
 * GoBGP at once on loopback, all three with graceful restart, and restarted - SIGPWR (the stop
 * before a restart), then a new process, possibly with another {@code --reactor} - while a thread
 * per daemon reads that daemon's own count of our routes over and over. A restart passes when:
 * <ul>
 *   <li>every sample of every daemon, from the first full table to the end, shows the whole table
 *       (a withdrawal, or a flush of stale routes, would show as a smaller count);</li>
 *   <li>each daemon saw the session go down (our process ended without a NOTIFICATION: see
 *       {@code Stop.forRestart}) and then received our End-of-RIB on the new session: FRR's and
 *       GoBGP's per-session End-of-RIB flags (cleared while the session is down, set again), BIRD's
 *       "Neighbor graceful restart done" (logged when the End-of-RIB ends its restart recovery);</li>
 *   <li>BIRD counted no withdrawal from us at all ("Import withdraws" received).</li>
 * </ul>
 * Each switch is timed from the signal to the last daemon's End-of-RIB: reported, never asserted.
 */
final class LiveRestart implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(180);
    /** RFC 4724 restart time we advertise: far longer than a JVM takes to start again. */
    static final int RESTART_TIME = 120;
    private static final int HOLD_TIME = 9;
    private static final long OUR_AS = 65070;
    /** Documentation address (RFC 5737): GoBGP treats a loopback next hop as invalid. */
    private static final String OUR_NEXT_HOP = "192.0.2.1";
    /** Between two samples of one daemon (a sample itself takes 10-100 ms of the daemon's time). */
    private static final long SAMPLE_PAUSE_MILLIS = 100;

    private final Path dir;
    private final String ours;
    private final int routes;
    private final Bird bird;
    private final Frr frr;
    private final GoBgp gobgp;
    private final Path config;
    private Process speaker;
    private Path speakerLog;
    private int generation;

    private final AtomicBoolean sampling = new AtomicBoolean();
    private final List<Thread> samplers = new ArrayList<>();
    private final AtomicLong samples = new AtomicLong();
    private final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
    private final List<String> report = new ArrayList<>();

    /**
     * {@code base} is the first of 4 consecutive loopback addresses: ours, then BIRD's, FRR's and
     * GoBGP's (e.g. 127.0.0.71 .. 127.0.0.74).
     */
    LiveRestart(Path dir, int base, int routes) throws IOException {
        this.dir = dir;
        this.routes = routes;
        this.ours = "127.0.0." + base;
        String birdAt = "127.0.0." + (base + 1);
        String frrAt = "127.0.0." + (base + 2);
        String gobgpAt = "127.0.0." + (base + 3);
        int unused = port(ours); // the daemons' connect port: never used, they are passive
        int birdPort = port(birdAt);
        int frrPort = port(frrAt);
        int gobgpPort = port(gobgpAt);
        int gobgpApi = port(gobgpAt);
        while (gobgpApi == gobgpPort) {
            gobgpApi = port(gobgpAt);
        }
        bird = new Bird(dir.resolve("bird"), birdAt, birdPort, OUR_AS + 1, ours, unused, OUR_AS, HOLD_TIME, true)
                .withEventLog();
        frr = new Frr(dir.resolve("frr"), frrAt, frrPort, OUR_AS + 2, ours, unused, OUR_AS, HOLD_TIME, true);
        gobgp = new GoBgp(dir.resolve("gobgp"), gobgpAt, gobgpPort, gobgpApi, OUR_AS + 3, ours, unused, OUR_AS, HOLD_TIME,
                true).withGracefulRestart(RESTART_TIME);
        config = dir.resolve("twinbgp.conf");
        Files.writeString(config, configuration(birdAt, birdPort, frrAt, frrPort, gobgpAt, gobgpPort));
    }

    /**
     * A free port below Linux's ephemeral range (32768 and up): the samplers' client connections
     * take ephemeral ports all the time, and one taken between the check and the daemon's bind made
     * BIRD fail with "Address already in use".
     */
    private static int port(String address) {
        while (true) {
            int p = Ports.freeOn(address);
            if (p < 32768) {
                return p;
            }
        }
    }

    /** Three neighbors with {@code capability { graceful-restart 120; }}, as ExaBGP writes it. */
    private String configuration(String birdAt, int birdPort, String frrAt, int frrPort, String gobgpAt, int gobgpPort) {
        StringBuilder c = new StringBuilder();
        c.append("template {\n  neighbor common {\n");
        c.append("    router-id ").append(ours).append(";\n    local-address ").append(ours).append(";\n");
        c.append("    local-as ").append(OUR_AS).append(";\n    hold-time ").append(HOLD_TIME).append(";\n");
        c.append("    family { ipv4 unicast; }\n");
        c.append("    capability { graceful-restart ").append(RESTART_TIME).append("; }\n");
        c.append("    static {\n");
        for (String line : routeLines(routes)) {
            c.append("      ").append(line).append('\n');
        }
        c.append("    }\n  }\n}\n");
        c.append(neighbor(birdAt, OUR_AS + 1, birdPort));
        c.append(neighbor(frrAt, OUR_AS + 2, frrPort));
        c.append(neighbor(gobgpAt, OUR_AS + 3, gobgpPort));
        return c.toString();
    }

    private static String neighbor(String address, long asn, int port) {
        return "neighbor " + address + " { inherit common; peer-as " + asn + "; connect " + port + "; }\n";
    }

    /**
     * {@code count} /24s from 10.0.0.0 up, in as few {@code split /24} routes as the count's binary
     * digits (100,000 = 65,536 + 32,768 + 1,024 + 512 + 128 + 32): 10.0.0.0/8, 11.0.0.0/9, ...
     */
    static List<String> routeLines(int count) {
        List<String> lines = new ArrayList<>();
        long next = 10L << 24;
        for (int bit = 16; bit >= 0; bit--) {
            if ((count & (1 << bit)) == 0) {
                continue;
            }
            String prefix = (next >>> 24) + "." + (next >>> 16 & 0xFF) + "." + (next >>> 8 & 0xFF) + ".0/" + (24 - bit);
            lines.add("route " + prefix + " next-hop " + OUR_NEXT_HOP + (bit == 0 ? "" : " split /24") + ";");
            next += (1L << bit) << 8;
        }
        return lines;
    }

    void startDaemons() throws IOException {
        bird.start();
        frr.start();
        gobgp.start();
        bird.await("BIRD up", WAIT, () -> bird.birdc("show", "protocols").contains("peer"));
        frr.await("FRR up", WAIT, () -> frr.neighbor().has("bgpState"));
        gobgp.await("GoBGP up", WAIT, () -> gobgp.neighbor().has("state"));
    }

    /** Starts {@code twinbgp run --reactor reactor} and waits until every daemon holds the whole table. */
    void startSpeaker(String reactor) throws IOException {
        startProcess(reactor);
        awaitFullTable();
        startSampling();
    }

    /**
     * SIGPWR to the running speaker, a new one on {@code reactor}; returns the seconds from the
     * signal until the last daemon has our End-of-RIB.
     */
    double restart(String reactor) throws Exception {
        int birdDone = bird.gracefulRestartsDone();
        long start = System.nanoTime();
        signal("PWR", speaker); // the stop before a restart; SIGTERM would send Cease
        assertTrue(speaker.waitFor(30, TimeUnit.SECONDS), "twinbgp run ended within 30 s of SIGPWR");
        assertEquals(0, speaker.exitValue(), () -> "exit code of twinbgp run; its log:\n" + speakerLog());
        double exited = (System.nanoTime() - start) / 1e9;
        // Each daemon notices the end of the session (the TCP close) before the new process can connect.
        bird.await("BIRD: session down", WAIT, () -> !bird.established());
        frr.await("FRR: session down, End-of-RIB flag cleared", WAIT, () -> !frr.established() && !frr.endOfRibReceived());
        gobgp.await("GoBGP: session down, End-of-RIB flag cleared", WAIT,
                () -> gobgp.sessionState() != GoBgp.ESTABLISHED && !gobgp.endOfRibReceived());
        double down = (System.nanoTime() - start) / 1e9;
        startProcess(reactor);
        bird.await("BIRD: our End-of-RIB after the restart", WAIT, () -> bird.gracefulRestartsDone() == birdDone + 1);
        double birdAt = (System.nanoTime() - start) / 1e9;
        frr.await("FRR: our End-of-RIB after the restart", WAIT, () -> frr.established() && frr.endOfRibReceived());
        double frrAt = (System.nanoTime() - start) / 1e9;
        gobgp.await("GoBGP: our End-of-RIB after the restart", WAIT,
                () -> gobgp.sessionState() == GoBgp.ESTABLISHED && gobgp.endOfRibReceived());
        double seconds = (System.nanoTime() - start) / 1e9;
        // Awaited one after the other: each time is "done by then", measured from the signal.
        report.add(String.format(Locale.ROOT, "to %-8s %6.2f s from SIGPWR to the last End-of-RIB (old process exited"
                + " after %.2f s, all sessions seen down by %.2f s; End-of-RIB seen by BIRD by %.2f s, FRR by %.2f s,"
                + " GoBGP by %.2f s; load average %s)", reactor, seconds, exited, down, birdAt, frrAt, seconds, loadAverage()));
        return seconds;
    }

    /**
     * SIGTERM, the stop for good, after {@link #verify()}: every daemon gets Cease and drops our
     * routes at once, graceful restart or not (BIRD logs the Cease).
     */
    void stopForGood() throws Exception {
        speaker.destroy(); // SIGTERM
        assertTrue(speaker.waitFor(30, TimeUnit.SECONDS), "twinbgp run ended within 30 s of SIGTERM");
        assertEquals(0, speaker.exitValue(), () -> "exit code of twinbgp run; its log:\n" + speakerLog());
        bird.await("BIRD: Cease received, our routes gone", WAIT,
                () -> bird.log().contains("Received: Administrative shutdown") && bird.routeCount() == 0);
        frr.await("FRR: our routes gone", WAIT, () -> !frr.established() && frr.prefixesReceived() == 0);
        gobgp.await("GoBGP: our routes gone", WAIT, () -> gobgp.receivedCease() && gobgp.ribPaths() == 0);
    }

    /** The 1-minute load average (the machine is shared: the times mean little without it). */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    private static void signal(String name, Process process) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor(), "kill -" + name);
    }

    /** Stops sampling and checks what the daemons showed meanwhile. */
    void verify() throws InterruptedException {
        sampling.set(false);
        for (Thread t : samplers) {
            t.join(30_000);
        }
        assertTrue(violations.isEmpty(), () -> "a daemon held fewer (or more) than " + routes + " of our routes: "
                + String.join("; ", violations));
        assertTrue(samples.get() > 0, "the daemons' route counts were sampled");
        String stats = bird.birdc("show", "protocols", "all", "peer");
        String withdraws = stats.lines().filter(l -> l.strip().startsWith("Import withdraws:")).findFirst().orElse("");
        assertTrue(withdraws.strip().matches("Import withdraws:\\s+0\\s.*"), () -> "BIRD received no withdrawal:\n" + stats);
        report.add(samples.get() + " samples of the three daemons' route counts, every one " + routes);
    }

    List<String> report() {
        return report;
    }

    private void startProcess(String reactor) throws IOException {
        Path jar = Path.of("target", "twinbgp.jar");
        assertTrue(Files.isRegularFile(jar), "the package phase builds " + jar.toAbsolutePath());
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java));
        if (Runtime.version().feature() >= 23) {
            cmd.add("--sun-misc-unsafe-memory-access=allow"); // as ./twinbgp passes it
        }
        cmd.addAll(List.of("-jar", jar.toString(), "run", "--config", config.toString(), "--reactor", reactor,
                "--no-control-socket"));
        generation++;
        speakerLog = dir.resolve("twinbgp-" + generation + "-" + reactor + ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(speakerLog.toFile());
        pb.environment().remove("TWINBGP_REACTOR");
        speaker = pb.start();
    }

    private String speakerLog() {
        try {
            return Files.readString(speakerLog, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private void awaitFullTable() {
        bird.await("BIRD: " + routes + " routes", WAIT, () -> bird.routeCount() == routes);
        frr.await("FRR: " + routes + " routes", WAIT, () -> frr.prefixesReceived() == routes);
        gobgp.await("GoBGP: " + routes + " routes", WAIT, () -> gobgp.ribPaths() == routes);
        bird.await("BIRD: session established", WAIT, bird::established);
        frr.await("FRR: our End-of-RIB", WAIT, frr::endOfRibReceived);
        gobgp.await("GoBGP: our End-of-RIB", WAIT, gobgp::endOfRibReceived);
    }

    /** A thread per daemon, each reading that daemon's own count over and over, until {@link #verify()}. */
    private void startSampling() {
        sampling.set(true);
        sample("BIRD", bird::routeCount);
        sample("FRR", frr::prefixesReceived);
        sample("GoBGP", gobgp::ribPaths);
    }

    private void sample(String daemon, IntSupplier count) {
        Thread t = new Thread(() -> {
            while (sampling.get()) {
                try {
                    int n = count.getAsInt();
                    samples.incrementAndGet();
                    if (n != routes && violations.size() < 20) {
                        violations.add(daemon + " held " + n + " at " + java.time.LocalTime.now());
                    }
                } catch (RuntimeException clientFailed) {
                    // the client timed out or the daemon was busy: no sample, not a withdrawal
                }
                pause(); // a count of 100,000 routes is work for the daemon: leave it time for ours
            }
        }, "route-count-sampler-" + daemon);
        t.setDaemon(true);
        t.start();
        samplers.add(t);
    }

    private static void pause() {
        try {
            Thread.sleep(SAMPLE_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        sampling.set(false);
        if (speaker != null) {
            speaker.destroyForcibly();
        }
        gobgp.close();
        frr.close();
        bird.close();
    }
}
