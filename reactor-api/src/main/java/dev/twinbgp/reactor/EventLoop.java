package dev.twinbgp.reactor;

import java.util.concurrent.Executor;

/**
 * One thread running I/O, timers and tasks in turn. The only clock protocol code may read is
 * {@link #nanoTime()}; tests can hand protocol code a {@link ManualEventLoop} instead.
 */
public interface EventLoop extends Executor {

    /** Queues a task to run on the loop; from any thread. A task that throws is logged and dropped. */
    @Override
    void execute(Runnable task);

    /**
     * Runs {@code task} once on the loop after {@code delayNanos} (per {@link #nanoTime()}).
     * Timers due at the same instant run in the order they were scheduled.
     */
    Timer schedule(long delayNanos, Runnable task);

    /** Monotonic time in nanoseconds (only differences mean anything). */
    long nanoTime();

    /** True when called on this loop's thread. */
    boolean inLoop();
}
