package dev.twinbgp.speaker.session;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The fill level of one bounded buffer that received messages end up in (the JSON event writer's queue,
 * an API process's stdin queue), for receive back-pressure: while it is {@link #congested()}, the peers
 * feeding it stop reading their connections ({@link PeerDriver}), so the buffer - and our memory - stays
 * bounded and no event is dropped.
 *
 * <pre>
 *   producers (loop threads)  --added(chars)-->  [ buffer ]  --taken(chars)-->  consumer thread
 *   congested: from lines >= highLines or chars >= highChars (upwards)
 *              until lines <= lowLines and chars <= lowChars (downwards), then the waiters run
 * </pre>
 *
 * A consumer that takes nothing for {@code stallNanos} while congested is <em>stalled</em> (a program that
 * stopped reading its stdin for good): it no longer holds the peers back - they read on, the buffer fills
 * to its hard capacity and its owner drops and counts lines as before. The moment the consumer takes a
 * line again it holds them back again. So a slow consumer gets every event, a dead one cannot stop the
 * routing.
 *
 * <p>Thread-safe: producers and the consumer are different threads. Race: a producer crossing the high
 * mark and the consumer crossing the low mark at the same moment may leave the flag set over an almost
 * empty buffer; {@link #congested()} itself clears it then (it re-reads the level), and a paused peer
 * re-checks on a timer besides {@link #whenClear}, so no wake-up is ever lost for good.
 */
public final class Backlog {
    private final int highLines;
    private final int lowLines;
    private final long highChars;
    private final long lowChars;
    private final long stallNanos;
    private final LongSupplier nanoTime;
    private final AtomicLong lines = new AtomicLong();
    private final AtomicLong chars = new AtomicLong();
    private final Set<Runnable> waiters = ConcurrentHashMap.newKeySet();
    private volatile boolean above;
    /** When the consumer last took a line, or when the buffer went above its high marks. */
    private volatile long lastProgress;
    private final AtomicLong congestions = new AtomicLong();
    private final AtomicLong maxLines = new AtomicLong();
    private final AtomicLong maxChars = new AtomicLong();

    public Backlog(int highLines, int lowLines, long highChars, long lowChars, long stallNanos, LongSupplier nanoTime) {
        if (lowLines < 0 || highLines <= lowLines || lowChars < 0 || highChars <= lowChars) {
            throw new IllegalArgumentException("need 0 <= low < high: lines " + lowLines + "/" + highLines
                    + ", chars " + lowChars + "/" + highChars);
        }
        this.highLines = highLines;
        this.lowLines = lowLines;
        this.highChars = highChars;
        this.lowChars = lowChars;
        this.stallNanos = stallNanos;
        this.nanoTime = nanoTime;
    }

    /** Water marks for a queue of {@code capacity} lines: high at half of it (or 8 Mi chars), low at an eighth (2 Mi chars). */
    public static Backlog forCapacity(int capacity, long stallNanos, LongSupplier nanoTime) {
        int high = Math.max(2, capacity / 2);
        return new Backlog(high, Math.max(0, Math.min(high - 1, capacity / 8)), 8L << 20, 2L << 20, stallNanos, nanoTime);
    }

    /** A producer put a line of {@code length} chars in the buffer. */
    public void added(int length) {
        long l = lines.incrementAndGet();
        long c = chars.addAndGet(length);
        if (l > maxLines.get()) {
            maxLines.accumulateAndGet(l, Math::max);
        }
        if (c > maxChars.get()) {
            maxChars.accumulateAndGet(c, Math::max);
        }
        if (!above && (l >= highLines || c >= highChars)) {
            lastProgress = nanoTime.getAsLong();
            above = true;
            congestions.incrementAndGet();
        }
    }

    /** The consumer took a line of {@code length} chars out of the buffer (or the owner discarded it). */
    public void taken(int length) {
        lastProgress = nanoTime.getAsLong();
        long l = lines.decrementAndGet();
        long c = chars.addAndGet(-length);
        if (above && l <= lowLines && c <= lowChars) {
            above = false;
            wake();
        }
    }

    /** The consumer took {@code n} lines of {@code length} chars in all out of the buffer at once. */
    public void taken(int n, long length) {
        lastProgress = nanoTime.getAsLong();
        long l = lines.addAndGet(-n);
        long c = chars.addAndGet(-length);
        if (above && l <= lowLines && c <= lowChars) {
            above = false;
            wake();
        }
    }

    /** Above the high marks with a consumer that is making progress: the peers feeding it should not read. */
    public boolean congested() {
        if (!above) {
            return false;
        }
        if (lines.get() <= lowLines && chars.get() <= lowChars) {
            above = false; // see the race in the class comment
            wake();
            return false;
        }
        return nanoTime.getAsLong() - lastProgress < stallNanos;
    }

    /** Above the high marks with a consumer that took nothing for the stall time. */
    public boolean stalled() {
        return above && nanoTime.getAsLong() - lastProgress >= stallNanos;
    }

    /**
     * Runs {@code task} once the buffer is no longer congested: now (on this thread) when it is not, else on
     * the consumer's thread when it falls under the low marks. The same task instance registered twice runs once.
     */
    public void whenClear(Runnable task) {
        waiters.add(task);
        if (!congested() && waiters.remove(task)) { // cleared between the caller's check and the add
            task.run();
        }
    }

    /** Lines in the buffer now. */
    public long lines() {
        return lines.get();
    }

    /** Chars in the buffer now. */
    public long chars() {
        return chars.get();
    }

    /** The most lines the buffer ever held: the bound receive back-pressure keeps. */
    public long maxLines() {
        return maxLines.get();
    }

    /** The most chars the buffer ever held. */
    public long maxChars() {
        return maxChars.get();
    }

    /** The high-water mark in lines. */
    public int highLines() {
        return highLines;
    }

    /** How many times the buffer went above its high marks. */
    public long congestions() {
        return congestions.get();
    }

    private void wake() {
        for (Runnable r : waiters) {
            if (waiters.remove(r)) {
                r.run();
            }
        }
    }
}
