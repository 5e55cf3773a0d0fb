package dev.twinbgp.bgp.wire;

import dev.twinbgp.bgp.wire.attribute.AsPathSegment;
import dev.twinbgp.bgp.wire.attribute.Attribute;
import dev.twinbgp.bgp.wire.attribute.AttributeScan;
import dev.twinbgp.bgp.wire.attribute.Attributes;
import dev.twinbgp.bgp.wire.family.Prefix;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The hot path of a full-table transfer allocates at most 16 bytes per prefix: framing, decoding and
 * re-encoding a full 4096-octet UPDATE of ~1000 IPv4 /24 prefixes. Counts bytes (from the JVM's
 * per-thread allocation counter), never time.
 */
class AllocationBudgetTest {
    private static com.sun.management.ThreadMXBean threads() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean t && t.isThreadAllocatedMemorySupported(),
                "per-thread allocation counter not available on this JVM");
        return (com.sun.management.ThreadMXBean) bean;
    }

    /** Bytes {@code r} allocates per run, over {@code runs} runs after as many to warm up. */
    private static double bytesPerRun(Runnable r, int runs) {
        com.sun.management.ThreadMXBean threads = threads();
        for (int i = 0; i < runs; i++) {
            r.run();
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < runs; i++) {
            r.run();
        }
        return (double) (threads.getCurrentThreadAllocatedBytes() - before) / runs;
    }

    /**
     * The common announcement (ORIGIN, AS_PATH of 5, NEXT_HOP, MED, LOCAL_PREF, 4 COMMUNITIES, one
     * prefix) takes the fast path: the attribute scan allocates nothing, and the whole UPDATE body
     * decodes to a handful of objects (Decoded.Ok, Update, Nlri, Attributes and its octets), where
     * decoding every attribute into objects takes ~820 (224 and 824 on JDK 25).
     */
    @Test
    void aTypicalAnnouncementDecodesWithoutAttributeObjects() {
        Attributes attrs = Attributes.of(new Attribute.Origin(0),
                new Attribute.AsPath(List.of(AsPathSegment.sequence(64500L, 3356L, 1299L, 174L, 4200000001L))),
                Attribute.NextHop.of("192.0.2.1"), new Attribute.MultiExitDisc(50), new Attribute.LocalPref(100),
                new Attribute.Communities(List.of(3356L << 16 | 2, 3356L << 16 | 22, 3356L << 16 | 100, 3356L << 16 | 123)));
        byte[] wire = MessageEncoder.encode(Update.announce(attrs, Samples.ipv4(false, "203.0.113.0/24")), Samples.ASN4);
        byte[] body = java.util.Arrays.copyOfRange(wire, MessageFramer.HEADER_LENGTH, wire.length);
        int aOff = 4;
        int alen = Bytes.u16(body, 2);
        boolean[] ok = {true};
        double scan = bytesPerRun(() -> ok[0] &= AttributeScan.accepts(body, aOff, alen, true), 200_000);
        assertTrue(ok[0]);
        assertTrue(scan < 1, "the scan allocated " + scan + " bytes per call");
        Object[] sink = new Object[1];
        double decode = bytesPerRun(() -> sink[0] = UpdateCodec.decode(body, 0, body.length, Samples.ASN4), 200_000);
        System.out.printf("typical UPDATE decode: %.0f bytes%n", decode);
        assertTrue(decode <= 256, "decoding allocated " + decode + " bytes per UPDATE");
    }

    @Test
    void frameDecodeEncodeStaysWithin16BytesPerPrefix() {
        com.sun.management.ThreadMXBean threads = threads();

        Attributes attrs = Attributes.of(new Attribute.Origin(0), Attribute.AsPath.sequence(65001L, 65002L),
                Attribute.NextHop.of("192.0.2.1"), new Attribute.LocalPref(100));
        List<Prefix> prefixes = new ArrayList<>();
        for (int i = 0; i < 1010; i++) {
            prefixes.add(Prefix.ipv4(0x0A000000 + (i << 8), 24));
        }
        Update u = UpdatePacker.announceIpv4(attrs, prefixes, Samples.ASN4).get(0);
        byte[] wire = MessageEncoder.encode(u, Samples.ASN4);
        assertTrue(wire.length > 4000 && u.nlri().size() > 990);

        MessageFramer framer = new MessageFramer();
        long[] prefixCount = {0};
        Runnable once = () -> framer.feed(ByteBuffer.wrap(wire), f -> {
            Update d = (Update) MessageDecoder.decode(f, Samples.ASN4).message();
            prefixCount[0] += d.nlri().size();
            MessageEncoder.encode(d, Samples.ASN4);
        });
        for (int i = 0; i < 2000; i++) {
            once.run(); // warm up
        }
        prefixCount[0] = 0;
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 500; i++) {
            once.run();
        }
        long bytes = threads.getCurrentThreadAllocatedBytes() - before;
        double perPrefix = (double) bytes / prefixCount[0];
        assertTrue(perPrefix <= 16, "allocated " + perPrefix + " bytes per prefix");
    }
}
