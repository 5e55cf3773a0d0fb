package dev.twinbgp.jmh.transfer;

/**
 * What one checked transfer measured.
 *
 * @param prefixes               prefixes the receiver's Adj-RIB-In holds (checked equal to the table)
 * @param establishedToEorNanos  from the receiver's Established to its End-of-RIB
 * @param updates                UPDATEs the sender wrote (End-of-RIB included)
 * @param updateBytes            octets of those UPDATEs, headers included
 */
public record TransferResult(int prefixes, long establishedToEorNanos, long updates, long updateBytes) {
    public double prefixesPerSecond() {
        return prefixes * 1e9 / establishedToEorNanos;
    }

    public double bytesPerSecond() {
        return updateBytes * 1e9 / establishedToEorNanos;
    }
}
