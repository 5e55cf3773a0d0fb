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

/**
 * Calls each listener in turn; see {@link Api#fanOut}. Indexed loops over an array, not {@code forEach} with a
 * lambda: {@code received} runs once per UPDATE on the loop thread, and a capturing lambda (plus an iterator for
 * {@code wantsOctets} and {@code congestion}, once per frame) is garbage per message there - a young collection
 * more per few hundred thousand routes (issue 18, "evcpu").
 */
final class FanOutListener implements SessionListener {
    private final SessionListener[] listeners;

    FanOutListener(List<SessionListener> listeners) {
        this.listeners = listeners.toArray(new SessionListener[0]);
    }

    @Override
    public void stateChanged(PeerDriver peer, State from, State to) {
        for (SessionListener l : listeners) {
            l.stateChanged(peer, from, to);
        }
    }

    @Override
    public void connected(PeerDriver peer, Direction via) {
        for (SessionListener l : listeners) {
            l.connected(peer, via);
        }
    }

    @Override
    public void connectRetry(PeerDriver peer) {
        for (SessionListener l : listeners) {
            l.connectRetry(peer);
        }
    }

    @Override
    public void established(PeerDriver peer, Session session) {
        for (SessionListener l : listeners) {
            l.established(peer, session);
        }
    }

    @Override
    public void down(PeerDriver peer, String reason, Notification notification, boolean wasEstablished) {
        for (SessionListener l : listeners) {
            l.down(peer, reason, notification, wasEstablished);
        }
    }

    @Override
    public void restartScheduled(PeerDriver peer, long seconds) {
        for (SessionListener l : listeners) {
            l.restartScheduled(peer, seconds);
        }
    }

    @Override
    public void received(PeerDriver peer, BgpMessage message) {
        for (SessionListener l : listeners) {
            l.received(peer, message);
        }
    }

    @Override
    public void sent(PeerDriver peer, BgpMessage message) {
        for (SessionListener l : listeners) {
            l.sent(peer, message);
        }
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
        for (SessionListener l : listeners) {
            l.received(peer, message, octets);
        }
    }

    @Override
    public void receivedUndecodable(PeerDriver peer, byte[] octets) {
        for (SessionListener l : listeners) {
            l.receivedUndecodable(peer, octets);
        }
    }

    @Override
    public void sent(PeerDriver peer, BgpMessage message, byte[] octets) {
        for (SessionListener l : listeners) {
            l.sent(peer, message, octets);
        }
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
