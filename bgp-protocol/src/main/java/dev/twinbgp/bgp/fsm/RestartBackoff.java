package dev.twinbgp.bgp.fsm;

/**
 * How long to stay in Idle after an error before starting again (RFC 4271 section 8.1.1,
 * DampPeerOscillations / IdleHoldTimer), with ExaBGP's schedule (reactor/delay.py):
 * the first restart is immediate, then each wait is {@code min(floor(1 + previous * 1.2), 60)}
 * seconds:
 * <pre>
 *   0, 1, 2, 3, 4, 5, 7, 9, 11, 14, 17, 21, 26, 32, 39, 47, 57, 60, 60, ...
 * </pre>
 * Reaching Established resets it to the start of the schedule. Mutable; one per peer.
 *
 * <p>The immediate first restart is for a session that was lost (the peer reset it, a NOTIFICATION): its
 * peer is likely back at once. A connection attempt that failed (refused, unreachable) is never retried
 * at once ({@link #nextDelayAfterFailedConnect()}): the peer that refused a moment ago refuses again, and a
 * user watching the log saw two "down" lines, a millisecond apart, for one peer that was not there.
 */
public final class RestartBackoff {
    /** ExaBGP's ceiling, seconds. */
    public static final int MAX_SECONDS = 60;

    private int nextSeconds;

    /** The wait before the next restart, and advance the schedule. */
    public int nextDelaySeconds() {
        int delay = nextSeconds;
        nextSeconds = Math.min((int) (1 + nextSeconds * 1.2), MAX_SECONDS);
        return delay;
    }

    /**
     * The wait after a connection attempt that failed: as {@link #nextDelaySeconds()}, but the schedule's
     * immediate step is skipped (1, 2, 3, 4, 5, 7, ... from the start of the schedule).
     */
    public int nextDelayAfterFailedConnect() {
        int delay = nextDelaySeconds();
        return delay == 0 ? nextDelaySeconds() : delay;
    }

    public void reset() {
        nextSeconds = 0;
    }
}
