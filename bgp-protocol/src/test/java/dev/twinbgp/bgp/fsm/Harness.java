package dev.twinbgp.bgp.fsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.twinbgp.bgp.wire.BgpMessage;
import dev.twinbgp.bgp.wire.capability.Capability;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.Keepalive;
import dev.twinbgp.bgp.wire.Notification;
import dev.twinbgp.bgp.wire.Open;
import dev.twinbgp.bgp.wire.Update;
import java.util.ArrayList;
import java.util.List;

/** Drives a {@link SessionFsm} with a manual clock and inspects its actions. */
final class Harness {
    static final long LOCAL_AS = 65000;
    static final long PEER_AS = 65001;
    static final long LOCAL_ID = 0x0A000001L; // 10.0.0.1
    static final long PEER_ID = 0x0A000002L;  // 10.0.0.2
    static final long SECOND = 1_000_000_000L;

    final SessionFsm fsm;
    /** Arbitrary origin: the FSM must not care. */
    long now = 123_456_789L;
    List<Action> last = List.of();

    Harness(SessionConfig config) {
        fsm = new SessionFsm(config);
    }

    Harness() {
        this(config().build());
    }

    static SessionConfig.Builder config() {
        return SessionConfig.builder(LOCAL_AS, PEER_AS, LOCAL_ID);
    }

    /** A typical peer OPEN: IPv4 unicast, AS4, route refresh. */
    static Open peerOpen(int holdTime) {
        return Open.of(PEER_AS, holdTime, PEER_ID, List.of(new Capability.Multiprotocol(Family.IPV4_UNICAST),
                new Capability.FourOctetAs(PEER_AS), new Capability.RouteRefresh()));
    }

    static Open peerOpen(int holdTime, Capability... caps) {
        return Open.of(PEER_AS, holdTime, PEER_ID, List.of(caps));
    }

    /**
     * An UPDATE to feed the FSM, which treats UPDATEs opaquely. The only place the tests build
     * one: {@code Update} is still the codec's placeholder, adjust here when its shape changes.
     */
    static Update anUpdate() {
        return Update.endOfRib(dev.twinbgp.bgp.wire.family.Family.IPV4_UNICAST);
    }

    List<Action> fire(Event event) {
        last = fsm.onEvent(event, now);
        return last;
    }

    List<Action> receive(BgpMessage message) {
        return fire(new Event.MessageReceived(Direction.OUTGOING, message));
    }

    /** Moves the clock and fires what expired. */
    List<Action> advance(double seconds) {
        now += (long) (seconds * SECOND);
        last = fsm.onTimer(now);
        return last;
    }

    /** Moves the clock to the FSM's next deadline and fires it. */
    List<Action> advanceToDeadline() {
        now = fsm.nextDeadline();
        last = fsm.onTimer(now);
        return last;
    }

    Harness reach(State state) {
        switch (state) {
            case IDLE -> { }
            case CONNECT -> fire(new Event.Start());
            case ACTIVE -> throw new IllegalArgumentException("Active needs a passive-only config");
            case OPEN_SENT -> {
                reach(State.CONNECT);
                fire(new Event.TcpConnected());
            }
            case OPEN_CONFIRM -> {
                reach(State.OPEN_SENT);
                receive(peerOpen(180));
            }
            case ESTABLISHED -> {
                reach(State.OPEN_CONFIRM);
                receive(Keepalive.INSTANCE);
            }
        }
        assertEquals(state, fsm.state());
        return this;
    }

    static <T extends Action> List<T> actions(List<Action> actions, Class<T> type) {
        List<T> found = new ArrayList<>();
        for (Action a : actions) {
            if (type.isInstance(a)) {
                found.add(type.cast(a));
            }
        }
        return found;
    }

    static List<BgpMessage> sent(List<Action> actions) {
        List<BgpMessage> messages = new ArrayList<>();
        for (Action.Send s : actions(actions, Action.Send.class)) {
            messages.add(s.message());
        }
        return messages;
    }

    /** The single NOTIFICATION sent, asserting there is one. */
    static Notification sentNotification(List<Action> actions) {
        List<Notification> found = new ArrayList<>();
        for (BgpMessage m : sent(actions)) {
            if (m instanceof Notification n) {
                found.add(n);
            }
        }
        assertEquals(1, found.size(), () -> "one NOTIFICATION expected in " + actions);
        return found.get(0);
    }

    static Action.Down down(List<Action> actions) {
        List<Action.Down> downs = actions(actions, Action.Down.class);
        assertEquals(1, downs.size(), () -> "one Down expected in " + actions);
        assertNotNull(downs.get(0).reason());
        return downs.get(0);
    }

    static void assertNotification(int code, int subcode, Notification n) {
        assertEquals(code + "/" + subcode, n.code() + "/" + n.subcode(), n::toString);
    }
}
