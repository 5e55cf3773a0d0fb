package dev.twinbgp.speaker.events;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The {@link EventWriter}'s bounded queue: many producers (the reactor loops), one consumer (the writer's thread).
 * {@code ArrayBlockingQueue}'s lock and condition, with two differences that matter on a loop thread offering
 * 250,000 lines a second (issue 18, "evcpu"):
 * <ul>
 *   <li>The slots are a power-of-two ring indexed by ever-growing counters, masked: no wrap-around branch. The
 *   {@code ArrayBlockingQueue}'s {@code if (++putIndex == items.length)} is taken once per 65,536 lines, so C2
 *   compiles it as an uncommon trap - and every wrap threw the loop's compiled receive path away (3-4 times in a
 *   cold 1M-route transfer with events, JFR {@code jdk.Deoptimization}).</li>
 *   <li>A producer signals the condition only while the consumer waits on it (its flag, under the lock).</li>
 * </ul>
 * Offers never block; a full queue refuses the line.
 */
final class LineQueue {
    private final Object[] items;
    private final int mask;
    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    // Under the lock: the next slot to fill and to take, counting every line ever (masked into items).
    private long putIndex;
    private long takeIndex;
    private boolean consumerWaiting;

    LineQueue(int capacity) {
        if (capacity < 1 || capacity > 1 << 30) {
            throw new IllegalArgumentException("capacity must be 1 .. 2^30: " + capacity);
        }
        this.capacity = capacity;
        this.items = new Object[capacity == 1 ? 1 : Integer.highestOneBit(capacity - 1) << 1];
        this.mask = items.length - 1;
    }

    /** Slots of the ring (a power of two, at least the capacity); for tests. */
    int slots() {
        return items.length;
    }

    /** Adds {@code line} (not null) unless the queue holds {@code capacity} lines; never blocks. */
    boolean offer(Object line) {
        ReentrantLock l = lock;
        l.lock();
        try {
            long put = putIndex;
            if (put - takeIndex >= capacity) {
                return false;
            }
            items[(int) put & mask] = line;
            putIndex = put + 1;
            if (consumerWaiting) {
                notEmpty.signal();
            }
            return true;
        } finally {
            l.unlock();
        }
    }

    /** Moves up to {@code max} lines, oldest first, into {@code out[0..)}; returns how many. */
    int drainTo(Object[] out, int max) {
        ReentrantLock l = lock;
        l.lock();
        try {
            long take = takeIndex;
            int n = (int) Math.min(max, putIndex - take);
            for (int i = 0; i < n; i++) {
                int slot = (int) (take + i) & mask;
                out[i] = items[slot];
                items[slot] = null;
            }
            takeIndex = take + n;
            return n;
        } finally {
            l.unlock();
        }
    }

    /** The oldest line, waiting up to {@code timeout} for one; null when none came. */
    Object poll(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        ReentrantLock l = lock;
        l.lockInterruptibly();
        try {
            while (putIndex == takeIndex) {
                if (nanos <= 0) {
                    return null;
                }
                consumerWaiting = true;
                try {
                    nanos = notEmpty.awaitNanos(nanos);
                } finally {
                    consumerWaiting = false;
                }
            }
            int slot = (int) takeIndex & mask;
            Object line = items[slot];
            items[slot] = null;
            takeIndex++;
            return line;
        } finally {
            l.unlock();
        }
    }

    boolean isEmpty() {
        ReentrantLock l = lock;
        l.lock();
        try {
            return putIndex == takeIndex;
        } finally {
            l.unlock();
        }
    }
}
