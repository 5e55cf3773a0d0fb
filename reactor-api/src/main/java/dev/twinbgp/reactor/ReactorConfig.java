package dev.twinbgp.reactor;

/**
 * Tuning shared by every reactor. The same config gives the same bounds on both reactors.
 *
 * @param loopThreads       number of event-loop threads (each owns its connections for life)
 * @param readBudgetBytes   most bytes read from one connection in one loop pass (fairness)
 * @param writeHighWater    pending output above which {@code onWritabilityChanged(false)} fires
 * @param writeLowWater     pending output below which {@code onWritabilityChanged(true)} fires again
 * @param maxPendingOutput  hard bound: a write that would push pending output past it aborts the
 *                          connection with an {@link OutputOverflowException}
 * @param preferNative      use a native transport where the reactor has one (Netty: epoll)
 */
public record ReactorConfig(int loopThreads, int readBudgetBytes, int writeHighWater, int writeLowWater,
                            long maxPendingOutput, boolean preferNative) {

    public static final int DEFAULT_READ_BUDGET = 64 * 1024;
    public static final int DEFAULT_HIGH_WATER = 1024 * 1024;
    public static final int DEFAULT_LOW_WATER = 256 * 1024;
    public static final long DEFAULT_MAX_PENDING = 16L * 1024 * 1024;

    public ReactorConfig {
        if (loopThreads < 1) throw new IllegalArgumentException("loopThreads must be >= 1: " + loopThreads);
        if (readBudgetBytes < 1) throw new IllegalArgumentException("readBudgetBytes must be >= 1: " + readBudgetBytes);
        if (writeLowWater < 0 || writeHighWater < writeLowWater) {
            throw new IllegalArgumentException("need 0 <= writeLowWater <= writeHighWater: " + writeLowWater + ", " + writeHighWater);
        }
        if (maxPendingOutput < writeHighWater) {
            throw new IllegalArgumentException("maxPendingOutput must be >= writeHighWater: " + maxPendingOutput);
        }
    }

    /** One loop thread, 64 KiB read budget, 1 MiB / 256 KiB water marks, 16 MiB bound, no native transport. */
    public static ReactorConfig defaults() {
        return new ReactorConfig(1, DEFAULT_READ_BUDGET, DEFAULT_HIGH_WATER, DEFAULT_LOW_WATER, DEFAULT_MAX_PENDING, false);
    }

    public ReactorConfig withLoopThreads(int n) {
        return new ReactorConfig(n, readBudgetBytes, writeHighWater, writeLowWater, maxPendingOutput, preferNative);
    }

    public ReactorConfig withWaterMarks(int low, int high, long maxPending) {
        return new ReactorConfig(loopThreads, readBudgetBytes, high, low, maxPending, preferNative);
    }

    public ReactorConfig withReadBudget(int bytes) {
        return new ReactorConfig(loopThreads, bytes, writeHighWater, writeLowWater, maxPendingOutput, preferNative);
    }

    public ReactorConfig withPreferNative(boolean yes) {
        return new ReactorConfig(loopThreads, readBudgetBytes, writeHighWater, writeLowWater, maxPendingOutput, yes);
    }
}
