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

    /** The key ExaBGP counts messages under (one counter per neighbor). */
    String counterKey() {
        return localAddress + " " + peerAddress;
    }
}
