package dev.twinbgp.bgp.rib;

import java.util.Arrays;

/**
 * The paths of an {@link Ipv4RouteMap}, each under a small number (its id) counted by the slots
 * that use it; an id whose count drops to zero is freed and reused. A table arrives one UPDATE at
 * a time, every prefix of an UPDATE with the same {@link Path} instance, so the last path handed
 * out is remembered (by identity) and its id reused while it lives; any other path gets a new id
 * (the same path object seen again later gets a second one: harmless). Not thread-safe.
 */
final class PathIds {
    /** Ids fit the 32 bits a slot of {@link Ipv4RouteMap} has for them; arrays stop far before. */
    static final int MAX_IDS = 1 << 30;

    private final int max;
    private Path[] paths;
    // For a live id its count of slots; for a free id (paths[id] == null) the next free id, or -1.
    private int[] counts;
    private int freeHead;
    private int next;
    private int live;
    private Path lastPath;
    private int lastId;

    PathIds(int max) {
        if (max < 1 || max > MAX_IDS) {
            throw new IllegalArgumentException("max ids must be 1.." + MAX_IDS + ": " + max);
        }
        this.max = max;
        clear();
    }

    void clear() {
        paths = new Path[16];
        counts = new int[16];
        freeHead = -1;
        next = 0;
        live = 0;
        lastPath = null;
        lastId = 0;
    }

    int live() {
        return live;
    }

    Path path(int id) {
        return paths[id];
    }

    /** An id for one more slot holding {@code path}. */
    int acquire(Path path) {
        if (path == lastPath && paths[lastId] == path) {
            counts[lastId]++;
            return lastId;
        }
        int id;
        if (freeHead >= 0) {
            id = freeHead;
            freeHead = counts[id];
        } else {
            if (next == max) {
                throw new IllegalStateException("Adj-RIB-In full: " + max + " distinct paths");
            }
            id = next++;
            if (id == paths.length) {
                int n = (int) Math.min(max, paths.length * 2L);
                paths = Arrays.copyOf(paths, n);
                counts = Arrays.copyOf(counts, n);
            }
        }
        paths[id] = path;
        counts[id] = 1;
        live++;
        lastPath = path;
        lastId = id;
        return id;
    }

    /** One slot fewer holds {@code id}; returns its path (freeing the id when no slot holds it). */
    Path release(int id) {
        Path path = paths[id];
        if (--counts[id] == 0) {
            paths[id] = null;
            counts[id] = freeHead;
            freeHead = id;
            live--;
        }
        return path;
    }
}
