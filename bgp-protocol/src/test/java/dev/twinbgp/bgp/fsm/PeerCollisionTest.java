package dev.twinbgp.bgp.fsm;

import static dev.twinbgp.bgp.fsm.Harness.assertNotification;
import static dev.twinbgp.bgp.fsm.Harness.down;
import static dev.twinbgp.bgp.fsm.Harness.peerOpen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.bgp.wire.capability.Capability;
import dev.twinbgp.bgp.wire.ErrorCodes;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.Keepalive;
import dev.twinbgp.bgp.wire.Notification;
import dev.twinbgp.bgp.wire.Open;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Connection collision detection (RFC 4271 section 6.8) through {@link Peer}. */
class PeerCollisionTest {
    private static final long ID_LOW = 0x0A000001L;  // 10.0.0.1
    private static final long ID_MID = 0x0A000002L;  // 10.0.0.2, the peer
    private static final long ID_HIGH = 0x0A000003L; // 10.0.0.3

    private long now = 42;
    private Peer peer;

    private List<Action> fire(Event event) {
        return peer.onEvent(event, now);
    }

    private List<Action> receive(Direction via, Object message) {
        return fire(new Event.MessageReceived(via, (dev.twinbgp.bgp.wire.BgpMessage) message));
    }

    /** Both connections in OpenSent. */
    private void twoConnections(long localId) {
        peer = new Peer(SessionConfig.builder(Harness.LOCAL_AS, Harness.PEER_AS, localId).build());
        assertTrue(fire(new Event.Start()).contains(new Action.Connect()));
        fire(new Event.TcpConnected());
        List<Action> out = fire(new Event.TcpAccepted());
        assertEquals(new Action.Send(Direction.INCOMING, peer.config().localOpen()), out.get(0));
        assertEquals(State.OPEN_SENT, peer.connectionState(Direction.OUTGOING));
        assertEquals(State.OPEN_SENT, peer.connectionState(Direction.INCOMING));
    }

    private static Notification sentVia(Direction via, List<Action> out) {
        for (Action a : out) {
            if (a instanceof Action.Send s && s.message() instanceof Notification n) {
                assertEquals(via, s.via());
                return n;
            }
        }
        throw new AssertionError("no NOTIFICATION in " + out);
    }

    @ParameterizedTest(name = "local id {0}, OPEN first on {1} -> close {2}")
    @CsvSource({
            "HIGH, OUTGOING, INCOMING",
            "HIGH, INCOMING, INCOMING",
            "LOW,  OUTGOING, OUTGOING",
            "LOW,  INCOMING, OUTGOING",
    })
    void higherIdentifierKeepsTheConnectionItInitiated(String localId, Direction first, Direction loser) {
        twoConnections(localId.equals("HIGH") ? ID_HIGH : ID_LOW);
        Direction second = first == Direction.OUTGOING ? Direction.INCOMING : Direction.OUTGOING;
        receive(first, peerOpen(180));
        assertEquals(State.OPEN_CONFIRM, peer.connectionState(first));
        assertEquals(first, peer.session(first).connection());
        assertNull(peer.session(second), "no OPEN on that one yet");

        List<Action> out = receive(second, peerOpen(180));
        assertNotification(ErrorCodes.CEASE, ErrorCodes.CEASE_CONNECTION_COLLISION, sentVia(loser, out));
        assertTrue(out.contains(new Action.Close(loser)), out::toString);
        assertTrue(down(out).reason().contains("collision"), down(out).reason());
        Direction winner = loser == Direction.OUTGOING ? Direction.INCOMING : Direction.OUTGOING;
        assertNull(peer.connectionState(loser));
        assertEquals(State.OPEN_CONFIRM, peer.connectionState(winner));
        assertEquals(State.OPEN_CONFIRM, peer.state());

        List<Action> up = receive(winner, Keepalive.INSTANCE);
        assertEquals(winner, Harness.actions(up, Action.Established.class).get(0).session().connection());
        assertEquals(State.ESTABLISHED, peer.state());
        assertTrue(peer.onUpdateReceived(winner, now).isEmpty());
    }

    @Test
    void theLoserDoesNotRestart() {
        twoConnections(ID_HIGH);
        receive(Direction.OUTGOING, peerOpen(180));
        receive(Direction.INCOMING, peerOpen(180));
        // the only deadline left is the survivor's keepalive (hold 180 / 3)
        assertEquals(now + 60 * Harness.SECOND, peer.nextDeadline());
    }

    @Test
    void anEstablishedSessionAlwaysWins() {
        twoConnections(ID_LOW); // by identifiers alone the outgoing connection would lose
        receive(Direction.OUTGOING, peerOpen(180));
        receive(Direction.OUTGOING, Keepalive.INSTANCE);
        assertEquals(State.ESTABLISHED, peer.state());
        List<Action> out = receive(Direction.INCOMING, peerOpen(180));
        assertNotification(ErrorCodes.CEASE, ErrorCodes.CEASE_CONNECTION_COLLISION, sentVia(Direction.INCOMING, out));
        assertEquals(State.ESTABLISHED, peer.state());
        assertNull(peer.connectionState(Direction.INCOMING));
    }

    @Test
    void secondConnectionAfterEstablishedLosesOnItsOpen() {
        peer = new Peer(SessionConfig.builder(Harness.LOCAL_AS, Harness.PEER_AS, ID_LOW).build());
        fire(new Event.Start());
        fire(new Event.TcpConnected());
        receive(Direction.OUTGOING, peerOpen(180));
        receive(Direction.OUTGOING, Keepalive.INSTANCE);
        fire(new Event.TcpAccepted());
        List<Action> out = receive(Direction.INCOMING, peerOpen(180));
        assertNotification(ErrorCodes.CEASE, ErrorCodes.CEASE_CONNECTION_COLLISION, sentVia(Direction.INCOMING, out));
        assertEquals(Direction.OUTGOING, peer.session().connection());
    }

