package dev.twinbgp.bgp.fsm;

/**
 * Which TCP connection an event or action is about. A peer has at most one of each
 * (RFC 4271 section 6.8: one connection we initiated, one the peer initiated).
 */
public enum Direction {
    /** The connection we initiated (we called connect). */
    OUTGOING,
    /** The connection the peer initiated (we accepted it). */
    INCOMING;

    @Override
    public String toString() {
        return this == OUTGOING ? "outgoing" : "incoming";
    }
}
