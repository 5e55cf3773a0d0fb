package dev.twinbgp.bgp.fsm;

import static dev.twinbgp.bgp.fsm.Harness.assertNotification;
import static dev.twinbgp.bgp.fsm.Harness.down;
import static dev.twinbgp.bgp.fsm.Harness.peerOpen;
import static dev.twinbgp.bgp.fsm.Harness.sent;
import static dev.twinbgp.bgp.fsm.Harness.sentNotification;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.bgp.wire.BgpMessage;
import dev.twinbgp.bgp.wire.ErrorCodes;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.Keepalive;
import dev.twinbgp.bgp.wire.Notification;
import dev.twinbgp.bgp.wire.RouteRefresh;
import dev.twinbgp.bgp.wire.WireError;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every error path: the NOTIFICATION sent (or not), Idle, Down, and the automatic restart. */
class SessionFsmErrorsTest {

    static Stream<Arguments> unexpectedMessages() {
        return Stream.of(
                Arguments.of(State.OPEN_SENT, Keepalive.INSTANCE, ErrorCodes.FSM_UNEXPECTED_IN_OPENSENT),
                Arguments.of(State.OPEN_SENT, Harness.anUpdate(), ErrorCodes.FSM_UNEXPECTED_IN_OPENSENT),
                Arguments.of(State.OPEN_SENT, new RouteRefresh(Family.IPV4_UNICAST), ErrorCodes.FSM_UNEXPECTED_IN_OPENSENT),
                Arguments.of(State.OPEN_CONFIRM, peerOpen(180), ErrorCodes.FSM_UNEXPECTED_IN_OPENCONFIRM),
                Arguments.of(State.OPEN_CONFIRM, Harness.anUpdate(), ErrorCodes.FSM_UNEXPECTED_IN_OPENCONFIRM),
                Arguments.of(State.OPEN_CONFIRM, new RouteRefresh(Family.IPV4_UNICAST), ErrorCodes.FSM_UNEXPECTED_IN_OPENCONFIRM),
                Arguments.of(State.ESTABLISHED, peerOpen(180), ErrorCodes.FSM_UNEXPECTED_IN_ESTABLISHED));
    }

    @ParameterizedTest(name = "{1} in {0} -> 5/{2}")
    @MethodSource("unexpectedMessages")
    void unexpectedMessageGivesTheRfc6608FsmError(State state, BgpMessage message, int subcode) {
        Harness h = new Harness().reach(state);
        List<Action> out = h.receive(message);
        assertNotification(ErrorCodes.FSM, subcode, sentNotification(out));
        assertEquals(new Action.Close(Direction.OUTGOING), out.get(1));
        assertEquals(state == State.ESTABLISHED, down(out).wasEstablished());
        assertEquals(State.IDLE, h.fsm.state());
    }

    @ParameterizedTest
    @EnumSource(value = State.class, names = {"OPEN_SENT", "OPEN_CONFIRM"})
    void updateFastPathOutsideEstablishedIsAnFsmError(State state) {
        Harness h = new Harness().reach(state);
        List<Action> out = h.fsm.onUpdateReceived(Direction.OUTGOING, h.now);
        int subcode = state == State.OPEN_SENT ? 1 : 2;
        assertNotification(ErrorCodes.FSM, subcode, sentNotification(out));
        assertEquals(State.IDLE, h.fsm.state());
    }

    @ParameterizedTest
    @EnumSource(value = State.class, names = {"OPEN_SENT", "OPEN_CONFIRM", "ESTABLISHED"})
    void notificationReceivedClosesWithoutAnswering(State state) {
        Harness h = new Harness().reach(state);
        Notification received = new Notification(ErrorCodes.CEASE, ErrorCodes.CEASE_ADMIN_RESET);
        List<Action> out = h.receive(received);
        assertTrue(sent(out).isEmpty(), "no NOTIFICATION in answer to a NOTIFICATION");
        assertEquals(new Action.Close(Direction.OUTGOING), out.get(0));
        Action.Down down = down(out);
        assertEquals(received, down.notification());
        assertTrue(down.reason().contains("6/4"), down.reason());
        assertEquals(state == State.ESTABLISHED, down.wasEstablished());
        assertEquals(State.IDLE, h.fsm.state());
        assertNull(h.fsm.session());
    }

