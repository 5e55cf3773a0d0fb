package dev.twinbgp.speaker.session;

import dev.twinbgp.bgp.fsm.Direction;
import dev.twinbgp.bgp.fsm.Session;
import dev.twinbgp.bgp.fsm.State;
import dev.twinbgp.bgp.wire.BgpMessage;
import dev.twinbgp.bgp.wire.Notification;
import java.util.Objects;
import java.util.function.Function;

/**
 * A speaker's one {@link SessionListener} that hands each callback to the listener of its peer, as
 * {@code listenerOf} names it (called on the loop thread, once per callback).
 */
public final class PerPeerListener implements SessionListener {
    private final Function<PeerDriver, ? extends SessionListener> listenerOf;

    public PerPeerListener(Function<PeerDriver, ? extends SessionListener> listenerOf) {
        this.listenerOf = Objects.requireNonNull(listenerOf, "listenerOf");
    }

    @Override
    public void stateChanged(PeerDriver peer, State from, State to) {
        listenerOf.apply(peer).stateChanged(peer, from, to);
    }

    @Override
    public void connected(PeerDriver peer, Direction via) {
        listenerOf.apply(peer).connected(peer, via);
    }

    @Override
    public void connectRetry(PeerDriver peer) {
        listenerOf.apply(peer).connectRetry(peer);
    }

    @Override
    public void established(PeerDriver peer, Session session) {
        listenerOf.apply(peer).established(peer, session);
    }

    @Override
    public void restartScheduled(PeerDriver peer, long seconds) {
        listenerOf.apply(peer).restartScheduled(peer, seconds);
    }

    @Override
    public void down(PeerDriver peer, String reason, Notification notification, boolean wasEstablished) {
        listenerOf.apply(peer).down(peer, reason, notification, wasEstablished);
    }

    @Override
    public void received(PeerDriver peer, BgpMessage message) {
        listenerOf.apply(peer).received(peer, message);
    }

    @Override
    public void sent(PeerDriver peer, BgpMessage message) {
        listenerOf.apply(peer).sent(peer, message);
    }

    @Override
    public boolean wantsOctets(PeerDriver peer, boolean received) {
        return listenerOf.apply(peer).wantsOctets(peer, received);
    }

    @Override
    public void received(PeerDriver peer, BgpMessage message, byte[] octets) {
        listenerOf.apply(peer).received(peer, message, octets);
    }

    @Override
    public void receivedUndecodable(PeerDriver peer, byte[] octets) {
        listenerOf.apply(peer).receivedUndecodable(peer, octets);
    }

    @Override
    public void sent(PeerDriver peer, BgpMessage message, byte[] octets) {
        listenerOf.apply(peer).sent(peer, message, octets);
    }

    @Override
    public Backlog congestion(PeerDriver peer) {
        return listenerOf.apply(peer).congestion(peer);
    }
}
