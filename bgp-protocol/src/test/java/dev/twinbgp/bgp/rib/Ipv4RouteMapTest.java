package dev.twinbgp.bgp.rib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.twinbgp.bgp.wire.Attributes;
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
    }
}
