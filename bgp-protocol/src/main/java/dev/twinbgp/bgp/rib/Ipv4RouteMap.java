package dev.twinbgp.bgp.rib;

import java.util.Arrays;

/**
 * IPv4 prefix (without path id) to {@link Path}, open addressing with linear probing over
 * primitive keys: about 12 bytes per route at the 0.5..0.75 load kept here, instead of the
 * ~100 a HashMap of objects costs. A full table is a million of these.
 *
 * <pre>
 *  key (long): 26 zero bits | 32-bit address | 6-bit prefix length
 * </pre>
 * Empty slots hold {@code -1}; deletion shifts the following cluster back (no tombstones).
 * Not thread-safe: owned by one session's loop.
 */
final class Ipv4RouteMap {
    private static final long EMPTY = -1L;
    private long[] keys;
    private Path[] values;
    private int size;
    private int mask;

    Ipv4RouteMap() {
        allocate(16);
    }

    static long key(int address, int length) {
        return (address & 0xFFFF_FFFFL) << 6 | length;
    }

    static int address(long key) {
        return (int) (key >>> 6);
    }

    static int length(long key) {
        return (int) (key & 0x3F);
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        Arrays.fill(keys, EMPTY);
        values = new Path[capacity];
        mask = capacity - 1;
    }

    private static int hash(long key) {
        long h = key * 0x9E37_79B9_7F4A_7C15L;
        return (int) (h ^ h >>> 32);
    }

    int size() {
        return size;
    }

    Path get(long key) {
        for (int i = hash(key) & mask; ; i = i + 1 & mask) {
            long k = keys[i];
            if (k == key) {
                return values[i];
            }
            if (k == EMPTY) {
                return null;
            }
        }
    }

    /** Returns the previous path, or null. */
    Path put(long key, Path value) {
        if ((size + 1) * 4L > keys.length * 3L) {
            grow();
        }
        for (int i = hash(key) & mask; ; i = i + 1 & mask) {
            long k = keys[i];
            if (k == key) {
                Path old = values[i];
                values[i] = value;
                return old;
            }
            if (k == EMPTY) {
                keys[i] = key;
                values[i] = value;
                size++;
                return null;
            }
        }
    }

    /** Returns the removed path, or null. */
    Path remove(long key) {
        int i = hash(key) & mask;
        while (true) {
            long k = keys[i];
            if (k == EMPTY) {
                return null;
            }
            if (k == key) {
                break;
            }
            i = i + 1 & mask;
        }
        Path old = values[i];
        // Backward-shift deletion: move later members of the cluster into the hole when their
        // home slot does not lie (cyclically) between the hole and their current slot.
        int hole = i;
        for (int j = hole + 1 & mask; keys[j] != EMPTY; j = j + 1 & mask) {
            int home = hash(keys[j]) & mask;
            boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable) {
                keys[hole] = keys[j];
                values[hole] = values[j];
                hole = j;
            }
        }
        keys[hole] = EMPTY;
        values[hole] = null;
        size--;
        return old;
    }

    void clear() {
        allocate(16);
        size = 0;
    }

    interface Visitor {
        void visit(long key, Path path);
    }

    void forEach(Visitor v) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != EMPTY) {
                v.visit(keys[i], values[i]);
            }
        }
    }

    private void grow() {
        long[] oldKeys = keys;
        Path[] oldValues = values;
        allocate(keys.length * 2);
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }
}
