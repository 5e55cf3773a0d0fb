package dev.twinbgp.parity;

import dev.twinbgp.bgp.rib.Path;
import dev.twinbgp.bgp.rib.Route;
import dev.twinbgp.bgp.wire.attribute.Attribute;
import dev.twinbgp.bgp.wire.attribute.Attributes;
import dev.twinbgp.bgp.wire.family.Prefix;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

/**
 * {@code announce-table N}: a table for the speaker to send, generated rather than configured. Route {@code i}
 * is the /24 {@code 16.0.0.0/24 + i} with ORIGIN IGP, AS_PATH [local AS] (what the configuration mapping gives
 * an eBGP route), NEXT_HOP 10.0.0.1, MULTI_EXIT_DISC {@code i} and the same 256 COMMUNITIES {@code 0:0} to
 * {@code 0:255}. The MED differs for every route on purpose, so no two routes share an UPDATE, and the
 * communities make each UPDATE big, so the table is many octets in few messages (the cost of a scenario is
 * per message, the point of a stall is octets). One UPDATE (RFC 4271 section 4.3; COMMUNITIES RFC 1997 with
 * the Extended Length bit):
 * <pre>
 *   header 19 | withdrawn length 2 | attributes length 2 | ORIGIN 4 | AS_PATH 9 | NEXT_HOP 7 | MED 7
 *   | COMMUNITIES 4 + 1024 | NLRI 4                                                        = 1082 octets
 * </pre>
 * 10,000 of them are 10.8 MB, more than the socket buffers of both ends (here at most 4 MiB to send, and a
 * receive window that does not grow while nobody reads) and the reactor's 1 MiB high-water mark together.
 */
final class Table {
    private static final byte[] NEXT_HOP = {10, 0, 0, 1};
    private static final Attribute COMMUNITIES = new Attribute.Communities(LongStream.range(0, 256).boxed().toList());

    private Table() {
    }

    static List<Route> routes(int count, long localAs) {
        List<Route> out = new ArrayList<>(count);
        Attribute origin = new Attribute.Origin(Attribute.Origin.IGP);
        Attribute path = Attribute.AsPath.sequence(localAs);
        for (int i = 0; i < count; i++) {
            Attributes attributes = Attributes.of(origin, path, new Attribute.MultiExitDisc(i), COMMUNITIES);
            out.add(new Route(Prefix.ipv4(16 << 24 | i << 8, 24), new Path(attributes, NEXT_HOP)));
        }
        return out;
    }
}
