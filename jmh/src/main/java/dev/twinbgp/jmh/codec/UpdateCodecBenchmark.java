package dev.twinbgp.jmh.codec;

import dev.twinbgp.jmh.Forks;
import dev.twinbgp.bgp.wire.Decoded;
import dev.twinbgp.bgp.wire.MessageDecoder;
import dev.twinbgp.bgp.wire.MessageEncoder;
import dev.twinbgp.bgp.wire.family.Nlri;
import dev.twinbgp.bgp.wire.family.Prefix;
import dev.twinbgp.bgp.wire.Update;
import dev.twinbgp.bgp.wire.UpdatePacker;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * UPDATE decode and encode throughput, in prefixes per second: every benchmark declares the prefixes
 * one call handles with {@link OperationsPerInvocation}, so JMH's ops/s are prefixes/s and, with
 * {@code -prof gc}, {@code gc.alloc.rate.norm} is bytes allocated per prefix.
 *
 * <p>Decoding must not be able to cheat by being lazy: every decoded prefix is visited (address and
 * length into the {@link Blackhole}) through the allocation-free {@link Nlri#forEachIpv4}, and the
 * attributes are touched. Encoding writes into a reused buffer, as a session's output buffer would.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = Forks.NATIVE_ACCESS)
@Threads(1)
public class UpdateCodecBenchmark {
    private byte[] fullWire;
    private byte[] typicalWire;
    private Update full;
    private Update typical;
    private List<Prefix> fullPrefixes;
    private ByteBuffer out;
    private PrefixSink sink;

    /** Consumes each prefix into the Blackhole; a field, so no lambda is allocated per call. */
    static final class PrefixSink implements Nlri.Ipv4Visitor {
        private final Blackhole bh;

        PrefixSink(Blackhole bh) {
            this.bh = bh;
        }

        @Override
        public void visit(long pathId, int address, int prefixLength) {
            bh.consume(address);
            bh.consume(prefixLength);
        }
    }

    @Setup
    public void setUp(Blackhole bh) {
        full = UpdateSamples.full();
        typical = UpdateSamples.typical();
        fullWire = UpdateSamples.wire(full);
        typicalWire = UpdateSamples.wire(typical);
        fullPrefixes = UpdateSamples.slash24s(UpdateSamples.FULL_PREFIXES);
        out = ByteBuffer.allocate(65536);
        sink = new PrefixSink(bh);
        // Sanity: what we decode is what we built, so a broken codec cannot look fast.
        if (!MessageDecoder.decode(fullWire, UpdateSamples.SESSION).message().equals(full)
                || !MessageDecoder.decode(typicalWire, UpdateSamples.SESSION).message().equals(typical)) {
            throw new IllegalStateException("decode(encode(u)) != u");
        }
    }

    private void consume(Decoded d, Blackhole bh) {
        Update u = (Update) d.message();
        // Touch the attributes without allocating here (pathLength() would stream): the figures are the codec's.
        bh.consume(u.attributes().size());
        u.nlri().forEachIpv4(sink);
    }

    /** Full 4096-octet UPDATE of 1013 /24s: decode, then visit every prefix. */
    @Benchmark
    @OperationsPerInvocation(UpdateSamples.FULL_PREFIXES)
    public void decodeFull(Blackhole bh) {
        consume(MessageDecoder.decode(fullWire, UpdateSamples.SESSION), bh);
    }

    /** Full UPDATE, already built (RIB-side wire-form NLRI), into the output buffer. */
    @Benchmark
    @OperationsPerInvocation(UpdateSamples.FULL_PREFIXES)
    public int encodeFull() {
        out.clear();
        MessageEncoder.encode(full, UpdateSamples.SESSION, out);
        return out.position();
    }

    /** 1013 Prefix objects packed into an UPDATE (UpdatePacker), then encoded into the output buffer. */
    @Benchmark
    @OperationsPerInvocation(UpdateSamples.FULL_PREFIXES)
    public int packAndEncodeFull() {
        out.clear();
        for (Update u : UpdatePacker.announceIpv4(UpdateSamples.FULL_ATTRIBUTES, fullPrefixes, UpdateSamples.SESSION)) {
            MessageEncoder.encode(u, UpdateSamples.SESSION, out);
        }
        return out.position();
    }

    /** Typical one-prefix UPDATE (AS_PATH of 5, 4 communities, MED, LOCAL_PREF): decode and visit. */
    @Benchmark
    public void decodeTypical(Blackhole bh) {
        consume(MessageDecoder.decode(typicalWire, UpdateSamples.SESSION), bh);
    }

    /** Typical one-prefix UPDATE into the output buffer. */
    @Benchmark
    public int encodeTypical() {
        out.clear();
        MessageEncoder.encode(typical, UpdateSamples.SESSION, out);
        return out.position();
    }
}
