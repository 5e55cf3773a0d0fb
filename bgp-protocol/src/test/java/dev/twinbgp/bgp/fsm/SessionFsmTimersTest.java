package dev.twinbgp.bgp.fsm;

import static dev.twinbgp.bgp.fsm.Harness.assertNotification;
import static dev.twinbgp.bgp.fsm.Harness.down;
import static dev.twinbgp.bgp.fsm.Harness.peerOpen;
import static dev.twinbgp.bgp.fsm.Harness.sentNotification;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.bgp.wire.ErrorCodes;
import dev.twinbgp.bgp.wire.Keepalive;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hold and keepalive deadlines (RFC 4271 sections 4.2, 4.4, 8.2.2), on a manual clock. */
class SessionFsmTimersTest {
    private static final Action KEEPALIVE = new Action.Send(Direction.OUTGOING, Keepalive.INSTANCE);

    @Test
    void holdTimerInOpenSentIsFourMinutes() {
        Harness h = new Harness().reach(State.OPEN_SENT);
        assertTrue(h.advance(239.9).isEmpty());
        List<Action> out = h.advance(0.1);
        assertNotification(ErrorCodes.HOLD_TIMER_EXPIRED, 0, sentNotification(out));
        assertTrue(down(out).reason().contains("240 s"), down(out).reason());
        assertEquals(State.IDLE, h.fsm.state());
    }

    @Test
    void holdTimerInOpenConfirmUsesTheNegotiatedTime() {
        Harness h = new Harness().reach(State.OPEN_SENT);
        h.receive(peerOpen(9)); // min(180, 9) = 9, keepalive 3
        assertEquals(List.of(KEEPALIVE), h.advance(3));
        assertEquals(List.of(KEEPALIVE), h.advance(3));
        assertTrue(h.advance(2.9).isEmpty());
        List<Action> out = h.advance(0.1); // hold and keepalive both due: hold wins
        assertEquals(1, Harness.sent(out).size());
        assertNotification(ErrorCodes.HOLD_TIMER_EXPIRED, 0, sentNotification(out));
        assertEquals(State.IDLE, h.fsm.state());
    }

    @Test
    void holdTimerInEstablishedIsRestartedByEveryMessage() {
        Harness h = new Harness().reach(State.OPEN_SENT);
        h.receive(peerOpen(30));
        h.receive(Keepalive.INSTANCE);
        assertEquals(State.ESTABLISHED, h.fsm.state());
        for (int i = 0; i < 10; i++) {
            h.advance(25); // keepalives go out at 10 s steps; we only check the session survives
            h.receive(Keepalive.INSTANCE);
            h.advance(4);
            assertTrue(h.fsm.onUpdateReceived(Direction.OUTGOING, h.now).isEmpty());
        }
        assertEquals(State.ESTABLISHED, h.fsm.state());
        h.advance(29.9);
        List<Action> out = h.advance(0.1);
        assertNotification(ErrorCodes.HOLD_TIMER_EXPIRED, 0, sentNotification(out));
        assertTrue(down(out).wasEstablished());
    }

    @Test
    void aSuspendedHoldTimerWaitsWhileKeepalivesGoOnAndRestartsInFullOnResume() {
        Harness h = new Harness().reach(State.ESTABLISHED); // hold 180, keepalive 60
        h.fsm.suspendHold(); // our side stopped reading: the peer's messages wait unread in our socket
        for (int i = 0; i < 10; i++) {
            assertEquals(List.of(KEEPALIVE), h.advance(60), "our KEEPALIVEs go on: the peer's hold timer is served");
        }
        h.fsm.resumeHold(h.now);
        assertEquals(State.ESTABLISHED, h.fsm.state());
        h.advance(179.9);
        assertEquals(State.ESTABLISHED, h.fsm.state());
        List<Action> out = h.advance(0.1);
        assertNotification(ErrorCodes.HOLD_TIMER_EXPIRED, 0, sentNotification(out));
    }

    @Test
    void theHoldTimerIsSuspendedOnlyInEstablished() {
        Harness h = new Harness().reach(State.OPEN_SENT);
        h.fsm.suspendHold();
        h.advance(239.9);
        List<Action> out = h.advance(0.1);
        assertNotification(ErrorCodes.HOLD_TIMER_EXPIRED, 0, sentNotification(out));
    }

    @Test
    void keepalivesGoOutEveryThirdOfTheHoldTime() {
        Harness h = new Harness().reach(State.ESTABLISHED); // hold 180
        assertEquals(h.now + 60 * Harness.SECOND, h.fsm.nextDeadline());
        assertTrue(h.advance(59.9).isEmpty());
        assertEquals(List.of(KEEPALIVE), h.advance(0.1));
        h.receive(Keepalive.INSTANCE);
        assertEquals(List.of(KEEPALIVE), h.advance(60));
    }

    @Test
    void sendingAnUpdateRestartsTheKeepaliveTimer() {
        Harness h = new Harness().reach(State.ESTABLISHED);
        h.advance(50);
        h.fsm.onUpdateSent(h.now);
        assertTrue(h.advance(59).isEmpty());
        assertEquals(List.of(KEEPALIVE), h.advance(1));
    }

    @Test
    void holdTimeZeroMeansNoKeepalivesAndNoHoldTimer() {
        Harness h = new Harness(Harness.config().holdTime(0).build()).reach(State.OPEN_SENT);
        List<Action> out = h.receive(peerOpen(180));
        assertTrue(out.contains(KEEPALIVE), "the KEEPALIVE that acknowledges the OPEN is still sent");
        assertEquals(0, h.fsm.session().holdTime());
        assertEquals(0, h.fsm.session().keepaliveTime());
        h.receive(Keepalive.INSTANCE);
        assertEquals(State.ESTABLISHED, h.fsm.state());
        assertEquals(SessionFsm.NONE, h.fsm.nextDeadline());
        assertTrue(h.advance(100_000).isEmpty());
        assertEquals(State.ESTABLISHED, h.fsm.state());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3, 90, 180})
    void peerHoldTimeZeroOrSmallerWins(int peerHold) {
        Harness h = new Harness().reach(State.OPEN_SENT);
        h.receive(peerOpen(peerHold));
        assertEquals(Math.min(180, peerHold), h.fsm.session().holdTime());
        assertEquals(Math.min(180, peerHold) / 3, h.fsm.session().keepaliveTime());
    }

    @Test
    void timersAreClearedInIdle() {
        Harness h = new Harness().reach(State.ESTABLISHED);
        h.fire(new Event.Stop());
        assertEquals(SessionFsm.NONE, h.fsm.nextDeadline());
    }
}
