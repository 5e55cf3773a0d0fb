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

    public void reset() {
        nextSeconds = 0;
    }
}
