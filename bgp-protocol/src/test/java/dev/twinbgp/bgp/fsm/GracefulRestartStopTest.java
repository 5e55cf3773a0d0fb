package dev.twinbgp.bgp.fsm;

import static dev.twinbgp.bgp.fsm.Harness.assertNotification;
import static dev.twinbgp.bgp.fsm.Harness.down;
import static dev.twinbgp.bgp.fsm.Harness.peerOpen;
import static dev.twinbgp.bgp.fsm.Harness.sent;
import static dev.twinbgp.bgp.fsm.Harness.sentNotification;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.bgp.wire.capability.Capability;
import dev.twinbgp.bgp.wire.ErrorCodes;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.Keepalive;
import dev.twinbgp.bgp.wire.MessageDecoder;
import dev.twinbgp.bgp.wire.MessageEncoder;
import dev.twinbgp.bgp.wire.capability.Negotiated;
import dev.twinbgp.bgp.wire.Open;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Graceful restart as the restarting speaker (RFC 4724 section 4.1), step by step without a network:
 * the capability we advertise (R and F bits), and the stop before a restart that closes without a
 * NOTIFICATION only when the peer can keep our routes.
 */
class GracefulRestartStopTest {
    private static final Capability.GracefulRestart PEER_GR = new Capability.GracefulRestart(0, 120,
            List.of(new Capability.GracefulRestart.Entry(Family.IPV4_UNICAST, 0)));

