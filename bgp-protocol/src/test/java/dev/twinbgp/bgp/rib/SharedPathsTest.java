package dev.twinbgp.bgp.rib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.twinbgp.bgp.wire.attribute.Attribute;
import dev.twinbgp.bgp.wire.attribute.Attributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SharedPathsTest {
    /** A path per number; equal numbers give equal paths in distinct instances. */
    private static Path path(int n) {
        return new Path(Attributes.of(Attribute.Origin.of(0), Attribute.AsPath.sequence(),
                Attribute.NextHop.of("192.0.2.1"), new Attribute.MultiExitDisc(n)));
    }

    /**
     * Paths acquired and released at random - the table grown, clusters broken up by releases (the entries behind
     * a freed slot moved back), ids reused - against a map of the same counts: an equal path always finds its id,
     * a released one never, and each id holds an equal path.
     */
    @Test
    void acquireAndReleaseAgreeWithAMapOfCounts() {
        Random random = new Random(18);
        SharedPaths paths = new SharedPaths();
        Map<Integer, Integer> idOf = new HashMap<>();
        Map<Integer, Integer> count = new HashMap<>();
        List<Integer> held = new ArrayList<>();
        for (int step = 0; step < 400_000; step++) {
            if (held.isEmpty() || random.nextInt(5) < 3) {
                int n = random.nextInt(step < 200_000 ? 50_000 : 2_000);
                int id = paths.acquire(path(n), random.nextBoolean());
                Integer known = idOf.putIfAbsent(n, id);
                if (known != null) {
                    assertEquals(known, id, "path " + n);
                }
                count.merge(n, 1, Integer::sum);
                held.add(n);
            } else {
                int n = held.remove(random.nextInt(held.size()));
                paths.release(idOf.get(n));
                if (count.merge(n, -1, Integer::sum) == 0) {
                    count.remove(n);
                    idOf.remove(n);
                }
            }
            if (step % 1_000 == 0) {
                for (int n = 0; n < 50_000; n += 7) {
                    Integer id = idOf.get(n);
                    assertEquals(id == null ? -1 : id, paths.find(path(n)), "path " + n + " at step " + step);
                    if (id != null) {
                        assertEquals(path(n), paths.path(id));
                    }
                }
            }
        }
        Path same = path(idOf.keySet().iterator().next());
        int id = paths.acquire(same);
        assertSame(paths.path(id), paths.path(paths.find(path(idOf.keySet().iterator().next()))));
    }
}
