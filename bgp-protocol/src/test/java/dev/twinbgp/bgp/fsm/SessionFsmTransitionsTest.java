package dev.twinbgp.bgp.fsm;

import static dev.twinbgp.bgp.fsm.Harness.actions;
import static dev.twinbgp.bgp.fsm.Harness.down;
import static dev.twinbgp.bgp.fsm.Harness.peerOpen;
import static dev.twinbgp.bgp.fsm.Harness.sent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.Keepalive;
import dev.twinbgp.bgp.wire.Open;
import dev.twinbgp.bgp.wire.RouteRefresh;
import dev.twinbgp.bgp.wire.Update;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The mandatory transitions of RFC 4271 section 8.2.2, state by state, on the happy path. */
class SessionFsmTransitionsTest {

    @Test
    void activeStartGoesToConnectAndAsksForAConnection() {
        Harness h = new Harness();
        List<Action> out = h.fire(new Event.Start());
        assertEquals(List.of(new Action.StateChanged(null, State.IDLE, State.CONNECT), new Action.Connect()), out);
        assertEquals(h.now + 5 * Harness.SECOND, h.fsm.nextDeadline(), "ConnectRetryTimer armed");
    }

    @Test
    void passiveStartGoesToActiveAndNeverConnects() {
        Harness h = new Harness(Harness.config().active(false).build());
        List<Action> out = h.fire(new Event.Start());
        assertEquals(List.of(new Action.StateChanged(null, State.IDLE, State.ACTIVE)), out);
        assertEquals(SessionFsm.NONE, h.fsm.nextDeadline());
        assertTrue(h.advance(3600).isEmpty());
        assertEquals(State.ACTIVE, h.fsm.state());
    }

    @Test
    void idleRefusesConnectionsAndIgnoresMessages() {
        Harness h = new Harness();
        assertEquals(List.of(new Action.Close(Direction.INCOMING)), h.fire(new Event.TcpAccepted()));
        assertTrue(h.receive(Keepalive.INSTANCE).isEmpty());
        assertTrue(h.fire(new Event.Stop()).isEmpty());
        assertEquals(State.IDLE, h.fsm.state());
    }

    @Test
    void startIsIgnoredOutsideIdle() {
        Harness h = new Harness().reach(State.OPEN_SENT);
        assertTrue(h.fire(new Event.Start()).isEmpty());
        assertEquals(State.OPEN_SENT, h.fsm.state());
    }

    @Test
    void connectRetryExpiryRetriesAndStaysInConnect() {
        Harness h = new Harness().reach(State.CONNECT);
        assertTrue(h.advance(4.9).isEmpty());
        assertEquals(List.of(new Action.Close(Direction.OUTGOING), new Action.Connect()), h.advance(0.1));
        assertEquals(State.CONNECT, h.fsm.state());
        assertEquals(List.of(new Action.Close(Direction.OUTGOING), new Action.Connect()), h.advance(5));
    }

    @Test
    void outgoingConnectionSendsOpenAndGoesToOpenSent() {
        SessionConfig config = Harness.config().build();
        Harness h = new Harness(config).reach(State.CONNECT);
        List<Action> out = h.fire(new Event.TcpConnected());
        assertEquals(List.of(new Action.Send(Direction.OUTGOING, config.localOpen()),
                new Action.StateChanged(Direction.OUTGOING, State.CONNECT, State.OPEN_SENT)), out);
        assertEquals(Direction.OUTGOING, h.fsm.connection());
    }

    @Test
    void incomingConnectionInConnectAbandonsOurAttempt() {
        Harness h = new Harness().reach(State.CONNECT);
        List<Action> out = h.fire(new Event.TcpAccepted());
        assertEquals(new Action.Close(Direction.OUTGOING), out.get(0));
        assertEquals(Direction.INCOMING, actions(out, Action.Send.class).get(0).via());
        assertEquals(State.OPEN_SENT, h.fsm.state());
        assertEquals(Direction.INCOMING, h.fsm.connection());
    }

    @Test
    void activeOnlyPeerRefusesIncomingConnections() {
        Harness h = new Harness(Harness.config().passive(false).build()).reach(State.CONNECT);
        assertEquals(List.of(new Action.Close(Direction.INCOMING)), h.fire(new Event.TcpAccepted()));
        assertEquals(State.CONNECT, h.fsm.state());
    }

    @Test
    void passivePeerAcceptsInActive() {
        Harness h = new Harness(Harness.config().active(false).build());
        h.fire(new Event.Start());
        assertEquals(List.of(new Action.Close(Direction.OUTGOING)), h.fire(new Event.TcpConnected()));
        List<Action> out = h.fire(new Event.TcpAccepted());
        assertTrue(sent(out).get(0) instanceof Open);
        assertEquals(State.OPEN_SENT, h.fsm.state());
        assertEquals(Direction.INCOMING, h.fsm.connection());
    }

