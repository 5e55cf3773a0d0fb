package dev.twinbgp.jmh.daemon;

import dev.twinbgp.bgp.rib.AdjRibOut;
import dev.twinbgp.bgp.rib.Route;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.MessageEncoder;
import dev.twinbgp.bgp.wire.capability.Negotiated;
import dev.twinbgp.bgp.wire.Update;
import dev.twinbgp.jmh.anchor.AnchorTransfer;
import dev.twinbgp.jmh.transfer.TableShape;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The sender's input: the full-table transfer's table ({@link TableShape}, next hop 192.0.2.1 as for the
 * anchors) packed into UPDATEs as twinbgp's sender packs them (one attribute set per UPDATE, filled to 4096
 * octets), encoded for a 4-octet-AS session, then End-of-RIB - written once, before anything is timed.
 */
record TableFile(Path path, TableShape shape, int prefixes, int updates, long bytes) {

    static TableFile write(Path dir, TableShape shape, int prefixes) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(shape.name().toLowerCase(java.util.Locale.ROOT) + "-" + prefixes + ".bgp");
        List<Route> table = AnchorTransfer.table(shape, prefixes);
        AdjRibOut rib = new AdjRibOut();
        table.forEach(rib::announce);
        Negotiated asn4 = new Negotiated(true, Set.of(), Set.of(), false);
        int updates = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            Iterator<Update> it = rib.updatesLazily(Family.IPV4_UNICAST, asn4, true);
            while (it.hasNext()) {
                out.write(MessageEncoder.encode(it.next(), asn4));
                updates++;
            }
            out.write(MessageEncoder.encode(Update.endOfRib(Family.IPV4_UNICAST), asn4));
            updates++;
        }
        return new TableFile(file, shape, prefixes, updates, Files.size(file));
    }
}
