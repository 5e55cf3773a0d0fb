package dev.twinbgp.bgp.fsm;

import static dev.twinbgp.bgp.fsm.Harness.PEER_AS;
import static dev.twinbgp.bgp.fsm.Harness.PEER_ID;
import static dev.twinbgp.bgp.fsm.Harness.assertNotification;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.twinbgp.bgp.wire.capability.AddPathMode;
import dev.twinbgp.bgp.wire.capability.Capability;
import dev.twinbgp.bgp.wire.ErrorCodes;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.Notification;
import dev.twinbgp.bgp.wire.Open;
import dev.twinbgp.bgp.wire.capability.OptionalParameter;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** OPEN checks (RFC 4271 section 6.2) and capability negotiation (RFC 5492 and friends). */
class OpenNegotiationTest {
    private static final Family VPN = new Family(1, 128);

    private static Session accept(SessionConfig config, Open open) {
        return switch (OpenNegotiation.negotiate(config, open, Direction.OUTGOING)) {
            case OpenNegotiation.Result.Accepted a -> a.session();
            case OpenNegotiation.Result.Refused r -> fail("refused: " + r);
        };
    }

    private static Notification refuse(SessionConfig config, Open open) {
        return switch (OpenNegotiation.negotiate(config, open, Direction.OUTGOING)) {
            case OpenNegotiation.Result.Accepted a -> fail("accepted: " + a);
            case OpenNegotiation.Result.Refused r -> r.notification();
        };
    }

    private static Session accept(Open open) {
        return accept(Harness.config().build(), open);
    }

    @Test
    void badVersionIsRefusedWithOurVersionAsData() {
        Open v3 = new Open(3, (int) PEER_AS, 180, PEER_ID, List.of(), false);
        Notification n = refuse(Harness.config().build(), v3);
        assertNotification(ErrorCodes.OPEN_MESSAGE, ErrorCodes.OPEN_UNSUPPORTED_VERSION, n);
        assertArrayEquals(new byte[] {0, 4}, n.data());
    }

    @Test
    void wrongPeerAsIsRefused() {
        Open open = Open.of(65099, 180, PEER_ID, List.of());
        assertNotification(ErrorCodes.OPEN_MESSAGE, ErrorCodes.OPEN_BAD_PEER_AS, refuse(Harness.config().build(), open));
    }

    @Test
    void peerAsComesFromTheFourOctetCapability() {
        SessionConfig config = SessionConfig.builder(65000, 4_200_000_000L, Harness.LOCAL_ID).build();
        Open open = Open.of(4_200_000_000L, 180, PEER_ID, List.of(new Capability.FourOctetAs(4_200_000_000L)));
        assertEquals(Open.AS_TRANS, open.myAs());
        Session session = accept(config, open);
        assertEquals(4_200_000_000L, session.peerAs());
        assertTrue(session.negotiated().asn4());
        Open transOnly = new Open(4, Open.AS_TRANS, 180, PEER_ID, List.of(), false);
        assertNotification(ErrorCodes.OPEN_MESSAGE, ErrorCodes.OPEN_BAD_PEER_AS, refuse(config, transOnly));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void holdTimeOneOrTwoIsRefused(int hold) {
        SessionConfig zeroHold = Harness.config().holdTime(0).build();
        assertNotification(ErrorCodes.OPEN_MESSAGE, ErrorCodes.OPEN_UNACCEPTABLE_HOLD_TIME,
                refuse(zeroHold, Harness.peerOpen(hold)));
    }

    @Test
    void zeroIdentifierIsRefused() {
        Open open = Open.of(PEER_AS, 180, 0, List.of());
        assertNotification(ErrorCodes.OPEN_MESSAGE, ErrorCodes.OPEN_BAD_BGP_IDENTIFIER, refuse(Harness.config().build(), open));
    }

    @Test
    void ourOwnIdentifierIsRefusedOnlyForInternalPeers() {
        SessionConfig ibgp = SessionConfig.builder(65000, 65000, Harness.LOCAL_ID).build();
        Open sameId = Open.of(65000, 180, Harness.LOCAL_ID, List.of());
        assertNotification(ErrorCodes.OPEN_MESSAGE, ErrorCodes.OPEN_BAD_BGP_IDENTIFIER, refuse(ibgp, sameId));
        // RFC 6286 section 2.2: identifiers need only be unique within an AS.
        Open ebgpSameId = Open.of(PEER_AS, 180, Harness.LOCAL_ID, List.of());
        assertEquals(Harness.LOCAL_ID, accept(ebgpSameId).peerId());
    }

    @Test
    void aigpSessionIsOnForInternalPeersAndWhenConfigured() {
        // RFC 7311 section 3.3
        Open fromOwnAs = Open.of(65000, 180, Harness.PEER_ID, List.of());
        assertTrue(accept(SessionConfig.builder(65000, 65000, Harness.LOCAL_ID).build(), fromOwnAs).negotiated().aigpSession());
        assertFalse(accept(Harness.peerOpen(180)).negotiated().aigpSession());
        assertTrue(accept(Harness.config().aigp(true).build(), Harness.peerOpen(180)).negotiated().aigpSession());
    }

    @Test
    void identifierIsUnsigned() {
        Open open = Open.of(PEER_AS, 180, 0xFFFF_FFFFL, List.of());
        assertEquals(0xFFFF_FFFFL, accept(open).peerId());
    }

    @Test
    void unknownOptionalParameterIsRefused() {
        Open open = new Open(4, (int) PEER_AS, 180, PEER_ID,
                List.of(new OptionalParameter.Unknown(1, new byte[] {1, 2})), false);
        assertNotification(ErrorCodes.OPEN_MESSAGE, ErrorCodes.OPEN_UNSUPPORTED_OPTIONAL_PARAMETER,
                refuse(Harness.config().build(), open));
    }

    @Test
    void noMultiprotocolMeansIpv4UnicastOnly() {
        SessionConfig config = Harness.config().families(List.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST)).build();
        assertEquals(Set.of(Family.IPV4_UNICAST), accept(config, Harness.peerOpen(180, new Capability.RouteRefresh())).families());
    }

