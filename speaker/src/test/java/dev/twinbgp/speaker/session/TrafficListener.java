package dev.twinbgp.speaker.session;

import dev.twinbgp.bgp.fsm.Session;
import dev.twinbgp.bgp.wire.BgpMessage;
import dev.twinbgp.bgp.wire.MessageEncoder;
import dev.twinbgp.bgp.wire.Notification;
import dev.twinbgp.bgp.wire.Update;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts what one speaker's peer received and sent (End-of-RIBs, UPDATE bytes handed to the
 * connection) and records how sessions ended, for the fragmentation and back-pressure tests.
 * Called on the peer's loop; read from the test thread.
 */
final class TrafficListener implements SessionListener {
    final AtomicInteger established = new AtomicInteger();
    final AtomicInteger endOfRibsReceived = new AtomicInteger();
    final AtomicLong updatesSent = new AtomicLong();
    final AtomicLong updateBytesSent = new AtomicLong();
    final List<String> downs = new CopyOnWriteArrayList<>();
    final List<Notification> downNotifications = new CopyOnWriteArrayList<>();

    @Override
    public void established(PeerDriver peer, Session session) {
        established.incrementAndGet();
    }

    @Override
    public void down(PeerDriver peer, String reason, Notification notification, boolean wasEstablished) {
        // The notification first: a test thread waits for `downs` to fill and then reads `downNotifications`, while
        // this runs on the loop thread - in the other order it could find the reason but not yet the notification
        // (seen once in CI under load). Each add is a volatile write, so the reason's visibility carries the
        // notification's.
        if (notification != null) {
            downNotifications.add(notification);
        }
        downs.add(reason);
    }

    @Override
    public void received(PeerDriver peer, BgpMessage message) {
        if (message instanceof Update u && u.isEndOfRib()) {
            endOfRibsReceived.incrementAndGet();
        }
    }

    @Override
    public void sent(PeerDriver peer, BgpMessage message) {
        if (message instanceof Update u) {
            updatesSent.incrementAndGet();
            updateBytesSent.addAndGet(MessageEncoder.encodedLength(u, ScriptedPeer.NEGOTIATED));
        }
    }
}
