package dev.twinbgp.bgp.wire;

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
    @Test
    void frameDecodeEncodeStaysWithin16BytesPerPrefix() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean t && t.isThreadAllocatedMemorySupported(),
                "per-thread allocation counter not available on this JVM");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;

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
