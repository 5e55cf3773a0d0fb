package dev.twinbgp.bgp.fsm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.bgp.wire.ErrorCodes;
import dev.twinbgp.bgp.wire.Keepalive;
import dev.twinbgp.bgp.wire.Notification;
import dev.twinbgp.bgp.wire.Operational;
import dev.twinbgp.bgp.wire.capability.Capability;
import dev.twinbgp.bgp.wire.family.Family;
import java.util.List;
import org.junit.jupiter.api.Test;

/** OPERATIONAL (type 6): delivered in Established when both sides sent capability 185, else 1/3 as before. */
class SessionFsmOperationalTest {
    private static final Operational ADM = Operational.advisory(Operational.ADM, Family.IPV4_UNICAST, "hello");

    private static Harness established(boolean ours, boolean theirs) {
        Harness h = new Harness(Harness.config().operational(ours).build());
        h.reach(State.OPEN_SENT);
        Capability[] caps = theirs
                ? new Capability[] {new Capability.Multiprotocol(Family.IPV4_UNICAST), new Capability.FourOctetAs(Harness.PEER_AS),
                        new Capability.Unknown(SessionConfig.OPERATIONAL, new byte[0])}
                : new Capability[] {new Capability.Multiprotocol(Family.IPV4_UNICAST), new Capability.FourOctetAs(Harness.PEER_AS)};
        h.receive(Harness.peerOpen(90, caps));
        h.receive(Keepalive.INSTANCE);
        assertEquals(State.ESTABLISHED, h.fsm.state());
        return h;
    }

    @Test
    void negotiatedIsDeliveredAndRestartsOnlyTheHoldTimer() {
        Harness h = established(true, true);
        assertTrue(h.fsm.session().operational());
        h.advance(60); // keepalives went out at 30 and 60; hold (90 s) expires at 90 unless restarted
        List<?> out = h.receive(ADM);
        assertEquals(List.of(new Action.Deliver(ADM)), out);
        h.advance(45); // 105 s after the last KEEPALIVE-or-similar but only 45 after the OPERATIONAL
        assertEquals(State.ESTABLISHED, h.fsm.state(), "OPERATIONAL restarted the hold timer");
    }

    @Test
    void notNegotiatedByThePeerIsAnUnknownType() {
        notNegotiated(established(true, false));
    }

    @Test
    void notConfiguredByUsIsAnUnknownType() {
        notNegotiated(established(false, true));
    }

    private static void notNegotiated(Harness h) {
        List<Action> out = h.receive(ADM);
        Notification n = Harness.sentNotification(out);
        Harness.assertNotification(ErrorCodes.MESSAGE_HEADER, ErrorCodes.HEADER_BAD_TYPE, n);
        assertArrayEquals(new byte[] {6}, n.data(), "RFC 4271 6.1: the erroneous Type field");
        assertEquals(State.IDLE, h.fsm.state());
    }

    @Test
    void beforeOpenItIsAnUnknownType() {
        Harness h = new Harness(Harness.config().operational(true).build()).reach(State.OPEN_SENT);
        Harness.assertNotification(ErrorCodes.MESSAGE_HEADER, ErrorCodes.HEADER_BAD_TYPE, Harness.sentNotification(h.receive(ADM)));
    }
}
