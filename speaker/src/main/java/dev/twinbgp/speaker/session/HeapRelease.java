package dev.twinbgp.speaker.session;

import java.util.function.LongConsumer;

/**
 * Asks the JVM for a full collection once sessions going down have dropped many routes, so that the
 * next table a peer sends reuses the memory of the one dropped instead of touching new pages.
 *
 * <p>Why: an Adj-RIB-In that arrived whole lives in the old generation (it survives the young
 * collections while it grows). When its session drops, it becomes garbage there; the launcher's serial
 * collector (bin/jvm-options) collects the old generation only when it is full - hundreds of MB later,
 * as the heap may grow - so the peer's next table is promoted into fresh pages beside the dead one. A
 * fresh daemon receiving 1M diverse routes, its session reset and the table sent again peaked at
 * 199-224 MiB where the first transfer alone peaked at 146-159 (BIRD 2: 169 MiB); collected at the
 * drop, the second table fills the pages of the first: 149-164 MiB (docs/benchmarks.md, "Peak RSS
 * against BIRD 2"; with -XX:MarkSweepDeadRatio=0, bin/jvm-options). The collection
 * is cheap right then: the dropped table is no longer live, and a full collection's cost follows what
 * is live.
 *
 * <p>Dropped routes are counted over every session of the process; once {@link #ROUTES} have been
 * dropped since the last collection, and at least {@link #INTERVAL_NANOS} have passed since it (a peer
 * flapping with a full table costs at most one full collection per interval), one is asked for, on a
 * thread of its own so the dropping loop goes on until the collection stops every thread.
 * {@code -XX:+DisableExplicitGC} turns it off. Thread-safe.
 */
final class HeapRelease {
    /** Routes dropped since the last collection that make one worth it (a tenth of a full table). */
    static final long ROUTES = 100_000;
    /** At least this long between two collections. */
    static final long INTERVAL_NANOS = 10_000_000_000L;

    /** The process's own: collects with {@link System#gc()} on a short-lived daemon thread. */
    static final HeapRelease PROCESS = new HeapRelease(ROUTES, INTERVAL_NANOS,
            dropped -> Thread.ofPlatform().daemon().name("twinbgp-heap-release").start(System::gc));

    private final long routes;
    private final long intervalNanos;
    private final LongConsumer collect;
    private long pending;
    private long lastAt;
    private boolean collected;

    /** {@code collect}: asks for the collection, given the routes dropped since the last one. */
    HeapRelease(long routes, long intervalNanos, LongConsumer collect) {
        this.routes = routes;
        this.intervalNanos = intervalNanos;
        this.collect = collect;
    }

    /**
     * A session dropped {@code count} routes at {@code nowNanos} (a monotonic clock: the loop's); returns
     * whether a collection was asked for.
     */
    boolean dropped(long count, long nowNanos) {
        long ask;
        synchronized (this) {
            pending += Math.max(0, count);
            if (pending < routes || (collected && nowNanos - lastAt < intervalNanos)) {
                return false;
            }
            ask = pending;
            pending = 0;
            lastAt = nowNanos;
            collected = true;
        }
        collect.accept(ask);
        return true;
    }
}
