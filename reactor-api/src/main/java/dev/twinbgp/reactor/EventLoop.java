package dev.twinbgp.reactor;

import java.util.concurrent.Executor;

/**
 * One thread running I/O, timers and tasks in turn. The only clock protocol code may read is
 * {@link #nanoTime()}; tests can hand protocol code a {@link ManualEventLoop} instead.
 *
 * <p>When its reactor closes, the loop runs the tasks it had accepted, then ends; from then on
 * {@link #execute} and {@link #schedule} drop what they are given without an exception (logged at debug), so
 * code on other threads racing a shutdown needs no guard. Timers never fire once the loop has stopped: a timer
 * still pending then, or scheduled afterwards, stays silent and its {@link Timer#cancel()} returns false.
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
