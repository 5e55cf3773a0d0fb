package dev.twinbgp.bgp.rib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.twinbgp.bgp.wire.attribute.Attributes;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The open-addressing map behaves as a {@code HashMap<Long, Path>} through puts, removes and growth. */
class Ipv4RouteMapTest {
    @Test
    void behavesAsAHashMapForSortedAndRandomPrefixesOfMixedLengths() {
        Random random = new Random(11);
        Path[] paths = {new Path(Attributes.EMPTY), new Path(Attributes.EMPTY, new byte[] {1, 2, 3, 4})};
        Ipv4RouteMap map = new Ipv4RouteMap();
        Map<Long, Path> reference = new HashMap<>();
        for (int round = 0; round < 20_000; round++) {
            int length = switch (random.nextInt(5)) {
                case 0 -> random.nextInt(33);
                case 1 -> 16;
                default -> 24;
            };
            // sorted runs (as a table arrives) mixed with random prefixes
            int address = round < 10_000 ? 0x0A00_0000 + (round << 8) : random.nextInt();
            if (length < 32) {
                address &= length == 0 ? 0 : -1 << (32 - length);
            }
            long key = Ipv4RouteMap.key(address, length);
            if (random.nextInt(4) == 0) {
                assertSame(reference.remove(key), map.remove(key));
            } else {
                Path p = paths[random.nextInt(2)];
                assertSame(reference.put(key, p), map.put(key, p));
            }
            assertEquals(reference.size(), map.size());
        }
        for (Map.Entry<Long, Path> e : reference.entrySet()) {
            assertSame(e.getValue(), map.get(e.getKey()));
        }
        int[] visited = {0};
        map.forEach((key, path) -> {
            assertSame(reference.get(key), path);
            visited[0]++;
        });
        assertEquals(reference.size(), visited[0]);
        for (Long key : reference.keySet().toArray(new Long[0])) {
            assertSame(reference.remove(key), map.remove(key));
            assertEquals(null, map.get(key));
        }
        assertEquals(0, map.size());
        assertEquals(0, map.paths(), "every path id is freed with its last route");
    }

    @Test
    void keepsOnePathIdPerPathWhileItsRoutesLiveAndReusesFreedIds() {
        Ipv4RouteMap map = new Ipv4RouteMap();
        Path a = new Path(Attributes.EMPTY);
        Path b = new Path(Attributes.EMPTY, new byte[] {1, 2, 3, 4});
        for (int i = 0; i < 1000; i++) {
            map.put(Ipv4RouteMap.key(0x0A00_0000 + (i << 8), 24), i < 500 ? a : b);
        }
        assertEquals(2, map.paths());
        for (int i = 0; i < 500; i++) {
            assertSame(a, map.put(Ipv4RouteMap.key(0x0A00_0000 + (i << 8), 24), b));
        }
        assertEquals(1, map.paths(), "a's id is freed once no route holds it");
        for (int i = 0; i < 1000; i++) {
            assertSame(b, map.get(Ipv4RouteMap.key(0x0A00_0000 + (i << 8), 24)));
        }
        map.clear();
        assertEquals(0, map.paths());
        assertEquals(0, map.size());
        assertEquals(null, map.get(Ipv4RouteMap.key(0x0A00_0000, 24)));
    }

    @Test
    void refusesAPathBeyondItsLimitWithoutLosingWhatItHolds() {
        Ipv4RouteMap map = new Ipv4RouteMap(2);
        Path a = new Path(Attributes.EMPTY);
        Path b = new Path(Attributes.EMPTY, new byte[] {1, 2, 3, 4});
        Path c = new Path(Attributes.EMPTY, new byte[] {5, 6, 7, 8});
        map.put(Ipv4RouteMap.key(0x0A00_0000, 24), a);
        map.put(Ipv4RouteMap.key(0x0A00_0100, 24), b);
        assertThrows(IllegalStateException.class, () -> map.put(Ipv4RouteMap.key(0x0A00_0200, 24), c));
        assertEquals(2, map.size());
        assertSame(a, map.get(Ipv4RouteMap.key(0x0A00_0000, 24)));
        map.remove(Ipv4RouteMap.key(0x0A00_0000, 24));
        map.put(Ipv4RouteMap.key(0x0A00_0200, 24), c); // a's id was freed
        assertSame(c, map.get(Ipv4RouteMap.key(0x0A00_0200, 24)));
        assertSame(b, map.get(Ipv4RouteMap.key(0x0A00_0100, 24)));
    }

