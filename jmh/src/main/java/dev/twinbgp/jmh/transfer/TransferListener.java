package dev.twinbgp.jmh.transfer;

import dev.twinbgp.bgp.fsm.Session;
import dev.twinbgp.bgp.wire.BgpMessage;
import dev.twinbgp.bgp.wire.MessageEncoder;
import dev.twinbgp.bgp.wire.capability.Negotiated;
import dev.twinbgp.bgp.wire.Notification;
import dev.twinbgp.bgp.wire.Update;
import dev.twinbgp.speaker.session.PeerDriver;
import dev.twinbgp.speaker.session.SessionListener;
import java.util.concurrent.CountDownLatch;

/**
 * Watches one side of a transfer. Called on that side's loop thread; read by the benchmark thread
 * after {@link #endOfRib} opened (the latch orders the writes before the reads).
 *
 * <p>On the receiver: when the session came up and when End-of-RIB arrived (RFC 4724 section 2:
 * an UPDATE with no routes and no withdrawals, which the sender queues behind the whole table).
 * On the sender: the UPDATE octets it handed to the connection. The benchmark's clock is
 * read here, in harness code, never in the protocol core. Public for the anchors
 * ({@code dev.twinbgp.jmh.anchor}), where it watches the sender.
 */
public final class TransferListener implements SessionListener {
    final CountDownLatch endOfRib = new CountDownLatch(1);

    public TransferListener() {
    }
    private volatile long establishedAt;
    private volatile long endOfRibAt;
    private volatile Negotiated negotiated = Negotiated.DEFAULT;
    private volatile String down;
    /** Written only by the loop thread (sender side). */
    private volatile long updateBytesSent;
    private volatile long updatesSent;
    private volatile long endOfRibSentAt;

    @Override
    public void established(PeerDriver peer, Session session) {
        negotiated = session.negotiated();
        establishedAt = System.nanoTime();
    }

    @Override
    public void received(PeerDriver peer, BgpMessage message) {
        if (message instanceof Update u && u.isEndOfRib()) {
            // The receiver has not applied this EoR yet, but every UPDATE before it is applied:
            // the driver applies each UPDATE on this same thread before decoding the next frame.
            endOfRibAt = System.nanoTime();
            endOfRib.countDown();
        }
    }

    @Override
    public void sent(PeerDriver peer, BgpMessage message) {
        if (message instanceof Update u) {
            updateBytesSent += MessageEncoder.encodedLength(u, negotiated); // the loop is the only writer
            updatesSent++;
            if (u.isEndOfRib()) {
                endOfRibSentAt = System.nanoTime();
            }
        }
    }

    @Override
    public void down(PeerDriver peer, String reason, Notification notification, boolean wasEstablished) {
        down = reason + (notification == null ? "" : " (" + notification + ")");
        endOfRib.countDown(); // wake the waiter: it checks the count and reports the failure
    }

    /** {@link System#nanoTime()} when the session reached Established, 0 before. */
    public long establishedAtNanos() {
        return establishedAt;
    }

    /** On the sender: {@link System#nanoTime()} when it handed its End-of-RIB to the connection, 0 before. */
    public long endOfRibSentAtNanos() {
        return endOfRibSentAt;
    }

    public long establishedToEndOfRibNanos() {
        return endOfRibAt - establishedAt;
    }

    /** Waits for End-of-RIB or the session's end, whichever comes first; false on timeout. */
    public boolean awaitEndOfRib(long timeout, java.util.concurrent.TimeUnit unit) throws InterruptedException {
        return endOfRib.await(timeout, unit);
    }

    /** {@link System#nanoTime} when End-of-RIB arrived, 0 before. */
    public long endOfRibAt() {
        return endOfRibAt;
    }

    public boolean sawEndOfRib() {
        return endOfRibAt != 0;
    }

    public long updateBytesSent() {
        return updateBytesSent;
    }

    public long updatesSent() {
        return updatesSent;
    }

    /** Why the session went down, or null while it never did. */
    public String down() {
        return down;
    }
}
