package dev.twinbgp.jmh.anchor;

import dev.twinbgp.jmh.Forks;
import dev.twinbgp.bgp.rib.Route;
import dev.twinbgp.jmh.transfer.FullTableTransfer;
import dev.twinbgp.jmh.transfer.TableShape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * Issue 7, benchmark 5: the anchors. The full-table transfer's sender (a twinbgp speaker on either
 * reactor) sends the same table ({@link TableShape}, packed and diverse) to BIRD 2 and to GoBGP
 * on loopback instead of to a twinbgp receiver, in the same run as
 * {@code FullTableTransferBenchmark}, so the report states twinbgp's receive time as a ratio to
 * theirs measured together.
 *
 * <p>One invocation = one transfer ({@link Mode#SingleShotTime}). Before it, untimed: a fresh
 * daemon starts with a generated configuration in its own directory, on its own port, and
 * answers its control interface. Timed: the sender starts (loading its Adj-RIB-Out with the
 * table, which the full-table transfer does untimed), connects, and sends; the invocation ends
 * when a poll sees the daemon holding all N routes. After it, untimed: the daemon's table is
 * checked exactly ({@link AnchorTransfer#verify}: a short table fails the run) and both stop.
 *
 * <p>So JMH's score is not the figure to compare; the secondary results are ({@link Counters},
 * one transfer per iteration): {@code receivedSeconds} from Established to all N held (the
 * full-table transfer's {@code eorSeconds} counterpart), {@code prefixesPerSecond},
 * {@code bytesPerSecond}, and the polling's own cost: {@code pollMillis} (mean query latency)
 * and {@code pollPeriodMillis} (latency + pause: the resolution of {@code receivedSeconds}), and
 * {@code senderDoneSeconds}: Established to the sender's End-of-RIB handed to the connection, the
 * floor under any receiver's time with this sender.
 *
 * <p>A daemon that is not installed fails the benchmark with a message saying what to install.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = Forks.NATIVE_ACCESS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@State(Scope.Benchmark)
public class AnchorTransferBenchmark {
    private static final Duration TIMEOUT = Duration.ofSeconds(300);

    @Param({"bird", "gobgp"})
    public String receiver;

    /** The sender's reactor. */
    @Param({"selector", "netty", "virtual"})
    public String sender;

    @Param({"packed", "diverse"})
    public String shape;

    @Param({"1000000"})
    public int prefixes;

    private Anchor anchor;
    private List<Route> table;
    private Path workDir;
    private AnchorTransfer transfer;
    private AnchorResult result;

    /** Per-iteration figures; JMH prints them beside the primary score. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Counters {
        public double receivedSeconds;
        public double prefixesPerSecond;
        public double bytesPerSecond;
        public double pollMillis;
        public double pollPeriodMillis;
        public double senderDoneSeconds;

        @Setup(Level.Iteration)
        public void reset() {
            receivedSeconds = 0;
            prefixesPerSecond = 0;
            bytesPerSecond = 0;
            pollMillis = 0;
            pollPeriodMillis = 0;
            senderDoneSeconds = 0;
        }
    }

    @Setup(Level.Trial)
    public void buildTable() throws IOException {
        anchor = Anchor.of(receiver);
        anchor.requireInstalled();
        table = AnchorTransfer.table(TableShape.valueOf(shape.toUpperCase(Locale.ROOT)), prefixes);
        workDir = Files.createTempDirectory("twinbgp-anchor-" + anchor.label());
    }

    @Setup(Level.Invocation)
    public void startDaemon() throws IOException {
        transfer = AnchorTransfer.prepare(anchor, sender, table, workDir.resolve(anchor.label()));
        FullTableTransfer.usedHeapAfterGc(); // start every transfer from a collected heap
    }

    @Benchmark
    public AnchorResult transfer() throws IOException {
        result = transfer.run(TIMEOUT);
        return result;
    }

    @TearDown(Level.Invocation)
    public void checkAndStop(Counters counters) {
        try {
            if (result != null) {
                transfer.verify();
                counters.receivedSeconds += result.establishedToAllNanos() / 1e9;
                counters.prefixesPerSecond += result.prefixesPerSecond();
                counters.bytesPerSecond += result.bytesPerSecond();
                counters.pollMillis += result.meanPollNanos() / 1e6;
                counters.pollPeriodMillis += result.pollPeriodNanos() / 1e6;
                counters.senderDoneSeconds += result.senderDoneNanos() / 1e9;
                System.out.printf(Locale.ROOT, "%n  [%s <- %s %s N=%d] Established->all %.3f s, %.0f prefixes/s,"
                                + " %d polls of %.2f ms every %.1f ms; sender done after %.3f s%n",
                        anchor.displayName(), sender, shape, prefixes, result.establishedToAllNanos() / 1e9,
                        result.prefixesPerSecond(), result.polls(), result.meanPollNanos() / 1e6,
                        result.pollPeriodNanos() / 1e6, result.senderDoneNanos() / 1e9);
            }
        } finally {
            result = null;
            transfer.close();
            transfer = null;
            deleteTree(workDir.resolve(anchor.label())); // a fresh directory per daemon
        }
    }

    @TearDown(Level.Trial)
    public void removeWorkDir() {
        deleteTree(workDir);
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
