package dev.twinbgp.speaker.events;

/**
 * Decides when to report lines dropped because the event queue was full: at most once per
 * interval, with the number dropped since the last report. Time comes from the caller.
 * Not thread-safe: only the writer thread calls it.
 */
final class DropReporter {
    private final long intervalNanos;
    private long reported;
    private long lastReportAt;
    private boolean everReported;

    DropReporter(long intervalNanos) {
        this.intervalNanos = intervalNanos;
    }

    /**
     * @param now          the caller's monotonic clock, in nanoseconds
     * @param droppedTotal lines dropped since the writer started
     * @return lines dropped since the last report, when a report is due now; 0 otherwise
     */
    long due(long now, long droppedTotal) {
        long fresh = droppedTotal - reported;
        if (fresh <= 0 || (everReported && now - lastReportAt < intervalNanos)) {
            return 0;
        }
        reported = droppedTotal;
        lastReportAt = now;
        everReported = true;
        return fresh;
    }
}
