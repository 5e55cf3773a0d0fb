package dev.twinbgp.jmh.scale;

/**
 * What one checked session-scale run measured on the speaker under test.
 *
 * @param sessions             sessions Established (checked equal to the configured count)
 * @param establishNanos       from the first accepted connection to the last session Established
 * @param heapBytesPerSession  used heap after GC with every session up, minus before any, per session
 * @param directBytesPerSession the same for JDK-tracked direct buffer memory (see {@link SessionScale})
 * @param idleNanos            length of the idle window
 * @param idleLoopCpuNanos     CPU time of the speaker's loop threads over the idle window
 * @param idleProcessCpuNanos  CPU time of the whole speaker JVM (GC, JIT and JMH included) over the window
 * @param loopThreads          how many loop threads the speaker ran
 * @param failedAttempts       connection attempts that ended before Established (the clients retried)
 */
public record ScaleResult(int sessions, long establishNanos, double heapBytesPerSession, double directBytesPerSession,
                          long idleNanos, long idleLoopCpuNanos, long idleProcessCpuNanos, int loopThreads,
                          int failedAttempts) {
    public double sessionsPerSecond() {
        return sessions * 1e9 / establishNanos;
    }

    /** Loop-thread CPU as a percentage of one core over the idle window. */
    public double idleLoopCpuPercent() {
        return 100.0 * idleLoopCpuNanos / idleNanos;
    }

    public double idleProcessCpuPercent() {
        return 100.0 * idleProcessCpuNanos / idleNanos;
    }
}
