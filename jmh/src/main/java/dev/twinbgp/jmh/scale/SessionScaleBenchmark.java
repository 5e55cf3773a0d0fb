package dev.twinbgp.jmh.scale;

import dev.twinbgp.jmh.Forks;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 7, benchmark 2: {@code sessions} BGP sessions against one speaker, per reactor.
 *
 * <p>The speaker under test runs in the JMH fork; the clients run in child JVMs on the same
 * reactor ({@link SessionScale}; one per {@value ScalePlan#MAX_LISTENERS} sessions, see
 * {@link ScalePlan}), so the heap and CPU figures are the speaker's alone. One
 * invocation ({@link Mode#SingleShotTime}) is one run: untimed, a fresh speaker with every peer
 * configured starts, and the heap baseline is taken (the client processes are started once per trial
 * and serve every run, so its JIT is warm after the first); timed, the clients
 * all connect at once and the invocation ends when the speaker has every session Established
 * (checked; a missing or dropped session throws). Then, untimed, the heap per session and the
 * CPU over an idle window of {@code idleSeconds}, after which every session must still be up.
 *
 * <p>Hold time 9 s (keepalive every 3 s) on purpose: the idle window then includes about three
 * keepalive rounds per session, so the idle CPU is the real cost of keeping the sessions, not zero
 * by construction.
 *
 * <p>Secondary results ({@link Counters}, one run per iteration): {@code sessionsPerSecond} from the
 * first accepted connection to the last session Established, {@code heapKiBPerSession} and {@code directKiBPerSession}
 * (JDK-tracked direct buffers), {@code failedAttempts} (attempts that ended before Established and
 * were retried: they slow establishment but are not failures), and over the
 * idle window {@code idleLoopCpuPercent} (the speaker's loop threads, ThreadMXBean) and
 * {@code idleProcessCpuPercent} (the whole fork: GC, JIT and JMH too), both in % of one core.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 2, jvmArgsAppend = {Forks.NATIVE_ACCESS, "-Dtwinbgp.log.level=WARN"})
@Warmup(iterations = 2)
@Measurement(iterations = 4)
@State(Scope.Benchmark)
public class SessionScaleBenchmark {
    private static final long TIMEOUT_SECONDS = 120;
    static final int HOLD_TIME = 9;

    @Param({"selector", "netty", "virtual"})
    public String reactor;

    @Param({"1000"})
    public int sessions;

    /** The clients' reactor; empty: the speaker's ({@link #reactor}). Another one tells which side is slow. */
    @Param({""})
    public String clientReactor;

    @Param({"10"})
    public int idleSeconds;

    private ClientProcesses clients;
    private SessionScale scale;
    private boolean established;

    /** Per-iteration figures; JMH prints them beside the primary score. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Counters {
        public double sessionsPerSecond;
        public double heapKiBPerSession;
        public double idleLoopCpuPercent;
        public double idleProcessCpuPercent;
        public double directKiBPerSession;
        public double failedAttempts;

        @Setup(Level.Iteration)
        public void reset() {
            sessionsPerSecond = 0;
            heapKiBPerSession = 0;
            idleLoopCpuPercent = 0;
            idleProcessCpuPercent = 0;
            directKiBPerSession = 0;
            failedAttempts = 0;
        }
    }

    @Setup(Level.Trial)
    public void startClientProcess() throws IOException, InterruptedException {
        clients = ClientProcesses.start(clientReactor.isEmpty() ? reactor : clientReactor, sessions, ScalePlan.MAX_LISTENERS, HOLD_TIME);
    }

    @TearDown(Level.Trial)
    public void stopClientProcess() {
        clients.close();
    }

    @Setup(Level.Invocation)
    public void startSpeaker() throws IOException {
        scale = SessionScale.prepare(reactor, HOLD_TIME, clients);
    }

    @Benchmark
    public int establish() throws IOException, InterruptedException {
        try {
            scale.establish(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException | RuntimeException e) {
            // JMH skips the invocation teardown when the benchmark throws: stop here, or the
            // loop threads and the client process outlive the failed iteration.
            scale.close();
            throw e;
        }
        established = true;
        return sessions;
    }

    @TearDown(Level.Invocation)
    public void measureAndStop(Counters counters) throws InterruptedException {
        try {
            if (established) {
                ScaleResult r = scale.measure(Duration.ofSeconds(idleSeconds));
                counters.sessionsPerSecond += r.sessionsPerSecond();
                counters.heapKiBPerSession += r.heapBytesPerSession() / 1024;
                counters.idleLoopCpuPercent += r.idleLoopCpuPercent();
                counters.idleProcessCpuPercent += r.idleProcessCpuPercent();
                counters.directKiBPerSession += r.directBytesPerSession() / 1024;
                counters.failedAttempts += r.failedAttempts();
                System.out.printf(Locale.ROOT, "%n  [%s, %d sessions] established in %.3f s (%.0f sessions/s, %d failed"
                                + " attempts retried), %.1f KiB heap and %.1f KiB direct per session; idle %.1f s:"
                                + " loop threads (%d) %.2f %% of a core, process %.2f %%%n",
                        reactor, r.sessions(), r.establishNanos() / 1e9, r.sessionsPerSecond(), r.failedAttempts(),
                        r.heapBytesPerSession() / 1024, r.directBytesPerSession() / 1024, r.idleNanos() / 1e9, r.loopThreads(),
                        r.idleLoopCpuPercent(), r.idleProcessCpuPercent());
            }
        } finally {
            established = false;
            scale.close();
            scale = null;
        }
    }
}
