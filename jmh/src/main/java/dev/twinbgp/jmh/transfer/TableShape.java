package dev.twinbgp.jmh.transfer;

import dev.twinbgp.bgp.rib.Path;
import dev.twinbgp.bgp.rib.Route;
import dev.twinbgp.bgp.wire.attribute.Attribute;
import dev.twinbgp.bgp.wire.attribute.Attributes;
import dev.twinbgp.bgp.wire.family.Prefix;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The two table shapes of the full-table transfer (issue 7, benchmark 1), as IPv4 /24s counted up
 * from 16.0.0.0 (so 1,000,000 of them fit without touching 127/8 or the multicast range).
 */
public enum TableShape {
    /** Every prefix shares one attribute set: the sender fills each UPDATE to the 4096-octet limit. */
    PACKED,
    /**
     * About 4 prefixes per distinct attribute set: AS_PATH of 1-10 ASes, 0-6 communities, MED and
     * LOCAL_PREF varied. Generated from a fixed seed, so every run sends the same table.
     */
    DIVERSE;

    static final int PREFIXES_PER_DIVERSE_SET = 4;
    private static final int FIRST_ADDRESS = 16 << 24;
    private static final long SEED = 0x7b9_2026L;

    /** {@code count} routes from {@code asn} (first AS of every AS_PATH, eBGP style) via {@code nextHop}. */
    public List<Route> routes(int count, long asn, byte[] nextHop) {
        if (count < 1 || count > (1 << 24) - (FIRST_ADDRESS >>> 8)) {
            throw new IllegalArgumentException("count out of range: " + count);
        }
        List<Route> out = new ArrayList<>(count);
        SplittableRandom random = new SplittableRandom(SEED);
        Path path = null;
        for (int i = 0; i < count; i++) {
            if (path == null || (this == DIVERSE && i % PREFIXES_PER_DIVERSE_SET == 0)) {
                path = new Path(this == PACKED ? packed(asn) : diverse(asn, random), nextHop);
            }
            out.add(new Route(Prefix.ipv4(FIRST_ADDRESS + (i << 8), 24), path));
        }
        return out;
    }

    private static Attributes packed(long asn) {
        return Attributes.of(new Attribute.Origin(Attribute.Origin.IGP), Attribute.AsPath.sequence(asn),
                new Attribute.MultiExitDisc(0));
    }

    private static Attributes diverse(long asn, SplittableRandom random) {
        int pathLength = 1 + random.nextInt(10);
        Long[] asns = new Long[pathLength];
        asns[0] = asn;
        for (int i = 1; i < pathLength; i++) {
            asns[i] = 64_512L + random.nextInt(1_000);
        }
        List<Attribute> attributes = new ArrayList<>(6);
        attributes.add(new Attribute.Origin(random.nextInt(3)));
        attributes.add(Attribute.AsPath.sequence(asns));
        attributes.add(new Attribute.MultiExitDisc(random.nextInt(1_000)));
        attributes.add(new Attribute.LocalPref(50 + random.nextInt(200)));
        int communities = random.nextInt(7);
        if (communities > 0) {
            List<Long> values = new ArrayList<>(communities);
            for (int i = 0; i < communities; i++) {
                values.add(asn << 16 | random.nextInt(65_536));
            }
            attributes.add(new Attribute.Communities(values));
        }
        return Attributes.of(attributes);
    }
}
