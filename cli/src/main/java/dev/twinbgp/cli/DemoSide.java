package dev.twinbgp.cli;

import dev.twinbgp.bgp.fsm.State;
import dev.twinbgp.bgp.wire.BgpMessage;
import dev.twinbgp.bgp.wire.Notification;
import dev.twinbgp.bgp.wire.family.Nlri;
import dev.twinbgp.bgp.wire.Update;
import dev.twinbgp.speaker.session.PeerDriver;
import dev.twinbgp.speaker.session.SessionListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one side of the demo saw, for the summary: the states its session went through, and the
 * prefixes and UPDATEs it sent. Called on the side's loop thread; read by the main thread.
 */
final class DemoSide implements SessionListener {
    private final List<State> states = new ArrayList<>(List.of(State.IDLE));
    private final AtomicLong prefixesSent = new AtomicLong();
    private final AtomicLong updatesSent = new AtomicLong();
    private final AtomicLong updatesReceived = new AtomicLong();
    private volatile String lastDown;

    @Override
    public void stateChanged(PeerDriver peer, State from, State to) {
        synchronized (states) {
            if (states.get(states.size() - 1) != to) {
                states.add(to);
            }
        }
    }

    @Override
    public void down(PeerDriver peer, String reason, Notification notification, boolean wasEstablished) {
        lastDown = reason;
    }

    @Override
    public void received(PeerDriver peer, BgpMessage message) {
        if (message instanceof Update) {
            updatesReceived.incrementAndGet();
        }
    }

    @Override
    public void sent(PeerDriver peer, BgpMessage message) {
        if (message instanceof Update update) {
            updatesSent.incrementAndGet();
            long n = 0;
            for (Nlri nlri : update.announced()) {
                n += nlri.size();
            }
            prefixesSent.addAndGet(n);
        }
    }

    /** E.g. {@code Idle > Connect > OpenSent > OpenConfirm > Established}. */
    String states() {
        synchronized (states) {
            return String.join(" > ", states.stream().map(State::toString).toList());
        }
    }

    long prefixesSent() {
        return prefixesSent.get();
    }

    long updatesSent() {
        return updatesSent.get();
    }

    long updatesReceived() {
        return updatesReceived.get();
    }

    /** The reason the session last went down, or null. */
    String lastDown() {
        return lastDown;
    }
}
