package dev.twinbgp.speaker.json;

import java.util.Objects;

/**
 * The {@code "neighbor"} block of every ExaBGP JSON line: the session's addresses, AS numbers and our
 * router id (the one configured for this neighbor).
 *
 * @param localAddress our address on the session, e.g. {@code 127.0.0.1}
 * @param peerAddress  the peer's address
 * @param localAs      our AS number (unsigned 32 bit)
 * @param peerAs       the peer's AS number
 * @param routerId     our BGP identifier as a dotted quad
 */
public record NeighborContext(String localAddress, String peerAddress, long localAs, long peerAs, String routerId) {
    public NeighborContext {
        Objects.requireNonNull(localAddress, "localAddress");
        Objects.requireNonNull(peerAddress, "peerAddress");
        Objects.requireNonNull(routerId, "routerId");
        if (localAs < 0 || localAs > 0xFFFFFFFFL || peerAs < 0 || peerAs > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("AS numbers are unsigned 32-bit: " + localAs + ", " + peerAs);
        }
    }

    // equals and hashCode written out (the values a record's generated ones give): the context keys the per-line
    // caches of ExaJson (header octets, counters), looked up once per event line, and the generated methods go
    // through method handles (ObjectMethods), slow in a cold JVM (issue 18, docs/benchmarks.md "recv2").
    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof NeighborContext n && n.localAs == localAs && n.peerAs == peerAs
                && n.localAddress.equals(localAddress) && n.peerAddress.equals(peerAddress) && n.routerId.equals(routerId);
    }

    @Override
    public int hashCode() {
        int h = localAddress.hashCode();
        h = 31 * h + peerAddress.hashCode();
        h = 31 * h + Long.hashCode(localAs);
        h = 31 * h + Long.hashCode(peerAs);
        return 31 * h + routerId.hashCode();
    }

    /** The key ExaBGP counts messages under (one counter per neighbor). */
    String counterKey() {
        return localAddress + " " + peerAddress;
    }
}
