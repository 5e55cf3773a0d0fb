package dev.twinbgp.speaker.api;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters for {@code show neighbor}: written on the peer's loop thread (by {@link ApiEvents}), read by any
 * command thread, hence atomics. {@code upSince} is a {@link java.time.Clock} millisecond, -1 when down.
 */
final class PeerStats {
    final AtomicLong updatesSent = new AtomicLong();
    final AtomicLong updatesReceived = new AtomicLong();
    final AtomicLong upSince = new AtomicLong(-1);
    volatile String lastDownReason = "";
}