    @Test
    void receivedShutdownCommunicationIsShownInTheReason() {
        Harness h = new Harness().reach(State.ESTABLISHED);
        List<Action> out = h.receive(CeaseNotifications.cease(ErrorCodes.CEASE_ADMIN_SHUTDOWN, "maintenance"));
        assertTrue(down(out).reason().contains("\"maintenance\""), down(out).reason());
    }

    @ParameterizedTest
    @EnumSource(value = State.class, names = {"OPEN_SENT", "OPEN_CONFIRM", "ESTABLISHED"})
    void decodeErrorSendsItsNotification(State state) {
        Harness h = new Harness().reach(state);
        WireError error = new WireError(ErrorCodes.MESSAGE_HEADER, ErrorCodes.HEADER_BAD_LENGTH, new byte[] {0, 5},
                "length 5 is shorter than the header");
        List<Action> out = h.fire(new Event.DecodeFailed(Direction.OUTGOING, error));
        assertEquals(error.toNotification(), sentNotification(out));
        assertEquals(new Action.Close(Direction.OUTGOING), out.get(1));
        assertEquals(error.toNotification(), down(out).notification());
        assertEquals(State.IDLE, h.fsm.state());
    }

    @ParameterizedTest
    @EnumSource(value = State.class, names = {"CONNECT", "OPEN_SENT", "OPEN_CONFIRM", "ESTABLISHED"})
    void tcpFailureGoesToIdleAndRestarts(State state) {
        Harness h = new Harness().reach(state);
        List<Action> out = h.fire(new Event.TcpFailed(Direction.OUTGOING, "connection reset"));
        assertTrue(sent(out).isEmpty());
        Action.Down down = down(out);
        assertNull(down.notification());
        assertTrue(down.reason().contains("connection reset"), down.reason());
        assertEquals(State.IDLE, h.fsm.state());
        // first restart is immediate (ExaBGP's schedule starts at 0 s), except after a failed connection
        // attempt (Connect): the peer that refused it would refuse at once again
        long wait = state == State.CONNECT ? 1 : 0;
        assertEquals(h.now + wait * Harness.SECOND, h.fsm.nextDeadline());
        List<Action> restart = h.advance(wait);
        assertTrue(restart.contains(new Action.Connect()), restart::toString);
        assertEquals(State.CONNECT, h.fsm.state());
    }

    @Test
    void tcpFailureInActiveIsIgnored() {
        Harness h = new Harness(Harness.config().active(false).build());
        h.fire(new Event.Start());
        assertTrue(h.fire(new Event.TcpFailed(Direction.INCOMING, "x")).isEmpty());
        assertEquals(State.ACTIVE, h.fsm.state());
    }

    @ParameterizedTest
    @EnumSource(value = State.class, names = {"OPEN_SENT", "OPEN_CONFIRM", "ESTABLISHED"})
    void manualStopSendsAdministrativeShutdown(State state) {
        Harness h = new Harness().reach(state);
        List<Action> out = h.fire(new Event.Stop());
        Notification cease = sentNotification(out);
        assertNotification(ErrorCodes.CEASE, ErrorCodes.CEASE_ADMIN_SHUTDOWN, cease);
        assertEquals(0, cease.dataLength());
        assertEquals(new Action.Close(Direction.OUTGOING), out.get(1));
        assertEquals(State.IDLE, h.fsm.state());
        assertEquals(SessionFsm.NONE, h.fsm.nextDeadline(), "no automatic restart after a manual stop");
        assertTrue(h.advance(3600).isEmpty());
    }