    private static SessionConfig withGracefulRestart(int seconds) {
        return Harness.config().gracefulRestartTime(seconds)
                .families(List.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST)).build();
    }

    private static Open peerOpenWithGr() {
        return peerOpen(180, new Capability.Multiprotocol(Family.IPV4_UNICAST),
                new Capability.Multiprotocol(Family.IPV6_UNICAST), new Capability.FourOctetAs(Harness.PEER_AS), PEER_GR);
    }

    private static Harness established(SessionConfig config, Open peer) {
        Harness h = new Harness(config).reach(State.OPEN_SENT);
        h.receive(peer);
        h.receive(Keepalive.INSTANCE);
        assertEquals(State.ESTABLISHED, h.fsm.state());
        return h;
    }

    @Test
    void theCapabilityHasTheRestartStateBitTheTimeAndTheForwardingBitPerFamily() {
        Capability.GracefulRestart gr = withGracefulRestart(300).gracefulRestart();
        assertEquals(0x8, gr.restartFlags(), "R: we have restarted, do not wait for our End-of-RIB");
        assertEquals(300, gr.restartTime());
        assertEquals(List.of(new Capability.GracefulRestart.Entry(Family.IPV4_UNICAST, 0x80),
                new Capability.GracefulRestart.Entry(Family.IPV6_UNICAST, 0x80)), gr.entries());
        assertTrue(withGracefulRestart(300).capabilities().contains(gr));
    }

    @Test
    void theCapabilityOnTheWireIsWhatExaBgpSends() {
        // ExaBGP: pack('!H', restart_flag << 12 | time) + AFI SAFI 0x80 per family.
        Open open = Harness.config().gracefulRestartTime(120).build().localOpen();
        String hex = HexFormat.of().formatHex(MessageEncoder.encode(open, Negotiated.DEFAULT));
        // code 64, length 6: flags 8 | time 120 = 0x8078, then IPv4 unicast 0001 01 with F = 0x80
        assertTrue(hex.contains("4006807800010180"), hex);
    }

    @Test
    void theFlagsSurviveARoundTripAndReadAsRestartingWithForwardingPreserved() {
        Open ours = withGracefulRestart(90).localOpen();
        byte[] wire = MessageEncoder.encode(ours, Negotiated.DEFAULT);
        byte[] body = java.util.Arrays.copyOfRange(wire, 19, wire.length); // after marker, length, type
        Open decoded = (Open) ((dev.twinbgp.bgp.wire.Decoded.Ok) MessageDecoder.decode(
                dev.twinbgp.bgp.wire.Frame.of(dev.twinbgp.bgp.wire.MessageType.OPEN, body), Negotiated.DEFAULT))
                .message();
        // Seen from a peer that also does graceful restart: what it learns of us.
        SessionConfig peer = SessionConfig.builder(Harness.PEER_AS, Harness.LOCAL_AS, Harness.PEER_ID)
                .gracefulRestartTime(60).families(List.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST)).build();
        OpenNegotiation.Result result = OpenNegotiation.negotiate(peer, decoded, Direction.INCOMING);
        PeerGracefulRestart us = ((OpenNegotiation.Result.Accepted) result).session().gracefulRestart();
        assertTrue(us.restarting());
        assertEquals(90, us.restartTime());
        assertEquals(java.util.Set.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST), us.forwardingPreserved());
    }

    @Test
    void aStopForRestartWithGracefulRestartNegotiatedClosesWithoutNotification() {
        Harness h = established(withGracefulRestart(120), peerOpenWithGr());
        List<Action> out = h.fire(Event.Stop.forRestart());
        assertTrue(sent(out).isEmpty(), "no NOTIFICATION: the peer must keep our routes; sent " + sent(out));
        assertTrue(out.contains(new Action.Close(Direction.OUTGOING)), out.toString());
        Action.Down down = down(out);
        assertNull(down.notification());
        assertTrue(down.wasEstablished());
        assertTrue(down.reason().contains("without NOTIFICATION"), down.reason());
        assertEquals(State.IDLE, h.fsm.state());
        assertEquals(SessionFsm.NONE, h.fsm.nextDeadline(), "stopped: no automatic restart");
    }

    @Test
    void aStopForRestartWhenThePeerLacksTheCapabilityStillSendsCease() {
        Harness h = established(withGracefulRestart(120), peerOpen(180));
        List<Action> out = h.fire(Event.Stop.forRestart());
        assertNotification(ErrorCodes.CEASE, ErrorCodes.CEASE_ADMIN_SHUTDOWN, sentNotification(out));
    }

    @Test
    void aStopForRestartWithoutGracefulRestartConfiguredSendsCease() {
        Harness h = established(Harness.config().build(), peerOpenWithGr());
        List<Action> out = h.fire(Event.Stop.forRestart());
        assertNotification(ErrorCodes.CEASE, ErrorCodes.CEASE_ADMIN_SHUTDOWN, sentNotification(out));
    }

    @Test
    void aPlainStopAlwaysSendsCeaseEvenWithGracefulRestart() {
        Harness h = established(withGracefulRestart(120), peerOpenWithGr());
        List<Action> out = h.fire(new Event.Stop());
        assertNotification(ErrorCodes.CEASE, ErrorCodes.CEASE_ADMIN_SHUTDOWN, sentNotification(out));
    }

    /** Before the peer's OPEN we cannot know whether it keeps routes of an earlier session: silent. */
    @ParameterizedTest
    @EnumSource(value = State.class, names = {"OPEN_SENT"})
    void aStopForRestartBeforeThePeersOpenIsSilent(State state) {
        Harness h = new Harness(withGracefulRestart(120)).reach(state);
        List<Action> out = h.fire(Event.Stop.forRestart());
        assertTrue(sent(out).isEmpty(), sent(out).toString());
        assertFalse(down(out).wasEstablished());
        assertEquals(State.IDLE, h.fsm.state());
    }

    @Test
    void aStopForRestartInOpenConfirmFollowsThePeersCapability() {
        Harness h = new Harness(withGracefulRestart(120)).reach(State.OPEN_SENT);
        h.receive(peerOpenWithGr());
        assertEquals(State.OPEN_CONFIRM, h.fsm.state());
        assertTrue(sent(h.fire(Event.Stop.forRestart())).isEmpty());
    }
}
