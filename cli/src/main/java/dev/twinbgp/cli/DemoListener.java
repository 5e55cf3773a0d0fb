package dev.twinbgp.cli;

import dev.twinbgp.bgp.fsm.State;
import dev.twinbgp.bgp.wire.BgpMessage;
import dev.twinbgp.bgp.wire.Notification;
import dev.twinbgp.speaker.session.PeerDriver;
import dev.twinbgp.speaker.session.SessionListener;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One demo speaker's listener: hands each session's events to that session's {@link DemoSide}. */
final class DemoListener implements SessionListener {
    private final Map<PeerDriver, DemoSide> sides = new ConcurrentHashMap<>();

    DemoSide side(PeerDriver peer) {
        return sides.computeIfAbsent(peer, p -> new DemoSide());
    }

    @Override
    public void stateChanged(PeerDriver peer, State from, State to) {
        side(peer).stateChanged(peer, from, to);
    }

    @Override
    public void down(PeerDriver peer, String reason, Notification notification, boolean wasEstablished) {
        side(peer).down(peer, reason, notification, wasEstablished);
    }

    @Override
    public void received(PeerDriver peer, BgpMessage message) {
        side(peer).received(peer, message);
    }

    @Override
    public void sent(PeerDriver peer, BgpMessage message) {
        side(peer).sent(peer, message);
    }
}