    @Test
    void acceptableOpenInOpenSentSendsKeepaliveAndGoesToOpenConfirm() {
        Harness h = new Harness().reach(State.OPEN_SENT);
        List<Action> out = h.receive(peerOpen(90));
        assertEquals(List.of(new Action.Send(Direction.OUTGOING, Keepalive.INSTANCE),
                new Action.StateChanged(Direction.OUTGOING, State.OPEN_SENT, State.OPEN_CONFIRM)), out);
        assertNotNull(h.fsm.session());
        assertEquals(90, h.fsm.session().holdTime());
    }

    @Test
    void keepaliveInOpenConfirmEstablishes() {
        Harness h = new Harness().reach(State.OPEN_CONFIRM);
        List<Action> out = h.receive(Keepalive.INSTANCE);
        assertEquals(new Action.StateChanged(Direction.OUTGOING, State.OPEN_CONFIRM, State.ESTABLISHED), out.get(0));
        Session session = actions(out, Action.Established.class).get(0).session();
        assertEquals(Harness.PEER_AS, session.peerAs());
        assertEquals(Harness.PEER_ID, session.peerId());
        assertEquals(Direction.OUTGOING, session.connection());
    }

    @Test
    void establishedDeliversUpdatesAndNegotiatedRouteRefreshes() {
        Harness h = new Harness().reach(State.ESTABLISHED);
        assertTrue(h.receive(Keepalive.INSTANCE).isEmpty());
        Update update = Harness.anUpdate();
        assertEquals(List.of(new Action.Deliver(update)), h.receive(update));
        RouteRefresh refresh = new RouteRefresh(Family.IPV4_UNICAST);
        assertEquals(List.of(new Action.Deliver(refresh)), h.receive(refresh));
        assertTrue(h.receive(new RouteRefresh(Family.IPV6_UNICAST)).isEmpty(), "RFC 2918: not negotiated, ignored");
        assertEquals(State.ESTABLISHED, h.fsm.state());
    }

    @Test
    void updateFastPathAllocatesNoActions() {
        Harness h = new Harness().reach(State.ESTABLISHED);
        List<Action> out = h.fsm.onUpdateReceived(Direction.OUTGOING, h.now);
        assertTrue(out.isEmpty());
        assertTrue(out == h.fsm.onUpdateReceived(Direction.OUTGOING, h.now), "same immutable empty list each time");
    }

    @Test
    void eventsForAConnectionWeDoNotOwnAreIgnored() {
        Harness h = new Harness().reach(State.ESTABLISHED);
        assertTrue(h.fire(new Event.MessageReceived(Direction.INCOMING, peerOpen(180))).isEmpty());
        assertTrue(h.fire(new Event.TcpFailed(Direction.INCOMING, "reset")).isEmpty());
        assertTrue(h.fsm.onUpdateReceived(Direction.INCOMING, h.now).isEmpty());
        assertEquals(State.ESTABLISHED, h.fsm.state());
    }

    @Test
    void secondConnectionOnASingleFsmIsRefused() {
        Harness h = new Harness().reach(State.ESTABLISHED);
        assertEquals(List.of(new Action.Close(Direction.INCOMING)), h.fire(new Event.TcpAccepted()));
    }

    @Test
    void stopInConnectAbandonsTheAttemptWithoutRestart() {
        Harness h = new Harness().reach(State.CONNECT);
        List<Action> out = h.fire(new Event.Stop());
        assertEquals(new Action.Close(Direction.OUTGOING), out.get(0));
        assertTrue(sent(out).isEmpty());
        assertFalse(down(out).wasEstablished());
        assertEquals(State.IDLE, h.fsm.state());
        assertEquals(SessionFsm.NONE, h.fsm.nextDeadline());
    }

    @Test
    void stopInActiveGoesToIdle() {
        Harness h = new Harness(Harness.config().active(false).build());
        h.fire(new Event.Start());
        List<Action> out = h.fire(new Event.Stop());
        assertEquals(new Action.StateChanged(null, State.ACTIVE, State.IDLE), out.get(0));
        assertNull(down(out).notification());
    }

    @Test
    void startAfterStopStartsAgain() {
        Harness h = new Harness().reach(State.ESTABLISHED);
        h.fire(new Event.Stop());
        assertEquals(State.IDLE, h.fsm.state());
        assertTrue(actions(h.fire(new Event.Start()), Action.Connect.class).size() == 1);
        assertEquals(State.CONNECT, h.fsm.state());
    }
}