    @Test
    void equalIdentifiersLetTheLargerAsKeepItsConnection() {
        // RFC 6286 section 2.3: we are AS 65000, the peer AS 65001: its connection (incoming) stays.
        twoConnections(ID_MID);
        receive(Direction.OUTGOING, peerOpen(180));
        List<Action> out = receive(Direction.INCOMING, peerOpen(180));
        sentVia(Direction.OUTGOING, out);
        assertEquals(State.OPEN_CONFIRM, peer.connectionState(Direction.INCOMING));
    }

    @Test
    void aFailingSecondConnectionLeavesTheFirstAlone() {
        twoConnections(ID_HIGH);
        receive(Direction.OUTGOING, peerOpen(180));
        List<Action> out = fire(new Event.TcpFailed(Direction.INCOMING, "reset"));
        down(out);
        assertEquals(State.OPEN_CONFIRM, peer.state());
        assertNull(peer.connectionState(Direction.INCOMING));
        assertEquals(now + 60 * Harness.SECOND, peer.nextDeadline(), "no restart scheduled");
    }

    @Test
    void aFailingFirstConnectionHandsOverToTheSecond() {
        twoConnections(ID_HIGH);
        fire(new Event.TcpFailed(Direction.OUTGOING, "reset"));
        assertEquals(State.OPEN_SENT, peer.state());
        assertEquals(State.OPEN_SENT, peer.connectionState(Direction.INCOMING));
        assertEquals(now + SessionFsm.OPEN_SENT_HOLD_TIME * Harness.SECOND, peer.nextDeadline(), "no restart scheduled");
        receive(Direction.INCOMING, peerOpen(180));
        receive(Direction.INCOMING, Keepalive.INSTANCE);
        assertEquals(State.ESTABLISHED, peer.state());
        // When the survivor fails, the peer restarts as usual.
        fire(new Event.TcpFailed(Direction.INCOMING, "reset"));
        assertEquals(State.IDLE, peer.state());
        assertTrue(peer.onTimer(now).contains(new Action.Connect()));
    }

    @Test
    void holdTimerOfTheSecondConnectionFires() {
        twoConnections(ID_HIGH);
        receive(Direction.OUTGOING, peerOpen(180));
        receive(Direction.OUTGOING, Keepalive.INSTANCE);
        List<Action> out = List.of();
        for (int i = 0; i < 4; i++) { // the established session stays fed; the other one hears nothing
            now += 60 * Harness.SECOND;
            receive(Direction.OUTGOING, Keepalive.INSTANCE);
            out = peer.onTimer(now);
        }
        assertNotification(ErrorCodes.HOLD_TIMER_EXPIRED, 0, sentVia(Direction.INCOMING, out));
        assertEquals(State.ESTABLISHED, peer.state());
        assertNull(peer.connectionState(Direction.INCOMING));
    }

    @Test
    void stopClosesBothConnections() {
        twoConnections(ID_HIGH);
        List<Action> out = fire(new Event.Stop());
        assertEquals(2, Harness.actions(out, Action.Close.class).size());
        assertEquals(2, Harness.actions(out, Action.Down.class).size());
        assertEquals(State.IDLE, peer.state());
        assertEquals(SessionFsm.NONE, peer.nextDeadline());
    }

    @Test
    void activeOnlyPeerRefusesASecondIncomingConnection() {
        peer = new Peer(Harness.config().passive(false).build());
        fire(new Event.Start());
        fire(new Event.TcpConnected());
        assertEquals(List.of(new Action.Close(Direction.INCOMING)), fire(new Event.TcpAccepted()));
    }

    @Test
    void duplicateConnectionInTheSameDirectionIsIgnored() {
        twoConnections(ID_HIGH);
        assertTrue(fire(new Event.TcpAccepted()).isEmpty());
        assertEquals(State.OPEN_SENT, peer.connectionState(Direction.INCOMING));
    }

    @Test
    void resolverComparesIdentifiersAsUnsigned() {
        assertEquals(Direction.INCOMING, CollisionResolver.loser(0xFFFF_FFFFL, 1, 1, 2));
        assertEquals(Direction.OUTGOING, CollisionResolver.loser(1, 0xFFFF_FFFFL, 2, 1));
        assertEquals(Direction.INCOMING, CollisionResolver.loser(7, 7, 65001, 65000));
        assertEquals(Direction.OUTGOING, CollisionResolver.loser(7, 7, 65000, 65001));
    }

    @Test
    void singleConnectionPeerBehavesLikeTheFsm() {
        peer = new Peer(Harness.config().active(false).build());
        fire(new Event.Start());
        assertEquals(State.ACTIVE, peer.state());
        fire(new Event.TcpAccepted());
        Open open = Open.of(Harness.PEER_AS, 180, ID_MID, List.of(new Capability.Multiprotocol(Family.IPV6_UNICAST)));
        receive(Direction.INCOMING, open);
        receive(Direction.INCOMING, Keepalive.INSTANCE);
        assertEquals(State.ESTABLISHED, peer.state());
        assertTrue(peer.session().families().isEmpty(), "we only do IPv4 unicast, they only IPv6 unicast");
        peer.onUpdateSent(now);
        assertTrue(peer.onUpdateReceived(Direction.INCOMING, now).isEmpty());
        assertTrue(peer.onUpdateReceived(Direction.OUTGOING, now).isEmpty(), "no such connection: ignored");
    }
}
