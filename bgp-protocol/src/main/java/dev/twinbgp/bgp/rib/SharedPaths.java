package dev.twinbgp.bgp.rib;

import dev.twinbgp.bgp.wire.attribute.Attributes;
import java.util.Arrays;

/**
 * The distinct paths of an {@link AdjRibOut}, each held once (equal paths given by different
 * callers share one instance) in its compact form ({@link Path#compact}: the attribute octets, not
 * their objects) under a small number - its id - counted by the routes that use it; an id whose
 * count drops to zero is freed and reused. Beside each path, made on first request and kept while
 * it lives, the attributes IPv4 unicast routes of it are sent with ({@link AdjRibOut#ipv4AttributesOf}),
 * encoded once. Paths are found by hash in an open-addressing table (linear probing, at most half full) whose
 * entries hold each id beside its path's hash, so a probe past other paths reads no memory but the table's:
 * <pre>
 *   table[i]: | hash (32 bits) | id + 1 (32 bits) |     0 = empty
 * </pre>
 * (issue 18: for the 250,000 new paths of a 1M-route API table, each probe read the hash of the id it met from an
 * array of its own - one more cache miss per occupied slot. {@code AnnouncePathProfile}, 5 alternating pairs: the
 * cold round 0.28-0.32 against 0.31-0.34 s CPU, warm the same; the table is twice the octets, 2 MiB more for
 * 250,000 paths). Not thread-safe.
 */
final class SharedPaths {
    /** Marks "IPv4 attributes not made yet" ({@code null} there means: the path needs MP_REACH_NLRI). */
    private static final Object UNMADE = new Object();

    private Path[] paths = new Path[16];
    private Object[] ipv4 = new Object[16];
    private int[] hashes = new int[16]; // each live id's hash, where release finds it in the table from
    // For a live id its count of routes; for a free id (paths[id] == null) the next free id, or -1.
    private int[] counts = new int[16];
    private long[] table = new long[32];
    private int live;
    private int freeHead = -1;
    private int next;
    // The caller's instance last looked up (not the compact copy): a table arrives with runs of routes
    // sharing one Path object, found again by identity without hashing.
    private Path lastPath;
    private int lastId = -1;

    /**
     * For each live id, the number of routes holding it (the array itself, to read, not to change; free ids hold
     * other numbers): the sizes of the groups of {@link OrderedIpv4Table#groupByPath}.
     */
    int[] routesOf() {
        return counts;
    }

    /** One more than the highest id handed out so far. */
    int capacity() {
        return next;
    }

    Path path(int id) {
        return paths[id];
    }

    /** The id of a path equal to {@code path}, or -1. */
    int find(Path path) {
        if (path == lastPath) {
            return lastId;
        }
        int h = path.hashCode();
        int mask = table.length - 1;
        for (int i = mix(h) & mask; ; i = i + 1 & mask) {
            long t = table[i];
            if (t == 0) {
                return -1;
            }
            int id = (int) t - 1;
            if ((int) (t >>> 32) == h && path.equals(paths[id])) {
                return id;
            }
        }
    }

    /** An id for one more route holding {@code path} (the instance already held when one is equal). */
    int acquire(Path path) {
        return acquire(path, false);
    }

    /**
     * {@link #acquire(Path)}; with {@code ipv4}, for an IPv4 unicast route: a new path's IPv4 attributes
     * are made at once, from the caller's objects (made later, from the compact form, they would decode
     * it, and the decoded objects would stay with it).
     */
    int acquire(Path path, boolean ipv4Unicast) {
        int id = find(path);
        if (id >= 0) {
            counts[id]++;
            lastPath = path;
            lastId = id;
            return id;
        }
        if (freeHead >= 0) {
            id = freeHead;
            freeHead = counts[id];
        } else {
            id = next++;
            if (id == paths.length) {
                int n = paths.length * 2;
                paths = Arrays.copyOf(paths, n);
                ipv4 = Arrays.copyOf(ipv4, n);
                hashes = Arrays.copyOf(hashes, n);
                counts = Arrays.copyOf(counts, n);
            }
        }
        if ((live + 1) * 2 > table.length) {
            long[] old = table;
            table = new long[old.length * 2];
            for (long t : old) {
                if (t != 0) {
                    place(t);
                }
            }
        }
        Path compact = path.compact();
        paths[id] = compact;
        ipv4[id] = !ipv4Unicast ? UNMADE : compact.hasMpNextHop() ? ipv4AttributesFor(path) : sendable(compact.attributes());
        counts[id] = 1;
        hashes[id] = path.hashCode();
        live++;
        place((long) hashes[id] << 32 | (id + 1L));
        lastPath = path;
        lastId = id;
        return id;
    }

    /** One route fewer holds {@code id} (freed when none does). */
    void release(int id) {
        if (--counts[id] != 0) {
            return;
        }
        unplace(id);
        paths[id] = null;
        ipv4[id] = null;
        counts[id] = freeHead;
        freeHead = id;
        live--;
        if (id == lastId) {
            lastPath = null;
            lastId = -1;
        }
    }

    /** The attributes IPv4 unicast routes of path {@code id} are sent with, or null for an MP next hop. */
    Attributes ipv4Attributes(int id) {
        Object a = ipv4[id];
        if (a == UNMADE) {
            Attributes made = ipv4AttributesFor(paths[id]);
            ipv4[id] = made;
            return made;
        }
        return (Attributes) a;
    }

    /**
     * A path whose next hop is its NEXT_HOP attribute is sent with its own attributes ({@link
     * AdjRibOut#ipv4AttributesOf}): the compact set just made is that set, encoded - kept once for both (issue 18:
     * one encoding scan and one object fewer for each of a 1M-route API table's 250,000 paths).
     */
    private static Attributes sendable(Attributes compact) {
        compact.encodedLength(true);
        return compact;
    }

    private static Attributes ipv4AttributesFor(Path path) {
        Attributes made = AdjRibOut.ipv4AttributesOf(path);
        if (made != null) {
            // Encoded once per path, while the table loads: every session then copies these octets
            // (the 4-octet AS form, RFC 6793, which nearly every session negotiates), and kept as them.
            made = made.compactBuilt();
            made.encodedLength(true);
        }
        return made;
    }

    void clear() {
        paths = new Path[16];
        ipv4 = new Object[16];
        hashes = new int[16];
        counts = new int[16];
        table = new long[32];
        live = 0;
        freeHead = -1;
        next = 0;
        lastPath = null;
        lastId = -1;
    }

    /** Puts a table entry (hash, id + 1) in the first free slot from its hash's. */
    private void place(long entry) {
        int mask = table.length - 1;
        int i = mix((int) (entry >>> 32)) & mask;
        while (table[i] != 0) {
            i = i + 1 & mask;
        }
        table[i] = entry;
    }

    /** Takes {@code id} out of the table, shifting the rest of its cluster back (no tombstones). */
    private void unplace(int id) {
        int mask = table.length - 1;
        int hole = mix(hashes[id]) & mask;
        while ((int) table[hole] != id + 1) {
            hole = hole + 1 & mask;
        }
        for (int j = hole + 1 & mask; table[j] != 0; j = j + 1 & mask) {
            int home = mix((int) (table[j] >>> 32)) & mask;
            boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable) {
                table[hole] = table[j];
                hole = j;
            }
        }
        table[hole] = 0;
    }

    private static int mix(int h) {
        h *= 0x9E37_79B9;
        return h ^ h >>> 16;
    }
}
