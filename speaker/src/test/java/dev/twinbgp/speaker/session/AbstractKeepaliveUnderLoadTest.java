package dev.twinbgp.speaker.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.bgp.fsm.State;
import dev.twinbgp.bgp.rib.Path;
import dev.twinbgp.bgp.rib.Route;
import dev.twinbgp.bgp.wire.attribute.Attribute;
import dev.twinbgp.bgp.wire.attribute.Attributes;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.family.Prefix;
import dev.twinbgp.reactor.ReactorConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 7, benchmark 3 as a test: two speakers, two sessions between them, each speaker on one loop
 * thread. While a large diverse table is announced on session 1, session 2 (hold time 3 s, a
 * KEEPALIVE every second) must stay up and keep receiving KEEPALIVEs both ways (the table is sent
 * in rounds until at least two KEEPALIVEs each way fell inside a round). Before the requests
 * and the pump were bounded per loop turn, the announce was one loop task of seconds and session 2
 * was dropped by its hold timer. Counts only, never timings. Each subclass names the two reactors.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
abstract class AbstractKeepaliveUnderLoadTest {
    static final String A_TABLE = "127.0.0.42";
    static final String B_TABLE = "127.0.0.43";
    static final String A_KEEP = "127.0.0.44";
    static final String B_KEEP = "127.0.0.45";
    static final int ROUTES = 200_000;
    /** Enough rounds for a few keepalive intervals on any machine; a fast one needs two or three. */
    static final int MAX_ROUNDS = 30;

    abstract String reactorA();

    abstract String reactorB();

    private final List<BgpSpeaker> speakers = new ArrayList<>();

    @AfterEach
    void stop() {
        speakers.forEach(BgpSpeaker::close);
    }

    @Test
    void keepalivesFlowWhileAFullTableStreams() throws Exception {
        int port = Ports.freeOn(A_TABLE, B_TABLE, A_KEEP, B_KEEP);
        RecordingListener aTable = new RecordingListener();
        RecordingListener aKeep = new RecordingListener();
        RecordingListener bTable = new RecordingListener();
        RecordingListener bKeep = new RecordingListener();
        BgpSpeaker b = start(reactorB(), List.of(
                TestRoutes.peer(A_TABLE, port, B_TABLE, session(65002, 65001, B_TABLE, 90).active(false).passive(true).build(), List.of()),
                TestRoutes.peer(A_KEEP, port, B_KEEP, session(65002, 65001, B_TABLE, 3).active(false).passive(true).build(), List.of())),
                new ByPeer(Map.of(A_TABLE, bTable, A_KEEP, bKeep)));
        BgpSpeaker a = start(reactorA(), List.of(
                TestRoutes.peer(B_TABLE, port, A_TABLE, session(65001, 65002, A_TABLE, 90).active(true).passive(false).build(), List.of()),
                TestRoutes.peer(B_KEEP, port, A_KEEP, session(65001, 65002, A_TABLE, 3).active(true).passive(false).build(), List.of())),
                new ByPeer(Map.of(B_TABLE, aTable, B_KEEP, aKeep)));
        PeerDriver table = a.peer(B_TABLE);
        PeerDriver tableIn = b.peer(A_TABLE);
        PeerDriver keepA = a.peer(B_KEEP);
        PeerDriver keepB = b.peer(A_KEEP);
        Await.until("all four ends Established", () -> table.state() == State.ESTABLISHED && tableIn.state() == State.ESTABLISHED
                && keepA.state() == State.ESTABLISHED && keepB.state() == State.ESTABLISHED);

        // The table streams in rounds (each re-announces every route with a new MED) until each end
        // of session 2 has read at least two KEEPALIVEs *while* a round was in flight (from the
        // announce call until B holds that round's last route), however fast this machine is.
        int fromBDuring = 0;
        int fromADuring = 0;
        for (int round = 0; round < MAX_ROUNDS && (fromBDuring < 2 || fromADuring < 2); round++) {
            List<Route> routes = diverse(ROUTES, A_TABLE, round);
            Route lastRoute = routes.get(routes.size() - 1);
            int fromB = aKeep.keepalivesReceived.get();
            int fromA = bKeep.keepalivesReceived.get();
            table.announce(routes);
            // UPDATEs go out in order and the last route is in the last one: when B has it, B has all.
            Await.until("B holds round " + round, Await.LONG, () -> med(lastRoute.path()).equals(med(pathAt(tableIn, lastRoute.prefix()))),
                    () -> "B holds " + AbstractSpeakerPairTest.size(tableIn) + ", A's Adj-RIB-Out " + outSize(table)
                            + ", downs " + aTable.downs + bTable.downs);
            fromBDuring += aKeep.keepalivesReceived.get() - fromB;
            fromADuring += bKeep.keepalivesReceived.get() - fromA;
        }
        assertEquals(ROUTES, AbstractSpeakerPairTest.size(tableIn));
        assertTrue(aKeep.downs.isEmpty() && bKeep.downs.isEmpty(), () -> "session 2 went down: " + aKeep.downs + bKeep.downs);
        assertTrue(aTable.downs.isEmpty() && bTable.downs.isEmpty(), () -> "session 1 went down: " + aTable.downs + bTable.downs);
        assertEquals(1, aKeep.established.get());
        assertEquals(1, bKeep.established.get());
        int kaFromB = fromBDuring;
        int kaFromA = fromADuring;
        assertTrue(kaFromB >= 2, () -> "A's loop read " + kaFromB + " KEEPALIVEs of session 2 while the table streamed");
        assertTrue(kaFromA >= 2, () -> "B's loop read " + kaFromA + " KEEPALIVEs A sent on session 2 while the table streamed");
        assertEquals(State.ESTABLISHED, keepA.state());
        assertEquals(State.ESTABLISHED, keepB.state());
    }

