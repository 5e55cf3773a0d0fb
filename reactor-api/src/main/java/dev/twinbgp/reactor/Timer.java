package dev.twinbgp.reactor;

/** A one-shot timer from {@link EventLoop#schedule(long, Runnable)}. */
@FunctionalInterface
public interface Timer {
    /** Stops it from firing; true if it had not fired or been cancelled yet. Any thread. */
    boolean cancel();
}
