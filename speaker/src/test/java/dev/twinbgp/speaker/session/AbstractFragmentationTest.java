package dev.twinbgp.speaker.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.bgp.fsm.State;
import dev.twinbgp.bgp.rib.AdjRibIn;
import dev.twinbgp.bgp.rib.Path;
import dev.twinbgp.bgp.rib.Route;
import dev.twinbgp.bgp.wire.attribute.Attribute;
import dev.twinbgp.bgp.wire.attribute.Attributes;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.MessageDecoder;
import dev.twinbgp.bgp.wire.family.Nlri;
import dev.twinbgp.bgp.wire.family.Prefix;
import dev.twinbgp.bgp.wire.Update;
import dev.twinbgp.reactor.ReactorConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The reactor must not care how TCP cuts the stream: a peer that writes every message one byte
 * per segment and a peer that hands 1,000 UPDATEs to the kernel in one write must leave the same
 * Adj-RIB-In behind, on every reactor. The peer is a {@link ScriptedPeer} (blocking sockets, no
 * reactor); the expected Adj-RIB-In is what the codec makes of exactly the bytes it sent. Each
 * subclass names only the reactor.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
abstract class AbstractFragmentationTest {
    static final String SPEAKER = "127.0.0.4";
    static final String PEER = "127.0.0.5";
    static final int UPDATES = 1_000;
    static final int PREFIXES_PER_UPDATE = 4;
    static final int SPEAKER_ROUTES = 500;
    static final int HOLD_TIME = 9;

    enum Delivery { BYTE_BY_BYTE, COALESCED }

    abstract String reactor();

    private BgpSpeaker speaker;
    private ScriptedPeer peer;

    @AfterEach
    void stop() {
        if (peer != null) {
            peer.close();
        }
        if (speaker != null) {
            speaker.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Delivery.class)
    void sameAdjRibInHoweverTheStreamIsCut(Delivery delivery) throws Exception {
        int port = Ports.freeOn(SPEAKER);
        TrafficListener events = new TrafficListener();
        List<Route> ours = TestRoutes.ipv4(40, SPEAKER_ROUTES, 65001, SPEAKER);
        speaker = BgpSpeaker.start(reactor(), ReactorConfig.defaults(), List.of(TestRoutes.peer(PEER, port, SPEAKER,
                TestRoutes.session(65001, 65002, SPEAKER).holdTime(HOLD_TIME).active(false).passive(true).build(), ours)),
                events);
        PeerDriver driver = speaker.peer(PEER);

        peer = ScriptedPeer.connect(PEER, SPEAKER, port, 0);
        peer.handshake(65002, HOLD_TIME, PEER);
        peer.startReading();
        peer.startKeepalives(1_000);
        Await.until("the speaker is Established", () -> driver.state() == State.ESTABLISHED);

        List<byte[]> messages = script();
        switch (delivery) {
            case BYTE_BY_BYTE -> peer.sendByteByByte(messages);
            case COALESCED -> peer.sendCoalesced(messages);
        }

        Map<Prefix, Path> expected = expectedAdjRibIn(messages);
        Await.until("the speaker read the End-of-RIB", Duration.ofSeconds(120),
                () -> events.endOfRibsReceived.get() == 1, () -> "; downs " + events.downs);
        Map<Prefix, Path> got = asMap(driver.query(() -> driver.adjRibIn().routes()).get());
        assertEquals(expected.size(), got.size(), "as many routes as the script leaves");
        assertEquals(expected, got, "same routes with the same attributes as the codec decodes from the sent bytes");

        // Spot checks that do not depend on the codec's reading of its own output.
        assertEquals(UPDATES * PREFIXES_PER_UPDATE - UPDATES / 10, got.size());
        Path last = got.get(prefix(UPDATES - 1, 3));
        assertEquals(new Attribute.MultiExitDisc(UPDATES - 1), last.attributes().med().orElseThrow());
        assertEquals(Attribute.NextHop.of(PEER), last.attributes().nextHop().orElseThrow());
        assertNull(got.get(prefix(8, 0)), "withdrawn by the tenth UPDATE");
        assertEquals(new Attribute.MultiExitDisc(9), got.get(prefix(9, 0)).attributes().med().orElseThrow());

        // The speaker's own table reached the peer intact, and nothing went down.
        Await.until("the peer read the speaker's table and End-of-RIB", () -> peer.endOfRibs.contains(Family.IPV4_UNICAST));
        assertNull(peer.readError, () -> "the peer decoded everything: " + peer.readError);
        Map<Prefix, Path> atPeer = asMap(peer.receivedRoutes());
        assertEquals(SPEAKER_ROUTES, atPeer.size());
        for (Route r : ours) {
            assertEquals(r.path().attributes(), atPeer.get(r.prefix()).attributes().without(Attribute.NEXT_HOP));
        }
        assertEquals(State.ESTABLISHED, driver.state());
        assertTrue(events.downs.isEmpty(), () -> "the session stayed up: " + events.downs);
        assertEquals(1, events.established.get());
    }

    /**
     * 1,000 UPDATEs of 4 /24s each (50.x.y.0/24), every one with its own MED so no two share a path;
     * every tenth also withdraws the first prefix of the one before; then End-of-RIB.
     */
    private static List<byte[]> script() {
        List<byte[]> out = new ArrayList<>(UPDATES + 1);
        for (int i = 0; i < UPDATES; i++) {
            Attributes attrs = Attributes.of(new Attribute.Origin(Attribute.Origin.IGP), Attribute.AsPath.sequence(65002L, 64512L + i % 7),
                    Attribute.NextHop.of(PEER), new Attribute.MultiExitDisc(i),
                    new Attribute.Communities(List.of(65002L << 16 | i, 65002L << 16 | 1)));
            List<Prefix> prefixes = new ArrayList<>(PREFIXES_PER_UPDATE);
            for (int j = 0; j < PREFIXES_PER_UPDATE; j++) {
                prefixes.add(prefix(i, j));
            }
            Nlri withdrawn = i % 10 == 9 ? Nlri.of(Family.IPV4_UNICAST, false, List.of(prefix(i - 1, 0)))
                    : Nlri.empty(Family.IPV4_UNICAST, false);
            out.add(ScriptedPeer.encode(new Update(withdrawn, attrs, Nlri.of(Family.IPV4_UNICAST, false, prefixes))));
        }
        out.add(ScriptedPeer.encode(Update.endOfRib(Family.IPV4_UNICAST)));
        return out;
    }

    private static Prefix prefix(int update, int index) {
        int n = update * PREFIXES_PER_UPDATE + index;
        return Prefix.ipv4(50 << 24 | n << 8, 24);
    }

    private static Map<Prefix, Path> expectedAdjRibIn(List<byte[]> messages) {
        AdjRibIn rib = new AdjRibIn();
        for (byte[] m : messages) {
            rib.apply((Update) MessageDecoder.decode(m, ScriptedPeer.NEGOTIATED).message());
        }
        return asMap(rib.routes());
    }

    private static Map<Prefix, Path> asMap(List<Route> routes) {
        Map<Prefix, Path> map = new HashMap<>();
        routes.forEach(r -> map.put(r.prefix(), r.path()));
        return map;
    }
}
