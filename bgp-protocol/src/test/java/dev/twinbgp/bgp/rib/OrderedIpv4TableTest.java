package dev.twinbgp.bgp.rib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The table behaves as an insertion-ordered map of key to path id in both of its modes: ascending (no index,
 * keys added in order) and hashed (after a key out of order or many searches), and across the switch.
 */
class OrderedIpv4TableTest {
    private static long key(int i) {
        return OrderedIpv4Table.key(0x1000_0000 + (i << 8), 24);
    }

    /** Checks every live key, a few absent ones, the size and the slot order against the reference. */
    private static void check(OrderedIpv4Table table, Map<Long, Integer> reference, int keys) {
        assertEquals(reference.size(), table.size());
        for (int i = -1; i <= keys; i++) {
            int slot = table.find(key(i));
            Integer id = reference.get(key(i));
            if (id == null) {
                assertEquals(-1, slot, "key " + i);
            } else {
                assertEquals(id, table.pathAt(slot), "key " + i);
                assertEquals(key(i), table.keyAt(slot));
            }
        }
        List<Long> order = new ArrayList<>();
        for (int s = 0; s < table.slots(); s++) {
            if (table.pathAt(s) >= 0) {
                order.add(table.keyAt(s));
            }
        }
        assertEquals(new ArrayList<>(reference.keySet()), order);
    }

    @Test
    void aTableAddedInOrderNeedsNoIndexAndFindsEveryKey() {
        OrderedIpv4Table table = new OrderedIpv4Table();
        Map<Long, Integer> reference = new LinkedHashMap<>();
        for (int i = 0; i < 10_000; i += 2) {
            assertEquals(-1, table.find(key(i)));
            table.add(key(i), i % 7);
            reference.put(key(i), i % 7);
        }
        assertTrue(table.ascending());
        for (int i = 0; i < 10_000; i += 6) { // withdrawn routes leave holes that keep the order
            assertEquals(i % 7, table.remove(key(i)));
            assertEquals(-1, table.remove(key(i)));
        }
        assertTrue(table.ascending());
        table = new OrderedIpv4Table();
        for (int i = 0; i < 10_000; i += 2) {
            table.add(key(i), i % 7);
        }
        check(table, reference, 10_000);
        // withdrawn routes leave holes that keep the order: still ascending, holes not found
        for (int i = 0; i < 10_000; i += 6) {
            assertEquals(i % 7, table.remove(key(i)));
            reference.remove(key(i));
            assertEquals(-1, table.remove(key(i)));
        }
        assertEquals(-1, table.remove(key(10_001)));
        check(table, reference, 10_000);
        // a path replaced in place
        int slot = table.find(key(2));
        table.setPath(slot, 99);
        reference.put(key(2), 99);
        check(table, reference, 10_000);
        // a key above the last appends (the checks' searches have indexed the table by now: both modes agree)
        table.add(key(20_000), 5);
        reference.put(key(20_000), 5);
        check(table, reference, 20_001);
    }

    @Test
    void aKeyOutOfOrderBuildsTheIndexAndKeepsTheOrder() {
        OrderedIpv4Table table = new OrderedIpv4Table();
        Map<Long, Integer> reference = new LinkedHashMap<>();
        for (int i = 100; i < 200; i++) {
            table.add(key(i), i);
            reference.put(key(i), i);
        }
        table.remove(key(150));
        reference.remove(key(150));
        table.add(key(150), 7); // re-added: goes to the end, out of order
        reference.put(key(150), 7);
        table.add(key(5), 8);
        reference.put(key(5), 8);
        assertFalse(table.ascending());
        check(table, reference, 300);
        // compacted with the out-of-order routes withdrawn: ascending again, no index
        table.remove(key(150));
        reference.remove(key(150));
        table.remove(key(5));
        reference.remove(key(5));
        table.compact();
        assertTrue(table.ascending());
        check(table, reference, 300);
        table.compact();
        table.add(key(250), 9);
        reference.put(key(250), 9);
        assertTrue(table.ascending());
        check(table, reference, 300);
    }

    @Test
    void manySearchesOfAnAscendingTableBuildTheIndex() {
        OrderedIpv4Table table = new OrderedIpv4Table();
        for (int i = 0; i < 20_000; i++) {
            table.add(key(i), 1);
        }
        for (int i = 0; i < 4_000; i++) {
            table.find(key(i));
        }
        assertTrue(table.ascending());
        for (int i = 4_000; i < 6_000; i++) {
            table.find(key(i));
        }
        assertFalse(table.ascending());
        assertEquals(4_321, table.find(key(4_321)));
    }

    @Test
    void aTableWithdrawnInOrderBuildsNoIndex() {
        // removals are not lookups that make an index pay: withdrawing an ordered table (all but its last route)
        // stays index-free - the index would be 8 MB at 1M routes, dropped again at the compaction that follows
        OrderedIpv4Table table = new OrderedIpv4Table();
        Map<Long, Integer> reference = new LinkedHashMap<>();
        for (int i = 0; i < 20_000; i++) {
            table.add(key(i), i);
            reference.put(key(i), i);
        }
        for (int i = 0; i < 19_999; i++) {
            assertEquals(i, table.remove(key(i)));
            reference.remove(key(i));
            assertTrue(table.ascending(), "index built at removal " + i);
        }
        check(table, reference, 20_000);
    }

    @Test
    void behavesAsAnOrderedMapUnderRandomChangesAndCompaction() {
        Random random = new Random(18);
        for (int run = 0; run < 20; run++) {
            OrderedIpv4Table table = new OrderedIpv4Table();
            Map<Long, Integer> reference = new LinkedHashMap<>();
            int next = 0; // mostly ascending adds, with removals, re-adds and compaction
            for (int op = 0; op < 5_000; op++) {
                int r = random.nextInt(10);
                if (r < 6) {
                    int i = random.nextInt(run + 1) == 0 ? random.nextInt(next + 1) : next++;
                    long k = key(i);
                    if (table.find(k) < 0) {
                        table.add(k, op & 0xFF);
                        reference.put(k, op & 0xFF);
                    }
                } else if (next > 0) {
                    long k = key(random.nextInt(next));
                    Integer id = reference.remove(k);
                    assertEquals(id == null ? -1 : id, table.remove(k));
                }
                if (table.slots() - table.size() > table.size() && table.slots() > 64) {
                    table.compact();
                }
            }
            check(table, reference, next + 1);
            table.compact();
            check(table, reference, next + 1);
            table.clear();
            reference.clear();
            assertTrue(table.ascending());
            check(table, reference, 10);
        }
    }
}
