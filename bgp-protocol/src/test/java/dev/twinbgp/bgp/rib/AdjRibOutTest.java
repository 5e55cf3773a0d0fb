package dev.twinbgp.bgp.rib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.twinbgp.bgp.wire.attribute.Attribute;
import dev.twinbgp.bgp.wire.attribute.Attributes;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.MessageEncoder;
import dev.twinbgp.bgp.wire.capability.Negotiated;
import dev.twinbgp.bgp.wire.family.Prefix;
import dev.twinbgp.bgp.wire.Update;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The Adj-RIB-Out keeps its IPv4 groups up to date as routes are added and packs them lazily; the
 * UPDATEs must be byte for byte those of grouping {@link AdjRibOut#routes()} from scratch, whatever
 * sequence of announcements, replacements and withdrawals led there.
 */
class AdjRibOutTest {
    private static final Negotiated ASN4 = new Negotiated(true, Set.of(), Set.of(), false);

    private static List<Path> paths() {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Attributes a = Attributes.of(new Attribute.Origin(i % 3), Attribute.AsPath.sequence(65001L, 65000L + i),
                    new Attribute.MultiExitDisc(i));
            out.add(new Path(a, new byte[] {10, 0, 0, (byte) (i + 1)}));
        }
        Attributes withNextHop = Attributes.of(new Attribute.Origin(0), Attribute.AsPath.sequence(65001L),
                Attribute.NextHop.of("192.0.2.1"));
        out.add(new Path(withNextHop));
        byte[] v6 = new byte[16];
        v6[0] = 0x20;
        v6[1] = 0x01;
        v6[15] = 1;
        out.add(new Path(Attributes.of(new Attribute.Origin(0), Attribute.AsPath.sequence(65001L)), v6)); // RFC 8950
        return out;
    }

    private static Prefix prefix(Random random) {
        if (random.nextInt(10) == 0) {
            return Prefix.parse("2001:db8:" + Integer.toHexString(random.nextInt(64)) + "::/48");
        }
        return Prefix.ipv4(0x0A000000 | random.nextInt(4096) << 8, 24);
    }

    private static byte[] wire(Iterator<Update> updates) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        updates.forEachRemaining(u -> out.writeBytes(MessageEncoder.encode(u, ASN4)));
        return out.toByteArray();
    }

    private static byte[] reference(AdjRibOut rib, Family family, boolean group) {
        List<Route> selected = rib.routes().stream().filter(r -> r.prefix().isIpv6() == family.equals(Family.IPV6_UNICAST)).toList();
        return wire(AdjRibOut.announce(selected, ASN4, group).iterator());
    }

    @Test
    void incrementalGroupsPackLikeRegroupingFromScratch() {
        Random random = new Random(7);
        List<Path> paths = paths();
        AdjRibOut rib = new AdjRibOut();
        for (int round = 0; round < 40; round++) {
            int ops = 1 + random.nextInt(300);
            for (int i = 0; i < ops; i++) {
                Prefix p = prefix(random);
                if (round % 4 == 3 && random.nextInt(5) == 0) {
                    rib.withdraw(p);
                } else {
                    rib.announce(new Route(p, paths.get(random.nextInt(paths.size()))));
                }
            }
            for (Family f : List.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST)) {
                for (boolean group : new boolean[] {true, false}) {
                    assertArrayEquals(reference(rib, f, group), wire(rib.updatesLazily(f, ASN4, group)),
                            "round " + round + " " + f + " group " + group);
                    assertEquals(rib.updates(f, ASN4, group).size(), AdjRibOut.announce(rib.routes().stream()
                            .filter(r -> r.prefix().isIpv6() == f.equals(Family.IPV6_UNICAST)).toList(), ASN4, group).size());
                }
            }
            if (round == 20) {
                rib.clear();
            }
        }
    }

    /**
     * A batch groups IPv4 unicast routes by equal paths, whether the routes share a path's instance (runs of one
     * instance, as API lines with the same attributes give, found again by identity) or each has its own equal copy:
     * the same UPDATEs, byte for byte, with runs interleaved and an instance coming back after others.
     */
    @Test
    void aBatchGroupsSharedPathInstancesAsEqualCopies() {
        Random random = new Random(11);
        List<Path> paths = paths().subList(0, 6);
        List<Route> shared = new ArrayList<>();
        List<Route> copies = new ArrayList<>();
        for (int i = 0; i < 2000; ) {
            Path path = paths.get(random.nextInt(paths.size()));
            for (int run = 1 + random.nextInt(5); run > 0; run--, i++) {
                Prefix p = Prefix.ipv4(0x0A000000 | i << 8, 24);
                shared.add(new Route(p, path));
                copies.add(new Route(p, new Path(Attributes.of(path.attributes().list()), path.nextHop())));
            }
        }
        for (boolean group : new boolean[] {true, false}) {
            assertArrayEquals(wire(AdjRibOut.announce(copies, ASN4, group).iterator()),
                    wire(AdjRibOut.announce(shared, ASN4, group).iterator()), "group " + group);
        }
    }

    /**
     * A table of IPv4 unicast routes alone is grouped in one pass ({@code OrderedIpv4Table.groupByPath}, sized by
     * the paths' route counts): byte for byte the UPDATEs of grouping from scratch, through replacements,
     * withdrawals, compactions and paths freed and reused.
     */
    @Test
    void anIpv4TableAloneGroupsInOnePassLikeRegroupingFromScratch() {
        Random random = new Random(13);
        List<Path> paths = paths();
        AdjRibOut rib = new AdjRibOut();
        for (int round = 0; round < 30; round++) {
            int ops = 1 + random.nextInt(3000);
            for (int i = 0; i < ops; i++) {
                Prefix p = Prefix.ipv4(0x0A000000 | random.nextInt(2048) << 8, 24);
                if (round % 3 == 2 && random.nextInt(10) < 7) {
                    rib.withdraw(p);
                } else {
                    rib.announce(new Route(p, paths.get(random.nextInt(paths.size() - 1)))); // no IPv6 next hop
                }
            }
            for (boolean group : new boolean[] {true, false}) {
                assertArrayEquals(reference(rib, Family.IPV4_UNICAST, group), wire(rib.updatesLazily(Family.IPV4_UNICAST, ASN4, group)),
                        "round " + round + " group " + group);
            }
            if (round == 15) {
                rib.clear();
            }
        }
    }

    @Test
    void aLazyRunIsTheTableAsItWasWhenItStarted() {
        List<Path> paths = paths();
        AdjRibOut rib = new AdjRibOut();
        for (int i = 0; i < 3000; i++) {
            rib.announce(new Route(Prefix.ipv4(0x0A000000 | i << 8, 24), paths.get(i % 2)));
        }
        byte[] before = reference(rib, Family.IPV4_UNICAST, true);
        Iterator<Update> run = rib.updatesLazily(Family.IPV4_UNICAST, ASN4, true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(MessageEncoder.encode(run.next(), ASN4));
        for (int i = 3000; i < 6000; i++) { // grows both groups while the run is half way
            rib.announce(new Route(Prefix.ipv4(0x0A000000 | i << 8, 24), paths.get(i % 2)));
        }
        run.forEachRemaining(u -> out.writeBytes(MessageEncoder.encode(u, ASN4)));
        assertArrayEquals(before, out.toByteArray());
    }

    /**
     * IPv4 unicast routes sit in primitive arrays and every other route (IPv6, ADD-PATH ids) in a map;
     * {@link AdjRibOut#routes()} must still be one insertion-ordered table - a route keeps its place
     * when its path is replaced - also after withdrawals enough to compact the arrays, and the grouped
     * IPv4 UPDATEs must take the ADD-PATH routes in their place.
     */
    @Test
    void routesKeepOneOrderAcrossFastAndGeneralRoutesThroughCompaction() {
        Random random = new Random(11);
        List<Path> paths = paths();
        AdjRibOut rib = new AdjRibOut();
        java.util.Map<Object, Path> model = new java.util.LinkedHashMap<>();
        for (int round = 0; round < 12; round++) {
            for (int i = 0; i < 4000; i++) {
                Prefix p = prefix(random);
                if (random.nextInt(7) == 0) {
                    p = p.withPathId(random.nextInt(3));
                }
                if (round % 3 == 2 && random.nextInt(10) < 8) {
                    assertEquals(model.remove(p) != null, rib.withdraw(p));
                } else {
                    Path path = paths.get(random.nextInt(paths.size()));
                    Path old = model.put(p, path);
                    assertEquals(!path.equals(old), rib.announce(new Route(p, path)));
                }
            }
            assertEquals(model.size(), rib.size());
            List<Route> expected = new ArrayList<>();
            model.forEach((k, v) -> expected.add(new Route((Prefix) k, v)));
            assertEquals(expected, rib.routes(), "round " + round);
            for (boolean group : new boolean[] {true, false}) {
                assertArrayEquals(reference(rib, Family.IPV4_UNICAST, group), wire(rib.updatesLazily(Family.IPV4_UNICAST, ASN4, group)));
            }
        }
    }
}
