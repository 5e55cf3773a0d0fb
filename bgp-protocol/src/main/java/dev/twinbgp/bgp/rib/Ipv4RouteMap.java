package dev.twinbgp.bgp.rib;

/**
 * IPv4 prefix (without path id) to {@link Path}: open addressing with linear probing over one
 * {@code long[]}, each slot holding both the prefix and a number standing for its path:
 * <pre>
 *   63  62                           31 30          25 24                      0
 *  +---+-------------------------------+--------------+------------------------+
 *  | 1 |       address (32 bits)       |  length (6)  |   path id (25 bits)    |
 *  +---+-------------------------------+--------------+------------------------+
 *  bit 63 set: occupied (an empty slot is 0, so a new array needs no fill)
 * </pre>
 * The paths themselves sit in a small side table ({@link PathIds}), one entry per distinct path,
 * counted by the slots that use it. A put touches one slot array instead of a key array and a
 * value array (one cache miss instead of two: a full table is a million random slots in a 16 MB
 * array), growth copies one array, and the slot array holds no references, so the collector never
 * traces or card-marks it while a table arrives. About 11-21 bytes per route at the 0.375..0.75
 * load kept here. Deletion shifts the following cluster back (no tombstones). Not thread-safe:
 * owned by one session's loop.
 */
final class Ipv4RouteMap {
    private static final long OCCUPIED = 1L << 63;
    private static final int ID_BITS = 25;
    private static final long ID_MASK = (1L << ID_BITS) - 1;
    private static final long KEY_MASK = (1L << 38) - 1;

    private long[] slots;
    private int size;
    private int mask;
    private final PathIds ids;

    Ipv4RouteMap() {
        this(PathIds.MAX_IDS);
    }

    /** A map holding at most {@code maxPaths} distinct paths at once (tests use a small limit). */
    Ipv4RouteMap(int maxPaths) {
        ids = new PathIds(maxPaths);
        allocate(16);
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

    private static long keyOf(long slot) {
        return slot >>> ID_BITS & KEY_MASK;
    }

    private static int idOf(long slot) {
        return (int) (slot & ID_MASK);
    }

    private void allocate(int capacity) {
        slots = new long[capacity];
        mask = capacity - 1;
    }

    private static int hash(long key) {
        long h = key * 0x9E37_79B9_7F4A_7C15L;
        return (int) (h ^ h >>> 32);
    }

    int size() {
        return size;
    }

    /** Distinct paths held (for tests). */
    int paths() {
        return ids.live();
    }

    Path get(long key) {
        for (int i = hash(key) & mask; ; i = i + 1 & mask) {
            long s = slots[i];
            if (s == 0) {
                return null;
            }
            if (keyOf(s) == key) {
                return ids.path(idOf(s));
            }
        }
    }

    /**
     * Returns the previous path, or null.
     *
     * @throws IllegalStateException when the map already holds {@code maxPaths} distinct paths
     *                               (2^25 by default: far beyond any table; the session's
     *                               connection is closed, as for any failure on its loop)
     */
    Path put(long key, Path value) {
        if ((size + 1) * 4L > slots.length * 3L) {
            grow();
        }
        int id = ids.acquire(value);
        long tagged = OCCUPIED | key << ID_BITS;
        for (int i = hash(key) & mask; ; i = i + 1 & mask) {
            long s = slots[i];
            if (s == 0) {
                slots[i] = tagged | id;
                size++;
                return null;
            }
            if (keyOf(s) == key) {
                slots[i] = tagged | id;
                return ids.release(idOf(s));
            }
        }
    }

    /** Returns the removed path, or null. */
    Path remove(long key) {
        int i = hash(key) & mask;
        while (true) {
            long s = slots[i];
            if (s == 0) {
                return null;
            }
            if (keyOf(s) == key) {
                break;
            }
            i = i + 1 & mask;
        }
        Path old = ids.release(idOf(slots[i]));
        // Backward-shift deletion: move later members of the cluster into the hole when their
        // home slot does not lie (cyclically) between the hole and their current slot.
        int hole = i;
        for (int j = hole + 1 & mask; slots[j] != 0; j = j + 1 & mask) {
            int home = hash(keyOf(slots[j])) & mask;
            boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable) {
                slots[hole] = slots[j];
                hole = j;
            }
        }
        slots[hole] = 0;
        size--;
        return old;
    }

    void clear() {
        allocate(16);
        size = 0;
        ids.clear();
    }

    interface Visitor {
        void visit(long key, Path path);
    }

    void forEach(Visitor v) {
        for (long s : slots) {
            if (s != 0) {
                v.visit(keyOf(s), ids.path(idOf(s)));
            }
        }
    }

    /** Doubles the slot array; the slots move as they are (their path ids stay valid). */
    private void grow() {
        long[] old = slots;
        allocate(old.length * 2);
        for (long s : old) {
            if (s != 0) {
                int i = hash(keyOf(s)) & mask;
                while (slots[i] != 0) {
                    i = i + 1 & mask;
                }
                slots[i] = s;
            }
        }
    }
}
