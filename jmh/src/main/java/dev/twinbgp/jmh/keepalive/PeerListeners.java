package dev.twinbgp.jmh.keepalive;

import dev.twinbgp.bgp.fsm.Direction;
import dev.twinbgp.bgp.fsm.Session;
import dev.twinbgp.bgp.fsm.State;
import dev.twinbgp.bgp.wire.BgpMessage;
import dev.twinbgp.bgp.wire.Notification;
import dev.twinbgp.speaker.session.PeerDriver;
import dev.twinbgp.speaker.session.SessionListener;
import java.util.Map;

/** A speaker's one {@link SessionListener} that hands each peer's events to that peer's own listener. */
final class PeerListeners implements SessionListener {
    private final Map<String, SessionListener> byPeer;

    /** {@code byPeer}: peer name (its address) to listener; peers not in it are ignored. */
    PeerListeners(Map<String, SessionListener> byPeer) {
        this.byPeer = Map.copyOf(byPeer);
    }

    private SessionListener of(PeerDriver peer) {
        return byPeer.getOrDefault(peer.name(), NONE);
    }

    @Override
    public void stateChanged(PeerDriver peer, State from, State to) {
        of(peer).stateChanged(peer, from, to);
    }

    @Override
    public void connected(PeerDriver peer, Direction via) {
        of(peer).connected(peer, via);
    }

    @Override
    public void established(PeerDriver peer, Session session) {
        of(peer).established(peer, session);
    }

    @Override
    public void down(PeerDriver peer, String reason, Notification notification, boolean wasEstablished) {
        of(peer).down(peer, reason, notification, wasEstablished);
    }

    @Override
    public void received(PeerDriver peer, BgpMessage message) {
        of(peer).received(peer, message);
    }

    @Override
    public void sent(PeerDriver peer, BgpMessage message) {
        of(peer).sent(peer, message);
    }
}
