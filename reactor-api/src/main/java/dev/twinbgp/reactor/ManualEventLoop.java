package dev.twinbgp.reactor;

import java.util.ArrayDeque;
import java.util.PriorityQueue;

/**
 * A deterministic, single-threaded {@link EventLoop} with a virtual clock, for testing protocol
 * code without threads or sockets: tasks run on {@link #runPending()}, timers on {@link #advance(long)}.
 * Not thread-safe; {@link #inLoop()} is always true.
 */
public final class ManualEventLoop implements EventLoop {
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private final PriorityQueue<ScheduledTask> timers = new PriorityQueue<>();
    private long now;
    private long sequence;

    private final class ScheduledTask implements Timer, Comparable<ScheduledTask> {
        final long deadline;
        final long seq = sequence++;
        final Runnable task;
        boolean done;

        ScheduledTask(long deadline, Runnable task) {
            this.deadline = deadline;
            this.task = task;
        }

        @Override
        public boolean cancel() {
            if (done) return false;
            done = true;
            timers.remove(this);
            return true;
        }

        @Override
        public int compareTo(ScheduledTask o) {
            int c = Long.compare(deadline, o.deadline);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
    }

    @Override
    public Timer schedule(long delayNanos, Runnable task) {
        ScheduledTask t = new ScheduledTask(now + Math.max(0, delayNanos), task);
        timers.add(t);
        return t;
    }

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public boolean inLoop() {
        return true;
    }

    /** Runs queued tasks (and the tasks they queue) until none is left. */
    public void runPending() {
        Runnable r;
        while ((r = tasks.poll()) != null) r.run();
    }

    /** Moves the clock forward, firing due timers in deadline order (and tasks between them). */
    public void advance(long nanos) {
        long target = now + nanos;
        runPending();
        ScheduledTask t;
        while ((t = timers.peek()) != null && t.deadline <= target) {
            timers.poll();
            now = Math.max(now, t.deadline);
            t.done = true;
            t.task.run();
            runPending();
        }
        now = target;
    }

    /** Number of timers not yet fired or cancelled. */
    public int pendingTimers() {
        return timers.size();
    }
}
