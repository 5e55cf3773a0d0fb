package dev.twinbgp.jmh.keepalive;

import dev.twinbgp.jmh.Forks;
import dev.twinbgp.bgp.rib.Route;
import dev.twinbgp.jmh.transfer.FullTableTransfer;
import dev.twinbgp.jmh.transfer.Pairing;
import dev.twinbgp.jmh.transfer.TableShape;
import dev.twinbgp.jmh.transfer.TransferResult;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
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
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * Issue 7, benchmark 3: KEEPALIVE gaps on session 2 (hold time 3 s, so a KEEPALIVE every second)
 * while a full table streams on session 1 between the same two speakers ({@link
 * KeepaliveUnderLoad}), on each reactor pairing.
 *
 * <p>One invocation ({@link Mode#SingleShotTime}) is one transfer: untimed, fresh speakers start
 * and both sessions come up; timed, A announces the table and End-of-RIB on session 1 and the
 * invocation ends when B holds all N prefixes (checked; session 1 must not have dropped). Untimed
 * afterwards, the next KEEPALIVE in each direction is awaited and the gaps covering the transfer
 * are taken.
 *
 * <p>Secondary results ({@link Counters}): per transfer, {@code transferSeconds} and the largest gap
 * in each direction ({@code fromSenderMaxGapMs}: KEEPALIVEs the loaded sender A sent, arriving at
 * B; {@code fromReceiverMaxGapMs}: those of the loaded receiver B, arriving at A), with
 * {@code fromSenderGaps}/{@code fromReceiverGaps} counting them, and {@code keepaliveSessionDrops}:
 * how often session 2 went down (its hold timer expired: a gap of 3 s or more; it restarts and the
 * gap runs until the KEEPALIVE that re-establishes it). Session 1 dropping fails the run. A transfer of a few seconds spans
 * only a few gaps, so the 99th percentiles ({@code ...P99GapMs}) are over every gap of the fork's
 * measured transfers so far: the last iteration of a fork carries the fork's figure.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 2, jvmArgsAppend = {Forks.NATIVE_ACCESS, "-Dtwinbgp.log.level=WARN"})
@Warmup(iterations = 2)
@Measurement(iterations = 6)
@State(Scope.Benchmark)
public class KeepaliveUnderLoadBenchmark {
    private static final long TIMEOUT_SECONDS = 300;

    @Param({"selector-selector", "selector-netty", "netty-selector", "netty-netty",
            "selector-virtual", "virtual-selector", "netty-virtual", "virtual-netty", "virtual-virtual"})
    public String pairing;

    @Param({"diverse"})
    public String shape;

    @Param({"1000000"})
    public int prefixes;

    private List<Route> table;
    private KeepaliveUnderLoad run;
    private TransferResult transfer;
    /** Every gap of this fork's measured transfers, per direction. */
    private long[] fromSenderPool = new long[0];
    private long[] fromReceiverPool = new long[0];
    private boolean measuring;

    /** Per-iteration figures; JMH prints them beside the primary score. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Counters {
        public double transferSeconds;
        public double fromSenderMaxGapMs;
        public double fromSenderP99GapMs;
        public double fromSenderGaps;
        public double fromReceiverMaxGapMs;
        public double fromReceiverP99GapMs;
        public double fromReceiverGaps;
        public double keepaliveSessionDrops;

        @Setup(Level.Iteration)
        public void reset() {
            transferSeconds = 0;
            fromSenderMaxGapMs = 0;
            fromSenderP99GapMs = 0;
            fromSenderGaps = 0;
            fromReceiverMaxGapMs = 0;
            fromReceiverP99GapMs = 0;
            fromReceiverGaps = 0;
            keepaliveSessionDrops = 0;
        }
    }

    @Setup(Level.Trial)
    public void buildTable() {
        table = TableShape.valueOf(shape.toUpperCase(Locale.ROOT))
                .routes(prefixes, FullTableTransfer.SENDER_AS, KeepaliveUnderLoad.senderNextHop());
    }

    @Setup(Level.Iteration)
    public void poolMeasuredOnly(IterationParams iteration) {
        boolean measurement = iteration.getType() == IterationType.MEASUREMENT;
        if (!measurement || !measuring) { // every warm-up, and the first measurement, start empty
            fromSenderPool = new long[0];
            fromReceiverPool = new long[0];
        }
        measuring = measurement;
    }

    @Setup(Level.Invocation)
    public void startSpeakers() throws IOException, InterruptedException {
        run = KeepaliveUnderLoad.prepare(Pairing.of(pairing), table);
        FullTableTransfer.usedHeapAfterGc(); // start every transfer from a collected heap
    }

    @Benchmark
    public TransferResult transfer() throws InterruptedException {
        try {
            transfer = run.run(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException | RuntimeException e) {
            run.close(); // JMH skips the invocation teardown when the benchmark throws
            throw e;
        }
        return transfer;
    }

    @TearDown(Level.Invocation)
    public void measureAndStop(Counters counters) throws InterruptedException {
        try {
            if (transfer != null) {
                KeepaliveResult r = run.gaps(transfer);
                fromSenderPool = concat(fromSenderPool, r.fromSenderGaps());
                fromReceiverPool = concat(fromReceiverPool, r.fromReceiverGaps());
                counters.transferSeconds += transfer.establishedToEorNanos() / 1e9;
                counters.fromSenderMaxGapMs += KeepaliveGaps.max(r.fromSenderGaps()) / 1e6;
                counters.fromSenderP99GapMs += KeepaliveGaps.percentile(fromSenderPool, 99) / 1e6;
                counters.fromSenderGaps += r.fromSenderGaps().length;
                counters.fromReceiverMaxGapMs += KeepaliveGaps.max(r.fromReceiverGaps()) / 1e6;
                counters.fromReceiverP99GapMs += KeepaliveGaps.percentile(fromReceiverPool, 99) / 1e6;
                counters.fromReceiverGaps += r.fromReceiverGaps().length;
                counters.keepaliveSessionDrops += r.drops();
                System.out.printf(Locale.ROOT, "%n  [%s %s N=%d] transfer %.3f s; KEEPALIVE gaps (ms) from the loaded"
                                + " sender %s, from the loaded receiver %s; session 2 dropped %d time(s)%n",
                        pairing, shape, prefixes, transfer.establishedToEorNanos() / 1e9,
                        millis(r.fromSenderGaps()), millis(r.fromReceiverGaps()), r.drops());
            }
        } finally {
            transfer = null;
            run.close();
            run = null;
        }
    }

    private static long[] concat(long[] a, long[] b) {
        long[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static String millis(long[] gaps) {
        return Arrays.toString(Arrays.stream(gaps).map(g -> Math.round(g / 1e6)).toArray());
    }
}
