package dev.twinbgp.bgp.rib;

/**
 * IPv4 prefix (without path id) to {@link Path}, in two levels: the first 16 bits of the address
 * pick a bucket, and each bucket is a small open-addressing table (linear probing) of slots that
 * hold the rest of the prefix and a number standing for its path:
 * <pre>
 *  key (long, 38 bits):  | address (32) | length (6) |
 *                        '- top 16 -'----- low 22 ----'
 *
 *  bucket (long[]): [0] = routes in it, [1..capacity] = slots
 *   63  62        54 53                     32 31                              0
 *  +---+------------+-------------------------+--------------------------------+
 *  | 1 |  0 (9)     |  low 22 bits of the key |  path id (32 bits)             |
 *  +---+------------+-------------------------+--------------------------------+
 *  bit 63 set: occupied (an empty slot is 0, so a new array needs no fill)
 * </pre>
 * The buckets themselves are found through a small open-addressing directory keyed by the top 16
 * bits, which grows with the number of /16s in use (a few thousand for a full table), so an empty
 * or small Adj-RIB-In stays small. The paths sit in a side table ({@link PathIds}), one entry per
 * distinct path, counted by the slots that use it.
 *
 * <p>Why this shape: a full table is a million puts, usually arriving in (or near) address order,
 * as a sender walks its table. Consecutive prefixes then land in the same bucket, which stays in
 * cache, instead of at a random place in one 16 MB array (a cache and TLB miss per put); a bucket
 * grows by copying a few kilobytes, never the whole table in one go (no 50 ms stall on the loop);
 * and the slots hold no references, so the collector never traces or card-marks them while a table
 * arrives. About 11-16 bytes per route (a slot of 8 in a bucket 1/2 to 3/4 full). Deletion shifts
 * the following cluster back (no tombstones). Not thread-safe: owned by one session's loop.
 */
final class Ipv4RouteMap {
    private static final long OCCUPIED = 1L << 63;
    private static final int LOW_BITS = 22;
    private static final int LOW_MASK = (1 << LOW_BITS) - 1;
    private static final long ID_MASK = 0xFFFF_FFFFL;
    private static final int FIRST_BUCKET = 4;

    // Directory: top 16 bits + 1 (0 = empty) -> bucket (null once emptied; the entry stays).
    private int[] tops;
    private long[][] buckets;
    private int dirUsed;
    private int size;
    private final PathIds ids;

    Ipv4RouteMap() {
        this(PathIds.MAX_IDS);
    }

    /** A map holding at most {@code maxPaths} distinct paths at once (tests use a small limit). */
    Ipv4RouteMap(int maxPaths) {
        ids = new PathIds(maxPaths);
        clear();
    }

    /** The 38-bit key of a prefix: its address and its length. */
    static long key(int address, int length) {
        return (address & 0xFFFF_FFFFL) << 6 | length;
    }

    static int address(long key) {
        return (int) (key >>> 6);
    }

    static int length(long key) {
        return (int) (key & 0x3F);
    }

    private static int top(long key) {
        return (int) (key >>> LOW_BITS);
    }

    private static int low(long key) {
        return (int) key & LOW_MASK;
    }

    private static int lowOf(long slot) {
        return (int) (slot >>> 32) & LOW_MASK;
    }

    private static int idOf(long slot) {
        return (int) (slot & ID_MASK);
    }

    private static int mix(int x) {
        int h = x * 0x9E37_79B9;
        return h ^ h >>> 16;
    }

    int size() {
        return size;
    }

    /** Slots of every bucket, used or not (for tests: what the buckets cost, 8 octets a slot). */
    long slots() {
        long n = 0;
        for (long[] b : buckets) {
            if (b != null) {
                n += b.length - 1;
            }
        }
        return n;
    }

    /** Distinct paths held (for tests). */
    int paths() {
        return ids.live();
    }

    Path get(long key) {
        long[] b = bucket(top(key));
        if (b == null) {
            return null;
        }
        int i = find(b, low(key));
        return i < 0 ? null : ids.path(idOf(b[i]));
    }

    /**
     * Returns the previous path, or null.
     *
     * @throws IllegalStateException when the map already holds {@code maxPaths} distinct paths
     *                               (2^30 by default: far beyond any table; the session's
     *                               connection is closed, as for any failure on its loop)
     */
    Path put(long key, Path value) {
        int d = directorySlot(top(key));
        long[] b = buckets[d];
        if (b == null) {
            b = new long[1 + FIRST_BUCKET];
            buckets[d] = b;
        } else if ((b[0] + 1) * 4 > (b.length - 1) * 3L) {
            b = grow(b);
            buckets[d] = b;
        }
        int id = ids.acquire(value);
        int low = low(key);
        long tagged = OCCUPIED | (long) low << 32;
        int capacity = b.length - 1;
        for (int i = home(low, capacity); ; i = next(i, capacity)) {
            long s = b[1 + i];
            if (s == 0) {
                b[1 + i] = tagged | id;
                b[0]++;
                size++;
                return null;
            }
            if (lowOf(s) == low) {
                b[1 + i] = tagged | id;
                return ids.release(idOf(s));
            }
        }
    }

