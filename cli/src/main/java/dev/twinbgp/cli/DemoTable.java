package dev.twinbgp.cli;

import dev.twinbgp.bgp.rib.Path;
import dev.twinbgp.bgp.rib.Route;
import dev.twinbgp.bgp.wire.attribute.Attribute;
import dev.twinbgp.bgp.wire.attribute.Attributes;
import dev.twinbgp.bgp.wire.family.Prefix;
import java.util.ArrayList;
import java.util.List;

/**
 * A generated IPv4 table for the demo: {@code count} consecutive /24s from {@code firstOctet}.0.0.0
 * on, with attribute sets like an eBGP full table: ORIGIN (mostly IGP), an AS_PATH of 2 to 5 hops
 * through one of a few transit networks, a MED on some, and two or three communities. Routes
 * share {@link #PATHS} distinct attribute sets, so UPDATEs pack many prefixes each, as real
 * tables do.
 */
final class DemoTable {
    static final int PATHS = 256;
    /** Well-known transit ASes, for a realistic-looking AS_PATH. */
    private static final long[] TRANSIT = {174, 1299, 2914, 3257, 3356, 6453, 6762, 6939};

    private DemoTable() {
    }

    /**
     * @param firstOctet first octet of the first /24 (the table runs on into the next octets)
     * @param count      number of /24s; at most {@code (224 - firstOctet) * 65536}
     * @param asn        our AS, first on every AS_PATH
     * @param nextHop    our address as 4 octets
     */
    static List<Route> ipv4(int firstOctet, int count, long asn, byte[] nextHop) {
        if (count < 0 || (long) count > (224L - firstOctet) * 65536) {
            throw new IllegalArgumentException("cannot generate " + count + " /24s from " + firstOctet + ".0.0.0");
        }
        List<Path> paths = new ArrayList<>(PATHS);
        for (int i = 0; i < PATHS; i++) {
            paths.add(new Path(attributes(i, asn), nextHop));
        }
        List<Route> routes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int address = (firstOctet << 24) + (i << 8);
            routes.add(new Route(Prefix.ipv4(address, 24), paths.get(i % PATHS)));
        }
        return routes;
    }

    private static Attributes attributes(int i, long asn) {
        int origin = i % 17 == 0 ? Attribute.Origin.INCOMPLETE : Attribute.Origin.IGP;
        long transit = TRANSIT[i % TRANSIT.length];
        int hops = 2 + i % 4;
        Long[] path = new Long[hops];
        path[0] = asn;
        path[1] = transit;
        for (int h = 2; h < hops; h++) {
            path[h] = 64512L + (i * 7L + h * 131L) % 1000; // private ASes behind the transit
        }
        List<Attribute> attributes = new ArrayList<>(List.of(new Attribute.Origin(origin), Attribute.AsPath.sequence(path)));
        if (i % 3 == 0) {
            attributes.add(new Attribute.MultiExitDisc(10L * (i % 10)));
        }
        List<Long> communities = new ArrayList<>(List.of(asn << 16 | 100, asn << 16 | (1000 + i % 50)));
        if (i % 5 == 0) {
            communities.add(transit << 16 | 666);
        }
        attributes.add(new Attribute.Communities(communities));
        return Attributes.of(attributes);
    }
}
