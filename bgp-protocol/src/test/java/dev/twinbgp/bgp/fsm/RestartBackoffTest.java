package dev.twinbgp.bgp.fsm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.twinbgp.bgp.wire.Keepalive;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ExaBGP's reconnect schedule (reactor/delay.py), capped at 60 s, reset by Established; a failed connection
 * attempt is never restarted at once (its immediate step is skipped).
 */
class RestartBackoffTest {
    private static final List<Integer> EXABGP_SCHEDULE =
            List.of(0, 1, 2, 3, 4, 5, 7, 9, 11, 14, 17, 21, 26, 32, 39, 47, 57, 60, 60, 60);

    @Test
    void scheduleGrowsToSixtySeconds() {
        RestartBackoff backoff = new RestartBackoff();
        List<Integer> delays = new ArrayList<>();
        for (int i = 0; i < EXABGP_SCHEDULE.size(); i++) {
            delays.add(backoff.nextDelaySeconds());
        }
        assertEquals(EXABGP_SCHEDULE, delays);
        backoff.reset();
        assertEquals(0, backoff.nextDelaySeconds());
    }

    @Test
    void aFailedConnectSkipsTheImmediateStep() {
        RestartBackoff backoff = new RestartBackoff();
        assertEquals(1, backoff.nextDelayAfterFailedConnect());
        assertEquals(2, backoff.nextDelayAfterFailedConnect());
        assertEquals(3, backoff.nextDelaySeconds());
        backoff.reset();
        assertEquals(0, backoff.nextDelaySeconds(), "a lost session restarts at once");
        assertEquals(1, backoff.nextDelayAfterFailedConnect());
    }

    @Test
    void fsmRestartsFollowTheScheduleAndEstablishedResetsIt() {
        Harness h = new Harness().reach(State.CONNECT);
        // refused connects: the schedule without its immediate first step
        for (int expected : EXABGP_SCHEDULE.subList(1, EXABGP_SCHEDULE.size())) {
            h.fire(new Event.TcpFailed(Direction.OUTGOING, "refused"));
            assertEquals(State.IDLE, h.fsm.state());
            assertEquals(h.now + expected * Harness.SECOND, h.fsm.nextDeadline(), "delay " + expected);
            h.advanceToDeadline();
            assertEquals(State.CONNECT, h.fsm.state());
        }
        h.fire(new Event.TcpConnected());
        h.receive(Harness.peerOpen(180));
        h.receive(Keepalive.INSTANCE);
        assertEquals(State.ESTABLISHED, h.fsm.state());
        h.fire(new Event.TcpFailed(Direction.OUTGOING, "reset"));
        assertEquals(h.now, h.fsm.nextDeadline(), "back to the start of the schedule: a lost session restarts at once");
        h.advanceToDeadline();
        assertEquals(State.CONNECT, h.fsm.state());
        h.fire(new Event.TcpFailed(Direction.OUTGOING, "refused"));
        assertEquals(h.now + Harness.SECOND, h.fsm.nextDeadline(), "then a refused reconnect waits 1 s");
    }

    @Test
    void downReasonTellsWhenTheRestartComes() {
        Harness h = new Harness().reach(State.CONNECT);
        List<Action> first = h.fire(new Event.TcpFailed(Direction.OUTGOING, "refused"));
        assertEquals("could not connect to the peer: refused; restarting in 1 s", Harness.down(first).reason());
        assertEquals(1, first.stream().filter(a -> a instanceof Action.Down).count(), "one failure, one Down");
        h.advanceToDeadline();
        List<Action> out = h.fire(new Event.TcpFailed(Direction.OUTGOING, "refused"));
        assertEquals("could not connect to the peer: refused; restarting in 2 s", Harness.down(out).reason());
    }
}
