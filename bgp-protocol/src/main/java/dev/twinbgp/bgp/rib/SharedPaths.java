package dev.twinbgp.bgp.rib;

import dev.twinbgp.bgp.wire.attribute.Attributes;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The distinct paths of an {@link AdjRibOut}, each held once (equal paths given by different
 * callers share one instance) under a small number - its id - counted by the routes that use it;
 * an id whose count drops to zero is freed and reused. Beside each path, made on first request and
 * kept while it lives, the attributes IPv4 unicast routes of it are sent with
 * ({@link AdjRibOut#ipv4AttributesOf}), encoded once. Not thread-safe.
 */
final class SharedPaths {
    /** Marks "IPv4 attributes not made yet" ({@code null} there means: the path needs MP_REACH_NLRI). */
    private static final Object UNMADE = new Object();

    private final Map<Path, Integer> ids = new HashMap<>();
    private Path[] paths = new Path[16];
    private Object[] ipv4 = new Object[16];
    // For a live id its count of routes; for a free id (paths[id] == null) the next free id, or -1.
    private int[] counts = new int[16];
    private int freeHead = -1;
    private int next;
    private Path lastPath;
    private int lastId = -1;

    int capacity() {
        return next;
    }

    Path path(int id) {
        return paths[id];
    }

    /** The id of a path equal to {@code path}, or -1. */
    int find(Path path) {
        if (path == lastPath && lastId >= 0 && paths[lastId] == path) {
            return lastId;
        }
        Integer id = ids.get(path);
        return id == null ? -1 : id;
    }

    /** An id for one more route holding {@code path} (the instance already held when one is equal). */
    int acquire(Path path) {
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
                counts = Arrays.copyOf(counts, n);
            }
        }
        paths[id] = path;
        ipv4[id] = UNMADE;
        counts[id] = 1;
        ids.put(path, id);
        lastPath = path;
        lastId = id;
        return id;
    }

    /** One route fewer holds {@code id} (freed when none does). */
    void release(int id) {
        if (--counts[id] == 0) {
            ids.remove(paths[id]);
            paths[id] = null;
            ipv4[id] = null;
            counts[id] = freeHead;
            freeHead = id;
        }
    }

    /** The attributes IPv4 unicast routes of path {@code id} are sent with, or null for an MP next hop. */
    Attributes ipv4Attributes(int id) {
        Object a = ipv4[id];
        if (a == UNMADE) {
            Attributes made = AdjRibOut.ipv4AttributesOf(paths[id]);
            if (made != null) {
                // Encode once per path, while the table loads: every session then copies these octets.
                // The 4-octet AS form (RFC 6793), which nearly every session negotiates.
                made.encodedLength(true);
            }
            ipv4[id] = made;
            return made;
        }
        return (Attributes) a;
    }

    void clear() {
        ids.clear();
        paths = new Path[16];
        ipv4 = new Object[16];
        counts = new int[16];
        freeHead = -1;
        next = 0;
        lastPath = null;
        lastId = -1;
    }
}
