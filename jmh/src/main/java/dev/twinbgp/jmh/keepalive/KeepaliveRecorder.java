package dev.twinbgp.jmh.keepalive;

import dev.twinbgp.bgp.wire.BgpMessage;
import dev.twinbgp.bgp.wire.Keepalive;
import dev.twinbgp.bgp.wire.Notification;
import dev.twinbgp.speaker.session.PeerDriver;
import dev.twinbgp.speaker.session.SessionListener;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Records when each KEEPALIVE of one session arrives at one end: {@link System#nanoTime} read by
 * the harness as the receiving driver hands the decoded message to its FSM (the instant its hold
 * timer restarts; the first is the KEEPALIVE that completes the OPEN exchange). Written on that
 * peer's loop thread, read by the benchmark thread: both under this object's lock.
 */
final class KeepaliveRecorder implements SessionListener {
    private long[] arrivals = new long[64];
    private int count;
    private int drops;
    private String lastDown;

    @Override
    public synchronized void received(PeerDriver peer, BgpMessage message) {
        if (message instanceof Keepalive) {
            if (count == arrivals.length) {
                arrivals = Arrays.copyOf(arrivals, count * 2);
            }
            arrivals[count++] = System.nanoTime();
            notifyAll();
        }
    }

    @Override
    public synchronized void down(PeerDriver peer, String reason, Notification notification, boolean wasEstablished) {
        // Session 2 dropping (a hold timer expired: a gap of at least the hold time) is a result,
        // not a failure: the session restarts, and the gap runs until its next KEEPALIVE arrives.
        if (wasEstablished) {
            drops++;
        }
        lastDown = reason + (notification == null ? "" : " (" + notification + ")");
    }

    /** Arrival instants so far, oldest first. */
    synchronized long[] arrivals() {
        return Arrays.copyOf(arrivals, count);
    }

    /** Times the established session went down so far. */
    synchronized int drops() {
        return drops;
    }

    /** Why the session (or an attempt) last went down, or null. */
    synchronized String lastDown() {
        return lastDown;
    }

    /**
     * Waits until a KEEPALIVE arrived at or after {@code instant} (a {@link System#nanoTime} value);
     * false on timeout.
     */
    synchronized boolean awaitArrivalAfter(long instant, long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        while (count == 0 || arrivals[count - 1] < instant) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }
}
