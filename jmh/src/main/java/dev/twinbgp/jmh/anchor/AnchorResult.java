package dev.twinbgp.jmh.anchor;

/**
 * What one checked transfer into an anchor measured.
 *
 * @param prefixes              routes the daemon imported (checked equal to the table)
 * @param establishedToAllNanos from Established to the first poll that saw all of them (see {@link AnchorTransfer})
 * @param polls                 route-count queries made during the transfer
 * @param meanPollNanos         their mean latency (query sent to answer parsed)
 * @param pollIntervalNanos     the pause between two queries
 * @param senderDoneNanos       from Established to the sender handing over its End-of-RIB (the
 *                              whole table written to the connection; 0 if not yet): a receiver
 *                              cannot finish much before this, so a figure close to it is the sender's
 * @param updates               UPDATEs the sender wrote (End-of-RIB included)
 * @param updateBytes           octets of those UPDATEs, headers included
 */
public record AnchorResult(long prefixes, long establishedToAllNanos, long polls, long meanPollNanos,
                           long pollIntervalNanos, long senderDoneNanos, long updates, long updateBytes) {
    public double prefixesPerSecond() {
        return prefixes * 1e9 / establishedToAllNanos;
    }

    public double bytesPerSecond() {
        return updateBytes * 1e9 / establishedToAllNanos;
    }

    /** The time between two observations of the count: the figure's resolution. */
    public long pollPeriodNanos() {
        return meanPollNanos + pollIntervalNanos;
    }
}