    @Test
    void aSlash16FilledAndEmptiedAgainKeepsWorking() {
        Ipv4RouteMap map = new Ipv4RouteMap();
        Path a = new Path(Attributes.EMPTY);
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 65_536; i++) { // every /24 and /32 of 10.1.0.0/16, and the /16 itself
                map.put(Ipv4RouteMap.key(0x0A01_0000 | i, 32), a);
                if ((i & 0xFF) == 0) {
                    map.put(Ipv4RouteMap.key(0x0A01_0000 | i, 24), a);
                }
            }
            map.put(Ipv4RouteMap.key(0x0A01_0000, 16), a);
            assertEquals(65_536 + 256 + 1, map.size());
            for (int i = 0; i < 65_536; i++) {
                assertSame(a, map.remove(Ipv4RouteMap.key(0x0A01_0000 | i, 32)));
            }
            assertSame(a, map.get(Ipv4RouteMap.key(0x0A01_0000, 16)));
            assertSame(a, map.get(Ipv4RouteMap.key(0x0A01_0500, 24)));
            for (int i = 0; i < 256; i++) {
                assertSame(a, map.remove(Ipv4RouteMap.key(0x0A01_0000 | i << 8, 24)));
            }
            assertSame(a, map.remove(Ipv4RouteMap.key(0x0A01_0000, 16)));
            assertEquals(0, map.size());
            assertEquals(null, map.get(Ipv4RouteMap.key(0x0A01_0000, 16)));
        }
        assertEquals(0, map.paths());
    }

    /**
     * The full table's common case, every /24 of a /16 (the daemon benchmark's tables are all of it): 256 routes in
     * 372 slots - a bucket grows by half, so it stays between 1/2 and 3/4 full; doubling took 512 (issue 18: 4 MB of
     * a 1M-route table's peak RSS). Kept correct through the growth and removal in buckets of such capacities.
     */
    @Test
    void aFullSlash16TakesLessThanTwiceItsRoutesInSlots() {
        Ipv4RouteMap map = new Ipv4RouteMap();
        Path a = new Path(Attributes.EMPTY);
        for (int i = 0; i < 256; i++) {
            map.put(Ipv4RouteMap.key(0x0A01_0000 | i << 8, 24), a);
        }
        assertEquals(256, map.size());
        assertEquals(372, map.slots());
        for (int i = 0; i < 256; i += 2) {
            assertSame(a, map.remove(Ipv4RouteMap.key(0x0A01_0000 | i << 8, 24)));
        }
        for (int i = 0; i < 256; i++) {
            assertEquals(i % 2 == 0 ? null : a, map.get(Ipv4RouteMap.key(0x0A01_0000 | i << 8, 24)), "10.1." + i + ".0/24");
        }
    }

    @Test
    void holdsTheDefaultRouteAndAHostRouteAtTheEndsOfTheKeySpace() {
        Ipv4RouteMap map = new Ipv4RouteMap();
        Path a = new Path(Attributes.EMPTY);
        map.put(Ipv4RouteMap.key(0, 0), a);
        map.put(Ipv4RouteMap.key(-1, 32), a);
        assertSame(a, map.get(Ipv4RouteMap.key(0, 0)));
        assertSame(a, map.get(Ipv4RouteMap.key(-1, 32)));
        assertEquals(null, map.get(Ipv4RouteMap.key(0, 1)));
        int[] n = {0};
        map.forEach((key, path) -> {
            assertEquals(key == Ipv4RouteMap.key(0, 0) || key == Ipv4RouteMap.key(-1, 32), true);
            n[0]++;
        });
        assertEquals(2, n[0]);
    }
}
