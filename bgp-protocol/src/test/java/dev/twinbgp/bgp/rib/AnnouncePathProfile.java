package dev.twinbgp.bgp.rib;

import dev.twinbgp.bgp.wire.MessageEncoder;
import dev.twinbgp.bgp.wire.Update;
import dev.twinbgp.bgp.wire.attribute.Attribute;
import dev.twinbgp.bgp.wire.attribute.Attributes;
import dev.twinbgp.bgp.wire.capability.Negotiated;
import dev.twinbgp.bgp.wire.family.Prefix;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Not a test: the session loop's share of an API injection alone, in process - the routes of 1,000,000 API lines
 * (runs of 4 prefixes sharing one new {@link Path} instance, 250,000 distinct paths, as the API reader hands them
 * over) added to a fresh {@link AdjRibOut} in batches of 2,000, each batch's UPDATEs packed and encoded into a
 * buffer as the session writes them. Prints the thread's CPU and allocation per round (the first one cold).
 * <pre>
 * java -XX:+UseSerialGC -Xmn14m -cp bgp-protocol/target/classes:bgp-protocol/target/test-classes \
 *   dev.twinbgp.bgp.rib.AnnouncePathProfile 3
 * </pre>
 */
public final class AnnouncePathProfile {
    private static final Negotiated ASN4 = new Negotiated(true, Set.of(), Set.of(), false);

    private AnnouncePathProfile() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().threadId();
        ByteBuffer out = ByteBuffer.allocate(1 << 16);
        for (int round = 1; round <= rounds; round++) {
            List<Route> routes = routes(1_000_000);
            long cpu = threads.getThreadCpuTime(id);
            long bytes = threads.getThreadAllocatedBytes(id);
            AdjRibOut rib = new AdjRibOut();
            long written = 0;
            int updates = 0;
            for (int from = 0; from < routes.size(); from += 2000) {
                AnnounceBatch changed = new AnnounceBatch(true, rib);
                for (Route r : routes.subList(from, Math.min(routes.size(), from + 2000))) {
                    if (rib.announce(r)) {
                        changed.add(r);
                    }
                }
                for (Iterator<Update> u = changed.updates(ASN4); u.hasNext(); updates++) {
                    Update update = u.next();
                    if (out.remaining() < 4096) {
                        written += out.position();
                        out.clear();
                    }
                    MessageEncoder.encode(update, ASN4, out);
                }
            }
            written += out.position();
            out.clear();
            System.out.printf("round %d: %d updates, %d octets, %.2f s CPU, %.0f MB allocated%n", round, updates,
                    written, (threads.getThreadCpuTime(id) - cpu) / 1e9,
                    (threads.getThreadAllocatedBytes(id) - bytes) / 1e6);
        }
    }

    /** {@code n} routes of /24s from 16.0.0.0, each run of 4 sharing one path: MED and community vary per run. */
    private static List<Route> routes(int n) {
        List<Route> routes = new ArrayList<>(n);
        Path path = null;
        for (int i = 0; i < n; i++) {
            if (i % 4 == 0) {
                int run = i / 4;
                path = new Path(Attributes.of(Attribute.Origin.of(0), Attribute.AsPath.sequence(),
                        Attribute.NextHop.of("192.0.2.1"), new Attribute.MultiExitDisc(run),
                        Attribute.Communities.of(65001L << 16 | (run & 0xFFFF))));
            }
            routes.add(new Route(Prefix.ipv4(0x1000_0000 + (i << 8), 24), path));
        }
        return routes;
    }
}
