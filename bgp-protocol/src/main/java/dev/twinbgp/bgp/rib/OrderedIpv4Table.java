package dev.twinbgp.bgp.rib;

import java.util.Arrays;

/**
 * IPv4 unicast prefixes (without path id) to path ids, in the order they were first added - the
 * Adj-RIB-Out's fast path. Each route is a slot: its prefix packed into a long (as
 * {@link Ipv4RouteMap#key}) and its path id, in two primitive arrays in insertion order; an
 * open-addressing table of slot numbers (linear probing, at most half full) finds a prefix's slot:
 * <pre>
 *  slots:  keys[s]  = | address (32) | length (6) |     pathIds[s] = id in SharedPaths, -1 once withdrawn
 *  index:  int[] of s + 1 (0 = empty), probed from mix(key)
 * </pre>
 * About 20-30 bytes per route and no object per route, so the collector has nothing to trace or
 * copy in a table of a million. A withdrawn slot stays as a hole (the order of the others is kept)
 * until holes outnumber routes, then the slots are compacted ({@link #compact}). Not thread-safe.
 *
 * <p>Ascending fast path: while every slot was added with a key above the one before (a table fed in
 * prefix order - an API process or a configuration listing a table, as most do), there is no index
 * at all: the slots themselves are sorted, a new key above the last one is known absent without a
 * probe, and any other key is found by binary search. The first key added out of order, or many
 * searches (a table updated in place), build the index, which is kept from then on:
 * <pre>
 *  ascending:  keys k0 &lt; k1 &lt; ... &lt; k(slots-1)   (withdrawn slots keep their key)   index = null
 *  add(k):     k &gt; k(slots-1) -&gt; append, no probe;  otherwise build the index, then hash as below
 * </pre>
 * (issue 18: probing a random slot of an 8 MB index for each of 1M new prefixes was 18 % of an API
 * injection's loop thread - cache misses; the fast path also leaves those 8 MB unallocated.)
 */
final class OrderedIpv4Table {
    /** Binary searches tolerated in ascending mode before the index is built (and beyond a quarter of the routes). */
    private static final int SEARCHES_BEFORE_INDEX = 4096;

    private long[] keys = new long[16];
    private int[] pathIds = new int[16];
    /** null while the slots are in ascending key order (the index is not needed). */
    private int[] index;
    private int slots;
    private int size;
    /** Binary searches of ascending mode since the last check, to decide when an index pays. */
    private int searches;

    static long key(int address, int length) {
        return Ipv4RouteMap.key(address, length);
    }

    int size() {
        return size;
    }

    /** Slots used, live or withdrawn: the number the next added route gets. */
    int slots() {
        return slots;
    }

    long keyAt(int slot) {
        return keys[slot];
    }

    /** The path id of {@code slot}, or -1 when it was withdrawn. */
    int pathAt(int slot) {
        return pathIds[slot];
    }

    void setPath(int slot, int pathId) {
        pathIds[slot] = pathId;
    }

    /** True while the slots are in ascending key order and no index exists (for tests). */
    boolean ascending() {
        return index == null;
    }

    /** The slot of {@code key}, or -1. */
    int find(long key) {
        if (index == null) {
            return findAscending(key, true);
        }
        int mask = index.length - 1;
        for (int i = mix(key) & mask; ; i = i + 1 & mask) {
            int s = index[i];
            if (s == 0) {
                return -1;
            }
            if (keys[s - 1] == key) {
                return s - 1;
            }
        }
    }

    /**
     * Ascending mode's find: no probe for a key above the last, else a binary search of the slots. {@code count}:
     * a lookup that may make the index pay (a removal does not: a table withdrawn in order would build 8 MB of
     * index just before its compaction drops it again).
     */
    private int findAscending(long key, boolean count) {
        int last = slots - 1;
        if (last < 0 || key > keys[last]) {
            return -1;
        }
        int s = key == keys[last] ? last : Arrays.binarySearch(keys, 0, last, key);
        if (count && s != last && ++searches > SEARCHES_BEFORE_INDEX && searches > size >> 2) {
            buildIndex(); // a table looked up in place more than appended to: hashing pays from here on
        }
        return s >= 0 && pathIds[s] >= 0 ? s : -1;
    }

    /** Leaves ascending mode: an index of the live slots, at most half full with one more route. */
    private void buildIndex() {
        int length = 32;
        while ((size + 1) * 2 > length) {
            length *= 2;
        }
        index = new int[length];
        reindex();
    }

    /** Adds {@code key} (not present) at the end; returns its slot. */
    int add(long key, int pathId) {
        if (slots == keys.length) {
            keys = Arrays.copyOf(keys, slots * 2);
            pathIds = Arrays.copyOf(pathIds, slots * 2);
        }
        if (index == null) {
            if (slots == 0 || key > keys[slots - 1]) {
                int slot = slots++;
                keys[slot] = key;
                pathIds[slot] = pathId;
                size++;
                return slot;
            }
            buildIndex();
        }
        if ((size + 1) * 2 > index.length) {
            index = new int[index.length * 2];
            reindex();
        }
        int slot = slots++;
        keys[slot] = key;
        pathIds[slot] = pathId;
        place(slot);
        size++;
        return slot;
    }