    private static java.util.Optional<Attribute.MultiExitDisc> med(Path path) {
        return path == null ? java.util.Optional.empty() : path.attributes().get(Attribute.MultiExitDisc.class);
    }

    private static Path pathAt(PeerDriver p, Prefix prefix) {
        try {
            return p.query(() -> p.adjRibIn().get(prefix)).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static int outSize(PeerDriver p) {
        try {
            return p.query(() -> p.adjRibOut().size()).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private BgpSpeaker start(String reactor, List<PeerSettings> peers, SessionListener listener) throws Exception {
        BgpSpeaker s = BgpSpeaker.start(reactor, ReactorConfig.defaults(), peers, listener);
        speakers.add(s);
        return s;
    }

    private static dev.twinbgp.bgp.fsm.SessionConfig.Builder session(long localAs, long peerAs, String routerId, int holdTime) {
        return TestRoutes.session(localAs, peerAs, routerId).holdTime(holdTime).families(List.of(Family.IPV4_UNICAST));
    }

    /** About 4 prefixes per attribute set: AS_PATH lengths 1-10, 0-6 communities, MED varied. */
    static List<Route> diverse(int count, String nextHop, int round) {
        byte[] hop = TestRoutes.address(nextHop).getAddress();
        List<Route> out = new ArrayList<>(count);
        Path path = null;
        for (int i = 0; i < count; i++) {
            if (i % 4 == 0) {
                int set = i / 4;
                Long[] asns = new Long[1 + set % 10];
                for (int k = 0; k < asns.length; k++) {
                    asns[k] = 64512L + (set + k) % 1000;
                }
                List<Long> communities = new ArrayList<>();
                for (int k = 0; k < set % 7; k++) {
                    communities.add(65001L << 16 | (set + k) % 65536);
                }
                // No COMMUNITIES attribute rather than an empty one (RFC 7606 section 7.8: treat-as-withdraw).
                Attributes attrs = communities.isEmpty()
                        ? Attributes.of(new Attribute.Origin(Attribute.Origin.IGP), Attribute.AsPath.sequence(asns),
                                new Attribute.MultiExitDisc(round * 100_000L + set))
                        : Attributes.of(new Attribute.Origin(Attribute.Origin.IGP), Attribute.AsPath.sequence(asns),
                                new Attribute.MultiExitDisc(round * 100_000L + set), new Attribute.Communities(communities));
                path = new Path(attrs, hop);
            }
            out.add(new Route(Prefix.ipv4(0x0A00_0000 + (i << 8), 24), path));
        }
        return out;
    }

    /** One speaker's listener that hands each peer's events to that peer's recorder. */
    private record ByPeer(Map<String, RecordingListener> byPeer) implements SessionListener {
        private SessionListener of(PeerDriver peer) {
            return byPeer.get(peer.name());
        }

        @Override
        public void stateChanged(PeerDriver peer, State from, State to) {
            of(peer).stateChanged(peer, from, to);
        }

        @Override
        public void established(PeerDriver peer, dev.twinbgp.bgp.fsm.Session session) {
            of(peer).established(peer, session);
        }

        @Override
        public void down(PeerDriver peer, String reason, dev.twinbgp.bgp.wire.Notification notification, boolean wasEstablished) {
            of(peer).down(peer, reason, notification, wasEstablished);
        }

        @Override
        public void received(PeerDriver peer, dev.twinbgp.bgp.wire.BgpMessage message) {
            of(peer).received(peer, message);
        }

        @Override
        public void sent(PeerDriver peer, dev.twinbgp.bgp.wire.BgpMessage message) {
            of(peer).sent(peer, message);
        }
    }
}