    @Test
    void manualStopCarriesTheShutdownCommunication() {
        Harness h = new Harness().reach(State.ESTABLISHED);
        List<Action> out = h.fire(new Event.Stop(ErrorCodes.CEASE_ADMIN_SHUTDOWN, "going down for maintenance"));
        byte[] text = "going down for maintenance".getBytes(StandardCharsets.UTF_8);
        byte[] data = sentNotification(out).data();
        assertEquals(text.length, data[0]);
        assertArrayEquals(text, java.util.Arrays.copyOfRange(data, 1, data.length));
        assertTrue(down(out).reason().contains("going down for maintenance"));
    }

    @Test
    void refusedOpenSendsItsNotificationAndRestarts() {
        Harness h = new Harness().reach(State.OPEN_SENT);
        List<Action> out = h.receive(peerOpen(2));
        assertNotification(ErrorCodes.OPEN_MESSAGE, ErrorCodes.OPEN_UNACCEPTABLE_HOLD_TIME, sentNotification(out));
        assertTrue(down(out).reason().startsWith("OPEN refused"), down(out).reason());
        assertEquals(State.IDLE, h.fsm.state());
        assertEquals(h.now, h.fsm.nextDeadline());
    }

    @Test
    void stopDuringTheRestartDelayCancelsTheRestart() {
        Harness h = new Harness().reach(State.CONNECT);
        h.fire(new Event.TcpFailed(Direction.OUTGOING, "refused"));
        h.advanceToDeadline();
        h.fire(new Event.TcpFailed(Direction.OUTGOING, "refused")); // next restart in 2 s
        assertEquals(h.now + 2 * Harness.SECOND, h.fsm.nextDeadline());
        assertTrue(h.fire(new Event.Stop()).isEmpty());
        assertEquals(SessionFsm.NONE, h.fsm.nextDeadline());
        assertTrue(h.advance(10).isEmpty());
        assertEquals(State.IDLE, h.fsm.state());
    }

    @Test
    void anActiveOnlyPeerRefusesConnectionsDuringTheRestartDelay() {
        Harness h = new Harness(Harness.config().passive(false).build()).reach(State.OPEN_SENT);
        h.receive(Keepalive.INSTANCE);
        h.fire(new Event.Start()); // immediate automatic restart ...
        h.fire(new Event.TcpFailed(Direction.OUTGOING, "refused")); // ... fails: next restart in 1 s
        assertEquals(List.of(new Action.Close(Direction.INCOMING)), h.fire(new Event.TcpAccepted()));
    }

    @Test
    void aPassivePeerAcceptsDuringTheRestartDelay() {
        // Refusing here let two peers whose backoffs ran out of phase refuse each other forever.
        Harness h = new Harness().reach(State.OPEN_SENT);
        h.receive(Keepalive.INSTANCE);
        h.fire(new Event.Start());
        h.fire(new Event.TcpFailed(Direction.OUTGOING, "refused")); // next restart in 1 s
        List<Action> actions = h.fire(new Event.TcpAccepted());
        assertEquals(new Action.StateChanged(Direction.INCOMING, State.IDLE, State.OPEN_SENT), actions.get(actions.size() - 1));
        assertEquals(State.OPEN_SENT, h.fsm.state());
    }

    @Test
    void anAdministrativelyStoppedPeerRefusesConnections() {
        Harness h = new Harness().reach(State.CONNECT);
        h.fire(new Event.Stop());
        assertEquals(List.of(new Action.Close(Direction.INCOMING)), h.fire(new Event.TcpAccepted()));
    }

    @Test
    void staleConnectEventAfterErrorIsRefused() {
        Harness h = new Harness().reach(State.OPEN_SENT);
        h.receive(Keepalive.INSTANCE);
        assertEquals(List.of(new Action.Close(Direction.OUTGOING)), h.fire(new Event.TcpConnected()));
    }
}
