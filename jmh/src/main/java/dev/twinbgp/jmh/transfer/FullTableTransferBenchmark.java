package dev.twinbgp.jmh.transfer;

import dev.twinbgp.jmh.Forks;
import dev.twinbgp.bgp.rib.Route;
import java.io.IOException;
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

/**
 * Issue 7, benchmark 1: speaker A sends a full IPv4 table to speaker B over loopback, on each of
 * the four reactor pairings and both table shapes.
 *
 * <p>One invocation is one whole transfer ({@link Mode#SingleShotTime}): the timed region starts
 * the receiver B (its reactor, the TCP connect to A and the OPEN/KEEPALIVE exchange: a few
 * milliseconds) and ends when B has End-of-RIB and holds all N prefixes (checked; a short table
 * throws). The table is built once per trial; the sender A, with the table in its Adj-RIB-Out,
 * is started fresh before each invocation, untimed.
 *
 * <p>Warm-up: 8 transfers. A 1M transfer now takes 0.1-0.3 s, so the decode and RIB paths get few
 * samples per transfer: the first transfers run 3-5x slower than steady state while C2 compiles,
 * and with 4 warm-ups the first measured ones were still settling (2026-11-22 full run).
 *
 * <p>Secondary results ({@link Counters}, one transfer per iteration so each is that transfer's):
 * {@code eorSeconds} from B's Established to B's End-of-RIB (the definition),
 * {@code prefixesPerSecond} and {@code bytesPerSecond} over that span, and {@code receiverHeapMB}:
 * the heap B retains with the table, measured after full GCs as used heap with B minus without.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 2, jvmArgsAppend = Forks.NATIVE_ACCESS)
@Warmup(iterations = 8)
@Measurement(iterations = 8)
@State(Scope.Benchmark)
public class FullTableTransferBenchmark {
    private static final long TIMEOUT_SECONDS = 300;

    @Param({"selector-selector", "selector-netty", "netty-selector", "netty-netty",
            "selector-virtual", "virtual-selector", "netty-virtual", "virtual-netty", "virtual-virtual"})
    public String pairing;

    @Param({"packed", "diverse"})
    public String shape;

    @Param({"1000000"})
    public int prefixes;

    private List<Route> table;
    private FullTableTransfer transfer;
    private TransferResult result;

    /** Per-iteration figures; JMH prints them beside the primary score. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Counters {
        public double eorSeconds;
        public double prefixesPerSecond;
        public double bytesPerSecond;
        public double receiverHeapMB;

        @Setup(Level.Iteration)
        public void reset() {
            eorSeconds = 0;
            prefixesPerSecond = 0;
            bytesPerSecond = 0;
            receiverHeapMB = 0;
        }
    }

    @Setup(Level.Trial)
    public void buildTable() {
        table = TableShape.valueOf(shape.toUpperCase(Locale.ROOT))
                .routes(prefixes, FullTableTransfer.SENDER_AS, FullTableTransfer.senderNextHop());
    }

    @Setup(Level.Invocation)
    public void startSender() throws IOException {
        transfer = FullTableTransfer.prepare(Pairing.of(pairing), table);
        FullTableTransfer.usedHeapAfterGc(); // start every transfer from a collected heap
    }

    @Benchmark
    public TransferResult transfer() throws IOException, InterruptedException {
        result = transfer.run(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return result;
    }

    @TearDown(Level.Invocation)
    public void measureAndStop(Counters counters) {
        try {
            if (result != null) {
                long heap = transfer.receiverHeapBytes();
                counters.eorSeconds += result.establishedToEorNanos() / 1e9;
                counters.prefixesPerSecond += result.prefixesPerSecond();
                counters.bytesPerSecond += result.bytesPerSecond();
                counters.receiverHeapMB += heap / 1e6;
                System.out.printf(Locale.ROOT, "%n  [%s %s N=%d] Established->EoR %.3f s, %.0f prefixes/s, %.1f MB/s"
                                + " (%d UPDATEs, %d octets), receiver heap %.1f MB%n",
                        pairing, shape, prefixes, result.establishedToEorNanos() / 1e9, result.prefixesPerSecond(),
                        result.bytesPerSecond() / 1e6, result.updates(), result.updateBytes(), heap / 1e6);
            }
        } finally {
            result = null;
            transfer.close();
            transfer = null;
        }
    }
}