    /** Removes {@code key}; returns the path id it had, or -1 when absent. */
    int remove(long key) {
        if (index == null) {
            int slot = findAscending(key, false);
            if (slot < 0) {
                return -1;
            }
            int pathId = pathIds[slot];
            pathIds[slot] = -1; // the hole keeps its key: the slots stay in ascending order
            size--;
            return pathId;
        }
        int mask = index.length - 1;
        int at = mix(key) & mask;
        while (true) {
            int s = index[at];
            if (s == 0) {
                return -1;
            }
            if (keys[s - 1] == key) {
                break;
            }
            at = at + 1 & mask;
        }
        int slot = index[at] - 1;
        int pathId = pathIds[slot];
        pathIds[slot] = -1;
        size--;
        // Backward-shift deletion: move later members of the cluster into the hole when their home
        // slot does not lie (cyclically) between the hole and their current place.
        int hole = at;
        for (int j = hole + 1 & mask; index[j] != 0; j = j + 1 & mask) {
            int home = mix(keys[index[j] - 1]) & mask;
            boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable) {
                index[hole] = index[j];
                hole = j;
            }
        }
        index[hole] = 0;
        return pathId;
    }

    /**
     * The live slots' keys grouped by path id - groups in order of first appearance, keys in slot order - in one
     * pass over the slots, since the size of each group is known beforehand: {@code routesOf[id]}, the routes
     * holding path id ({@link SharedPaths#routesOf}; every route of the table is one of these slots). Group g is
     * path id {@code groupPath[g]}, its keys {@code members[groupStart[g] .. groupStart[g + 1])}. Returns the
     * number of groups, or -1 when the slots do not add up to {@code routesOf} (the caller then groups otherwise).
     *
     * <pre>
     *  slots:    k0/p7  k1/p7  k2/p3  k3/p7  k4/p3        (key / path id, -1 = withdrawn)
     *  groups:   g0 = p7 (3 routes) at 0, g1 = p3 (2 routes) at 3
     *  members:  k0 k1 k3 | k2 k4
     * </pre>
     *
     * (issue 18: the two passes through a visitor this replaces took 0.1 s of a cold daemon's session start with
     * a 1M-route table, before its first UPDATE could go out.)
     */
    int groupByPath(int[] routesOf, int[] groupPath, int[] groupStart, long[] members) {
        int[] fill = new int[routesOf.length]; // per path id: where its next key goes, plus one (0 = not seen yet)
        int groups = 0;
        int end = 0;
        for (int s = 0; s < slots; s++) {
            int id = pathIds[s];
            if (id < 0) {
                continue;
            }
            int at = fill[id] - 1;
            if (at < 0) {
                int count = routesOf[id];
                if (count <= 0 || end + count > members.length) {
                    return -1;
                }
                groupPath[groups] = id;
                groupStart[groups++] = end;
                at = end;
                end += count;
            } else if (at >= members.length) {
                return -1;
            }
            members[at] = keys[s];
            fill[id] = at + 2;
        }
        if (end != size) {
            return -1;
        }
        groupStart[groups] = end;
        for (int g = 0; g < groups; g++) { // each group filled exactly: no path had more slots than routesOf said
            if (fill[groupPath[g]] - 1 != groupStart[g + 1]) {
                return -1;
            }
        }
        return groups;
    }

    /** True when withdrawn slots outnumber the routes (and are worth a pass). */
    boolean sparse() {
        int holes = slots - size;
        return holes > 1024 && holes > size;
    }

    /**
     * Drops the withdrawn slots, keeping the order of the others; returns, for each old slot
     * number s (0..old slots), the number of live slots before it - its new number when live.
     */
    int[] compact() {
        int[] before = new int[slots + 1];
        int n = 0;
        boolean ascending = true;
        for (int s = 0; s < slots; s++) {
            before[s] = n;
            if (pathIds[s] >= 0) {
                ascending &= n == 0 || keys[s] > keys[n - 1];
                keys[n] = keys[s];
                pathIds[n] = pathIds[s];
                n++;
            }
        }
        before[slots] = n;
        slots = n;
        int capacity = Math.max(16, Integer.highestOneBit(Math.max(1, n)) * 2);
        keys = Arrays.copyOf(keys, capacity);
        pathIds = Arrays.copyOf(pathIds, capacity);
        // Compacting keeps the order. Live slots in ascending order (always so for an ascending table; also for an
        // indexed one whose out-of-order routes were withdrawn, e.g. all of them) need no index.
        searches = 0;
        if (ascending) {
            index = null;
        } else {
            index = new int[Math.max(32, capacity * 2)];
            reindex();
        }
        return before;
    }

    void clear() {
        keys = new long[16];
        pathIds = new int[16];
        index = null;
        slots = 0;
        size = 0;
        searches = 0;
    }

    private void reindex() {
        Arrays.fill(index, 0);
        for (int s = 0; s < slots; s++) {
            if (pathIds[s] >= 0) {
                place(s);
            }
        }
    }

    private void place(int slot) {
        int mask = index.length - 1;
        int i = mix(keys[slot]) & mask;
        while (index[i] != 0) {
            i = i + 1 & mask;
        }
        index[i] = slot + 1;
    }

    private static int mix(long key) {
        long h = key * 0x9E37_79B9_7F4A_7C15L;
        return (int) (h ^ h >>> 32);
    }
}
