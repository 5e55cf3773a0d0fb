package dev.twinbgp.reactor.virtual;

import dev.twinbgp.reactor.Timer;
import java.util.concurrent.atomic.AtomicBoolean;

/** A one-shot timer in a {@link VirtualLoop}'s priority queue; ties run in scheduling order. */
final class LoopTimer implements Timer, Comparable<LoopTimer> {
    final long deadline;
    final long sequence;
    final Runnable task;
    /** Set by whichever of cancel() or firing comes first; cancel may come from any thread. */
    private final AtomicBoolean done = new AtomicBoolean();

    LoopTimer(long deadline, long sequence, Runnable task) {
        this.deadline = deadline;
        this.sequence = sequence;
        this.task = task;
    }

    @Override
    public boolean cancel() {
        return done.compareAndSet(false, true);
    }

    /** True (once) when the timer should fire, false when it was cancelled. */
    boolean claimForFiring() {
        return done.compareAndSet(false, true);
    }

    boolean isCancelled() {
        return done.get();
    }

    @Override
    public int compareTo(LoopTimer o) {
        int c = Long.compare(deadline, o.deadline);
        return c != 0 ? c : Long.compare(sequence, o.sequence);
    }
}
