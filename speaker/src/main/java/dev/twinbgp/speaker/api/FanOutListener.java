package dev.twinbgp.speaker.api;

import dev.twinbgp.bgp.fsm.Direction;
import dev.twinbgp.bgp.fsm.Session;
import dev.twinbgp.bgp.fsm.State;
import dev.twinbgp.bgp.wire.BgpMessage;
import dev.twinbgp.bgp.wire.Notification;
import dev.twinbgp.speaker.session.Backlog;
import dev.twinbgp.speaker.session.PeerDriver;
import dev.twinbgp.speaker.session.SessionListener;
import java.util.List;

/** Calls each listener in turn; see {@link Api#fanOut}. */
record FanOutListener(List<SessionListener> listeners) implements SessionListener {
    @Override
    public void stateChanged(PeerDriver peer, State from, State to) {
        listeners.forEach(l -> l.stateChanged(peer, from, to));
    }

    @Override
    public void connected(PeerDriver peer, Direction via) {
        listeners.forEach(l -> l.connected(peer, via));
    }

    @Override
    public void connectRetry(PeerDriver peer) {
        listeners.forEach(l -> l.connectRetry(peer));
    }

    @Override
    public void established(PeerDriver peer, Session session) {
        listeners.forEach(l -> l.established(peer, session));
    }

    @Override
    public void down(PeerDriver peer, String reason, Notification notification, boolean wasEstablished) {
        listeners.forEach(l -> l.down(peer, reason, notification, wasEstablished));
    }

    @Override
    public void restartScheduled(PeerDriver peer, long seconds) {
        listeners.forEach(l -> l.restartScheduled(peer, seconds));
    }

    @Override
    public void received(PeerDriver peer, BgpMessage message) {
        listeners.forEach(l -> l.received(peer, message));
    }

    @Override
    public void sent(PeerDriver peer, BgpMessage message) {
        listeners.forEach(l -> l.sent(peer, message));
    }

    @Override
    public boolean wantsOctets(PeerDriver peer, boolean received) {
        for (SessionListener l : listeners) {
            if (l.wantsOctets(peer, received)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void received(PeerDriver peer, BgpMessage message, byte[] octets) {
        listeners.forEach(l -> l.received(peer, message, octets));
    }

    @Override
    public void receivedUndecodable(PeerDriver peer, byte[] octets) {
        listeners.forEach(l -> l.receivedUndecodable(peer, octets));
    }

    @Override
    public void sent(PeerDriver peer, BgpMessage message, byte[] octets) {
        listeners.forEach(l -> l.sent(peer, message, octets));
    }

    @Override
    public Backlog congestion(PeerDriver peer) {
        for (SessionListener l : listeners) {
            Backlog b = l.congestion(peer);
            if (b != null) {
                return b;
            }
        }
        return null;
    }
}
