package dev.twinbgp.speaker.session;

import dev.twinbgp.bgp.fsm.Direction;
import dev.twinbgp.bgp.fsm.Session;
import dev.twinbgp.bgp.fsm.State;
import dev.twinbgp.bgp.wire.BgpMessage;
import dev.twinbgp.bgp.wire.Keepalive;
import dev.twinbgp.bgp.wire.Notification;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Records what a speaker's peers went through, for assertions from the test thread. */
final class RecordingListener implements SessionListener {
    final List<String> states = new CopyOnWriteArrayList<>();
    final List<String> downs = new CopyOnWriteArrayList<>();
    final List<Notification> notificationsReceived = new CopyOnWriteArrayList<>();
    final List<Notification> notificationsSent = new CopyOnWriteArrayList<>();
    final AtomicInteger keepalivesReceived = new AtomicInteger();
    final AtomicInteger established = new AtomicInteger();
    final AtomicInteger updatesReceived = new AtomicInteger();
    final AtomicInteger connected = new AtomicInteger();
    final AtomicInteger connectRetries = new AtomicInteger();

    @Override
    public void connected(PeerDriver peer, Direction via) {
        connected.incrementAndGet();
    }

    @Override
    public void connectRetry(PeerDriver peer) {
        connectRetries.incrementAndGet();
    }

    @Override
    public void stateChanged(PeerDriver peer, State from, State to) {
        states.add(peer.name() + " " + from + " -> " + to);
    }

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
            case dev.twinbgp.bgp.wire.Update u -> updatesReceived.incrementAndGet();
            default -> { }
        }
    }

    @Override
    public void sent(PeerDriver peer, BgpMessage message) {
        if (message instanceof Notification n) {
            notificationsSent.add(n);
        }
    }
}