    @Test
    void familiesAreTheIntersection() {
        SessionConfig config = Harness.config().families(List.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST)).build();
        Open open = Harness.peerOpen(180, new Capability.Multiprotocol(Family.IPV6_UNICAST),
                new Capability.Multiprotocol(VPN));
        assertEquals(Set.of(Family.IPV6_UNICAST), accept(config, open).families());
    }

    @Test
    void asn4NeedsBothSides() {
        assertTrue(accept(Harness.peerOpen(180, new Capability.FourOctetAs(PEER_AS))).negotiated().asn4());
        assertFalse(accept(Harness.peerOpen(180, new Capability.RouteRefresh())).negotiated().asn4());
        SessionConfig noAsn4 = Harness.config().asn4(false).build();
        assertFalse(accept(noAsn4, Harness.peerOpen(180, new Capability.FourOctetAs(PEER_AS))).negotiated().asn4());
    }

    @ParameterizedTest(name = "we {0}, they {1} -> receive {2}, send {3}")
    @CsvSource({
            "RECEIVE, SEND,    true,  false",
            "RECEIVE, RECEIVE, false, false",
            "RECEIVE, BOTH,    true,  false",
            "SEND,    RECEIVE, false, true",
            "SEND,    SEND,    false, false",
            "SEND,    BOTH,    false, true",
            "BOTH,    BOTH,    true,  true",
            "BOTH,    SEND,    true,  false",
            "BOTH,    RECEIVE, false, true",
    })
    void addPathDirectionsPerRfc7911(AddPathMode ours, AddPathMode theirs, boolean receive, boolean send) {
        SessionConfig config = Harness.config().addPath(Family.IPV4_UNICAST, ours).build();
        Open open = Harness.peerOpen(180, new Capability.AddPath(List.of(new Capability.AddPath.Entry(Family.IPV4_UNICAST, theirs))));
        Session session = accept(config, open);
        assertEquals(receive, session.negotiated().addPathReceive().contains(Family.IPV4_UNICAST));
        assertEquals(send, session.negotiated().addPathSend().contains(Family.IPV4_UNICAST));
    }

    @Test
    void addPathOnlyForNegotiatedFamiliesAndWhenWeAdvertisedIt() {
        SessionConfig config = Harness.config().addPath(Family.IPV4_UNICAST, AddPathMode.BOTH).build();
        Open open = Harness.peerOpen(180, new Capability.Multiprotocol(Family.IPV4_UNICAST),
                new Capability.AddPath(List.of(new Capability.AddPath.Entry(Family.IPV6_UNICAST, AddPathMode.BOTH))));
        assertTrue(accept(config, open).negotiated().addPathReceive().isEmpty());
        Open both = Harness.peerOpen(180,
                new Capability.AddPath(List.of(new Capability.AddPath.Entry(Family.IPV4_UNICAST, AddPathMode.BOTH))));
        assertTrue(accept(Harness.config().build(), both).negotiated().addPathSend().isEmpty());
    }

    @Test
    void extendedMessageNeedsBothSides() {
        SessionConfig on = Harness.config().extendedMessage(true).build();
        assertTrue(accept(on, Harness.peerOpen(180, new Capability.ExtendedMessage())).negotiated().extendedMessage());
        assertEquals(65535, accept(on, Harness.peerOpen(180, new Capability.ExtendedMessage())).negotiated().maxMessageLength());
        assertFalse(accept(on, Harness.peerOpen(180)).negotiated().extendedMessage());
        assertFalse(accept(Harness.peerOpen(180, new Capability.ExtendedMessage())).negotiated().extendedMessage());
    }

    @Test
    void routeRefreshAndEnhancedRouteRefreshNeedBothSides() {
        SessionConfig config = Harness.config().enhancedRouteRefresh(true).build();
        Session both = accept(config, Harness.peerOpen(180, new Capability.RouteRefresh(), new Capability.EnhancedRouteRefresh()));
        assertTrue(both.routeRefresh());
        assertTrue(both.enhancedRouteRefresh());
        Session neither = accept(config, Harness.peerOpen(180, new Capability.FourOctetAs(PEER_AS)));
        assertFalse(neither.routeRefresh());
        assertFalse(neither.enhancedRouteRefresh());
        SessionConfig off = Harness.config().routeRefresh(false).build();
        assertFalse(accept(off, Harness.peerOpen(180, new Capability.RouteRefresh())).routeRefresh());
    }

    @Test
    void gracefulRestartOfThePeerIsRemembered() {
        SessionConfig config = Harness.config().gracefulRestartTime(120).build();
        Capability.GracefulRestart gr = new Capability.GracefulRestart(0x8, 90, List.of(
                new Capability.GracefulRestart.Entry(Family.IPV4_UNICAST, 0x80),
                new Capability.GracefulRestart.Entry(Family.IPV6_UNICAST, 0)));
        PeerGracefulRestart peer = accept(config, Harness.peerOpen(180, gr)).gracefulRestart();
        assertEquals(90, peer.restartTime());
        assertTrue(peer.restarting());
        assertEquals(Set.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST), peer.families());
        assertEquals(Set.of(Family.IPV4_UNICAST), peer.forwardingPreserved());
        assertNull(accept(Harness.peerOpen(180, gr)).gracefulRestart(), "we did not advertise graceful restart");
        assertNull(accept(config, Harness.peerOpen(180)).gracefulRestart());
    }

    @Test
    void sessionKeepsBothOpens() {
        SessionConfig config = Harness.config().build();
        Open remote = Harness.peerOpen(60);
        Session session = accept(config, remote);
        assertEquals(remote, session.remoteOpen());
        assertEquals(config.localOpen(), session.localOpen());
        assertEquals(60, session.holdTime());
        assertEquals(20, session.keepaliveTime());
    }

    @Test
    void localOpenCarriesTheConfiguredCapabilities() {
        SessionConfig config = SessionConfig.builder(4_200_000_000L, PEER_AS, Harness.LOCAL_ID)
                .families(List.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST))
                .addPath(Family.IPV6_UNICAST, AddPathMode.SEND).extendedMessage(true).enhancedRouteRefresh(true)
                .gracefulRestartTime(120).fqdn("router", "example.net").softwareVersion("twinbgp 0.1").build();
        Open open = config.localOpen();
        assertEquals(Open.AS_TRANS, open.myAs());
        assertEquals(4_200_000_000L, open.asn());
        List<Capability> caps = open.capabilities();
        assertTrue(caps.contains(new Capability.Multiprotocol(Family.IPV6_UNICAST)));
        assertTrue(caps.contains(new Capability.AddPath(List.of(new Capability.AddPath.Entry(Family.IPV6_UNICAST, AddPathMode.SEND)))));
        assertTrue(caps.contains(new Capability.ExtendedMessage()));
        assertTrue(caps.contains(new Capability.EnhancedRouteRefresh()));
        assertTrue(caps.contains(new Capability.Fqdn("router", "example.net")));
        assertTrue(caps.contains(new Capability.SoftwareVersion("twinbgp 0.1")));
        assertTrue(caps.stream().anyMatch(c -> c instanceof Capability.GracefulRestart g && g.restartTime() == 120));
    }
}