    /** Returns the removed path, or null. */
    Path remove(long key) {
        int d = findDirectory(top(key));
        long[] b = d < 0 ? null : buckets[d];
        if (b == null) {
            return null;
        }
        int at = find(b, low(key));
        if (at < 0) {
            return null;
        }
        Path old = ids.release(idOf(b[at]));
        size--;
        if (--b[0] == 0) {
            buckets[d] = null; // an emptied /16 gives its memory back
            return old;
        }
        // Backward-shift deletion: move later members of the cluster into the hole when their
        // home slot does not lie (cyclically) between the hole and their current slot.
        int capacity = b.length - 1;
        int hole = at - 1;
        for (int j = next(hole, capacity); b[1 + j] != 0; j = next(j, capacity)) {
            int home = home(lowOf(b[1 + j]), capacity);
            boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable) {
                b[1 + hole] = b[1 + j];
                hole = j;
            }
        }
        b[1 + hole] = 0;
        return old;
    }

    void clear() {
        tops = new int[8];
        buckets = new long[8][];
        dirUsed = 0;
        size = 0;
        ids.clear();
    }

    interface Visitor {
        void visit(long key, Path path);
    }

    void forEach(Visitor v) {
        for (int d = 0; d < tops.length; d++) {
            long[] b = buckets[d];
            if (b == null) {
                continue;
            }
            long top = (long) (tops[d] - 1) << LOW_BITS;
            for (int i = 1; i < b.length; i++) {
                long s = b[i];
                if (s != 0) {
                    v.visit(top | lowOf(s), ids.path(idOf(s)));
                }
            }
        }
    }

    /** The index in {@code b} of the slot for {@code low}, or -1. */
    private static int find(long[] b, int low) {
        int capacity = b.length - 1;
        for (int i = home(low, capacity); ; i = next(i, capacity)) {
            long s = b[1 + i];
            if (s == 0) {
                return -1;
            }
            if (lowOf(s) == low) {
                return 1 + i;
            }
        }
    }

    /** The slot a low part hashes to in a bucket of {@code capacity} slots (any capacity: multiply, not mask). */
    private static int home(int low, int capacity) {
        return (int) ((mix(low) & 0xFFFF_FFFFL) * capacity >>> 32);
    }

    /** The slot after {@code i}, cyclically. */
    private static int next(int i, int capacity) {
        return i + 1 == capacity ? 0 : i + 1;
    }

    /**
     * A bucket half as large again (rounded up to 4 slots), its slots placed again (their path ids stay valid).
     * Capacities 4, 8, 12, 20, 32, 48, 72, 108, 164, 248, 372, ...: doubling left a bucket between 3/8 and 3/4 full
     * (a /16 of 256 /24s, the common case of a full table, took 512 slots, half of them empty); growing by half
     * keeps it between 1/2 and 3/4 (256 /24s in 372 slots): 1M packed prefixes 11.6 MB of buckets instead of 15.9
     * (issue 18, peak RSS; docs/benchmarks.md "Peak RSS, third pass"). Probing stays within the same 3/4 bound.
     */
    private static long[] grow(long[] b) {
        int capacity = b.length - 1;
        int larger = capacity + (capacity >> 1) + 3 & ~3;
        long[] bigger = new long[1 + larger];
        bigger[0] = b[0];
        for (int j = 1; j < b.length; j++) {
            long s = b[j];
            if (s != 0) {
                int i = home(lowOf(s), larger);
                while (bigger[1 + i] != 0) {
                    i = next(i, larger);
                }
                bigger[1 + i] = s;
            }
        }
        return bigger;
    }

    private long[] bucket(int top) {
        int d = findDirectory(top);
        return d < 0 ? null : buckets[d];
    }

    /** The directory index of {@code top}, or -1. */
    private int findDirectory(int top) {
        int i = probeDirectory(top);
        return tops[i] == 0 ? -1 : i;
    }

    /** The directory index of {@code top}, added when missing (directory kept at most half full). */
    private int directorySlot(int top) {
        int i = probeDirectory(top);
        if (tops[i] != 0) {
            return i;
        }
        if ((dirUsed + 1) * 2 > tops.length) {
            growDirectory();
            i = probeDirectory(top);
        }
        tops[i] = top + 1;
        dirUsed++;
        return i;
    }

    /** The directory index holding {@code top}, else the empty one where it would go. */
    private int probeDirectory(int top) {
        int mask = tops.length - 1;
        int i = mix(top) & mask;
        while (tops[i] != 0 && tops[i] != top + 1) {
            i = i + 1 & mask;
        }
        return i;
    }

    private void growDirectory() {
        int[] oldTops = tops;
        long[][] oldBuckets = buckets;
        tops = new int[oldTops.length * 2];
        buckets = new long[oldTops.length * 2][];
        int mask = tops.length - 1;
        for (int j = 0; j < oldTops.length; j++) {
            if (oldTops[j] != 0) {
                int i = mix(oldTops[j] - 1) & mask;
                while (tops[i] != 0) {
                    i = i + 1 & mask;
                }
                tops[i] = oldTops[j];
                buckets[i] = oldBuckets[j];
            }
        }
    }
}
