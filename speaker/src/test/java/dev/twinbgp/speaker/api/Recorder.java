package dev.twinbgp.speaker.api;

import dev.twinbgp.bgp.fsm.Session;
import dev.twinbgp.bgp.wire.BgpMessage;
import dev.twinbgp.bgp.wire.Keepalive;
import dev.twinbgp.bgp.wire.Notification;
import dev.twinbgp.bgp.wire.Update;
import dev.twinbgp.speaker.session.PeerDriver;
import dev.twinbgp.speaker.session.SessionListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** What one speaker's sessions went through, for assertions from the test thread. */
final class Recorder implements SessionListener {
    final List<String> downs = new CopyOnWriteArrayList<>();
    final List<Notification> notificationsReceived = new CopyOnWriteArrayList<>();
    final AtomicInteger keepalivesReceived = new AtomicInteger();
    final AtomicInteger established = new AtomicInteger();
    final AtomicInteger updatesReceived = new AtomicInteger();
    final List<Update> updates = new CopyOnWriteArrayList<>();
    final List<dev.twinbgp.bgp.wire.Operational> operationalsReceived = new CopyOnWriteArrayList<>();

    @Override
    public void established(PeerDriver peer, Session session) {
        established.incrementAndGet();
    }

    @Override
    public void down(PeerDriver peer, String reason, Notification notification, boolean wasEstablished) {
        downs.add(peer.name() + ": " + reason);
    }

    @Override
    public void received(PeerDriver peer, BgpMessage message) {
        switch (message) {
            case Keepalive k -> keepalivesReceived.incrementAndGet();
            case Notification n -> notificationsReceived.add(n);
            case Update u -> {
                updates.add(u);
                updatesReceived.incrementAndGet();
            }
            case dev.twinbgp.bgp.wire.Operational o -> operationalsReceived.add(o);
            default -> { }
        }
    }
}
