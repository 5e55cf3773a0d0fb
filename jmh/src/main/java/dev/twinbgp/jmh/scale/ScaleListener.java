package dev.twinbgp.jmh.scale;

import dev.twinbgp.bgp.fsm.Direction;
import dev.twinbgp.bgp.fsm.Session;
import dev.twinbgp.bgp.wire.Notification;
import dev.twinbgp.speaker.session.PeerDriver;
import dev.twinbgp.speaker.session.SessionListener;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Watches the speaker under test: when the first client connected, when the last of {@code
 * sessions} came up, any established session that went down, and attempts that failed before Established. Called on the speaker's loop threads; the
 * benchmark thread reads it after {@link #allEstablished} opened (the latch orders the writes before
 * the reads). The clock is read here, in harness code, never in the protocol core.
 */
final class ScaleListener implements SessionListener {
    final CountDownLatch allEstablished = new CountDownLatch(1);
    private final int sessions;
    private final AtomicLong firstConnectAt = new AtomicLong();
    private final AtomicInteger established = new AtomicInteger();
    private final AtomicInteger drops = new AtomicInteger();
    private final AtomicInteger failedAttempts = new AtomicInteger();
    private volatile long allEstablishedAt;
    private volatile String firstDown;
    // Why established sessions went down, counted (at most MAX_REASONS distinct texts): a run losing
    // thousands of sessions says at once whether it was hold-timer expiry or the connection.
    private static final int MAX_REASONS = 20;
    private final Map<String, AtomicInteger> downReasons = new ConcurrentHashMap<>();

    ScaleListener(int sessions) {
        this.sessions = sessions;
    }

    @Override
    public void connected(PeerDriver peer, Direction via) {
        firstConnectAt.compareAndSet(0, System.nanoTime());
    }

    @Override
    public void established(PeerDriver peer, Session session) {
        if (established.incrementAndGet() == sessions) {
            allEstablishedAt = System.nanoTime();
            allEstablished.countDown();
        }
    }

    @Override
    public void down(PeerDriver peer, String reason, Notification notification, boolean wasEstablished) {
        if (!wasEstablished) {
            // An attempt that failed before Established (e.g. the client's ConnectRetry timer gave
            // up on a connect the speaker had already accepted): the client retries; counted.
            failedAttempts.incrementAndGet();
            return;
        }
        String why = reason + (notification == null ? "" : " (" + notification + ")");
        if (drops.getAndIncrement() == 0) {
            firstDown = peer.name() + ": " + why;
        }
        if (downReasons.size() < MAX_REASONS || downReasons.containsKey(why)) {
            downReasons.computeIfAbsent(why, k -> new AtomicInteger()).incrementAndGet();
        }
    }

    int established() {
        return established.get();
    }

    /** Established sessions that went down. */
    int drops() {
        return drops.get();
    }

    /** Connection attempts that ended before Established. */
    int failedAttempts() {
        return failedAttempts.get();
    }

    String firstDown() {
        return firstDown;
    }

    /** Established sessions that went down, counted by reason (the first {@value #MAX_REASONS} reasons seen). */
    String downReasons() {
        Map<String, Integer> out = new TreeMap<>();
        downReasons.forEach((k, v) -> out.put(k, v.get()));
        return out.toString();
    }

    /** From the first client's TCP connection accepted to the last session Established. */
    long firstConnectToAllEstablishedNanos() {
        return allEstablishedAt - firstConnectAt.get();
    }
}
