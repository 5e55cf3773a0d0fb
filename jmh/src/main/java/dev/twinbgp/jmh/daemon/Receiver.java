package dev.twinbgp.jmh.daemon;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * One receiving daemon of the daemon benchmark, started fresh (untimed) on loopback, passive, waiting
 * for the {@link RawSender}'s session.
 */
interface Receiver extends AutoCloseable {
    /** Display name, e.g. {@code twinbgp selector}, {@code BIRD 2}. */
    String name();

    /** Called just before the sender's SEND: a receiver that watches events (not polls) marks where it is. */
    default void beforeSend() {
    }

    /** Prefixes the receiver holds from the sender now (its cheap counter). */
    long held();

    /** How long to pause between two {@link #held} polls. */
    long pollNanos();

    /**
     * Returns {@code System.nanoTime()} at which the receiver was seen holding {@code n} prefixes: by
     * default when the first poll that saw them all answered. For a poll through a client process (vtysh,
     * bgpctl, gobgp) the daemon reads its counter near the end of the poll, after the client started, so the
     * answer time is the closer bound; the truth lies within one poll (pause + latency) before it.
     */
    default long awaitHeld(long n, long timeoutNanos) throws IOException {
        long deadline = System.nanoTime() + timeoutNanos;
        while (true) {
            long asked = System.nanoTime();
            long h = held();
            long answered = System.nanoTime();
            if (h >= n) {
                return answered;
            }
            if (!alive() || asked > deadline) {
                throw new IllegalStateException(name() + " holds " + h + " of " + n + " prefixes"
                        + (alive() ? " after " + timeoutNanos / 1_000_000_000L + " s" : " and exited") + "; log tail:\n" + tail());
            }
            LockSupport.parkNanos(pollNanos());
        }
    }

    /** Waits until the receiver holds nothing from the sender (after a session reset). */
    default void awaitEmpty(long timeoutNanos) throws IOException {
        long deadline = System.nanoTime() + timeoutNanos;
        long h;
        while ((h = held()) != 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name() + " still holds " + h + " prefixes after the reset; log tail:\n" + tail());
            }
            LockSupport.parkNanos(Math.max(pollNanos(), 20_000_000L));
        }
    }

    /** The receiver's processes, for peak RSS ({@code VmHWM}). */
    List<Long> pids();

    boolean alive();

    /** The end of the receiver's log, for failures. */
    String tail();

    /** Anything to check after the run (e.g. every JSON event written); empty when all is well. */
    default String problems() {
        return "";
    }

    @Override
    void close();

    static String tailOf(String log) {
        return log.substring(Math.max(0, log.length() - 3000));
    }
}
