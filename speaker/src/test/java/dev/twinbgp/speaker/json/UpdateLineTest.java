package dev.twinbgp.speaker.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.bgp.rib.AdjRibOut;
import dev.twinbgp.bgp.rib.Path;
import dev.twinbgp.bgp.rib.Route;
import dev.twinbgp.bgp.wire.attribute.AsPathSegment;
import dev.twinbgp.bgp.wire.attribute.Attribute;
import dev.twinbgp.bgp.wire.attribute.Attributes;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.MessageDecoder;
import dev.twinbgp.bgp.wire.MessageEncoder;
import dev.twinbgp.bgp.wire.capability.Negotiated;
import dev.twinbgp.bgp.wire.family.Nlri;
import dev.twinbgp.bgp.wire.family.Prefix;
import dev.twinbgp.bgp.wire.Update;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The text fast path for UPDATE events writes exactly the line the tree writes, for many kinds of UPDATE. */
class UpdateLineTest {
    private static final NeighborContext N = new NeighborContext("127.0.0.1", "127.0.0.2", 65000, 65001, "10.0.0.1");

    /** Decoded as received (lazy attributes, NLRI over the frame's bytes), like the events of a session. */
    private static List<Update> received(List<Update> built, Negotiated neg) {
        List<Update> out = new ArrayList<>();
        for (Update u : built) {
            out.add((Update) MessageDecoder.decode(MessageEncoder.encode(u, neg), neg).message());
        }
        return out;
    }

    private static List<Update> updates(Negotiated neg) {
        SplittableRandom random = new SplittableRandom(18);
        List<Route> routes = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            List<Attribute> a = new ArrayList<>();
            a.add(new Attribute.Origin(random.nextInt(3)));
            a.add(Attribute.AsPath.sequence(65001L, 64512L + random.nextInt(1000)));
            a.add(new Attribute.MultiExitDisc(random.nextInt(1000)));
            if (random.nextBoolean()) {
                a.add(new Attribute.LocalPref(100 + random.nextInt(100)));
            }
            int communities = random.nextInt(4);
            if (communities > 0) {
                List<Long> values = new ArrayList<>();
                for (int c = 0; c < communities; c++) {
                    values.add(65001L << 16 | random.nextInt(65536));
                }
                a.add(new Attribute.Communities(values));
            }
            if (i % 5 == 0) {
                a.add(new Attribute.AtomicAggregate());
            }
            if (i % 11 == 0) {
                a.add(new Attribute.Aggregator(65001L, 0x0A000001)); // not written as text: the tree's path
            }
            boolean v6 = i % 7 == 0;
            Path path = v6 ? new Path(Attributes.of(a), Prefix.parse("2001:db8::1/128").address())
                    : new Path(Attributes.of(withNextHop(a)));
            for (int k = 0; k < 1 + random.nextInt(5); k++) {
                long id = neg.addPathSend().isEmpty() ? Prefix.NO_PATH_ID : 1 + random.nextInt(5);
                Prefix p = v6 ? Prefix.parse("2001:db8:" + Integer.toHexString(i) + ":" + k + "::/64")
                        : Prefix.ipv4((16 << 24) + (i << 12) + (k << 8), 24);
                routes.add(new Route(id == Prefix.NO_PATH_ID ? p : p.withPathId(id), path));
            }
        }
        List<Update> out = new ArrayList<>(AdjRibOut.announce(routes, neg, true));
        out.addAll(AdjRibOut.withdraw(routes.stream().limit(50).map(Route::prefix).toList(), neg));
        out.add(Update.endOfRib(Family.IPV4_UNICAST));
        return out;
    }

    private static List<Attribute> withNextHop(List<Attribute> a) {
        List<Attribute> out = new ArrayList<>(a);
        out.add(Attribute.NextHop.of("192.0.2.1"));
        return out;
    }

    @Test
    void textAndTreeWriteTheSameLine() {
        for (Negotiated neg : List.of(new Negotiated(true, Set.of(), Set.of(), false),
                new Negotiated(true, Set.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST), Set.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST), false))) {
            List<Update> updates = received(updates(neg), neg);
            int fast = 0;
            for (Instant at : List.of(Instant.ofEpochSecond(1_700_000_000L, 123_456_789), Instant.ofEpochSecond(1_700_000_000L),
                    Instant.ofEpochSecond(1_700_000_001L, 1_000))) {
                ExaJson text = new ExaJson(Clock.fixed(at, ZoneOffset.UTC), new ProcessInfo("host \"q\"", 42, 1));
                ExaJson tree = new ExaJson(Clock.fixed(at, ZoneOffset.UTC), new ProcessInfo("host \"q\"", 42, 1));
                for (Update u : updates) {
                    for (Direction d : Direction.values()) {
                        assertEquals(ExaJson.line(tree.messageTree(u, N, d)), text.message(u, N, d), u.toString());
                        fast += UpdateLine.fits(u) ? 1 : 0;
                    }
                }
            }
            assertTrue(fast > 100, "the fast path was taken: " + fast);
        }
    }

    /**
     * The octets path ({@link UpdateBytes}, the event writer's) writes the tree's line byte for byte: the updates
     * above and every attribute it reads from octets, on 4- and 2-octet AS sessions, with and without ADD-PATH.
     */
    @Test
    void octetsAndTreeWriteTheSameLine() {
        int fast = 0;
        for (Negotiated neg : List.of(new Negotiated(true, Set.of(), Set.of(), false),
                new Negotiated(false, Set.of(), Set.of(), false),
                new Negotiated(true, Set.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST), Set.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST), false))) {
            List<Update> updates = new ArrayList<>(received(updates(neg), neg));
            updates.addAll(received(rare(neg), neg));
            for (Instant at : List.of(Instant.ofEpochSecond(1_700_000_000L, 123_456_789), Instant.ofEpochSecond(1_700_000_000L),
                    Instant.ofEpochSecond(1_700_000_001L, 1_000))) {
                ExaJson bytes = new ExaJson(Clock.fixed(at, ZoneOffset.UTC), new ProcessInfo("h\u00f6st \"q\"", 42, 1));
                ExaJson tree = new ExaJson(Clock.fixed(at, ZoneOffset.UTC), new ProcessInfo("h\u00f6st \"q\"", 42, 1));
                JsonBytes out = new JsonBytes(64);
                for (Update u : updates) {
                    for (Direction d : Direction.values()) {
                        out.append((byte) 'x'); // what a line is appended after stays
                        bytes.message(u, N, d, bytes.stamp(N), out);
                        assertEquals("x" + ExaJson.line(tree.messageTree(u, N, d)), out.toString(), u.toString());
                        out.truncate(0);
                        fast += UpdateBytes.fits(u) ? 1 : 0;
                    }
                }
            }
        }
        assertTrue(fast > 1000, "the octets path was taken: " + fast);
    }

    /** UPDATEs with the attributes a full table seldom has, and odd shapes: one attribute set each. */
    private static List<Update> rare(Negotiated neg) {
        List<List<Attribute>> sets = new ArrayList<>();
        Attribute.NextHop nh = Attribute.NextHop.of("10.1.2.3");
        sets.add(List.of(new Attribute.Origin(1), new Attribute.AsPath(List.of()), nh)); // empty AS_PATH (iBGP)
        sets.add(List.of(new Attribute.Origin(2), new Attribute.AsPath(List.of(AsPathSegment.sequence(1L, 2L),
                AsPathSegment.set(3L, 4L, 3L), new AsPathSegment(AsPathSegment.AS_CONFED_SEQUENCE, List.of(5L)),
                new AsPathSegment(AsPathSegment.AS_CONFED_SET, List.of(6L, 7L)))), nh,
                new Attribute.Aggregator(neg.asn4() ? 4_200_000_000L : 65000L, 0xC0000201),
                new Attribute.Communities(List.of(65001L << 16 | 7, 65001L << 16 | 3, 65001L << 16 | 7, 0xFFFFFF01L)),
                new Attribute.OriginatorId(0x0A0B0C0D), new Attribute.ClusterList(List.of(0x01020304, 0xFFFFFFFF, 0x01020304)),
                new Attribute.ExtendedCommunities(List.of(0x0002FDE900000001L, 0x8000000000000001L, 0x0002FDE900000001L,
                        0x0102C00002010064L, 0x800A0102030405DCL, -1L)),
                new Attribute.LargeCommunities(List.of(new Attribute.LargeCommunity(65001, 2, 3),
                        new Attribute.LargeCommunity(65001, 1, 9), new Attribute.LargeCommunity(4_294_967_295L, 0, 0),
                        new Attribute.LargeCommunity(65001, 1, 9), new Attribute.LargeCommunity(65001, 1, 8)))));
        sets.add(List.of(new Attribute.Origin(0), Attribute.AsPath.sequence(4_294_967_295L > 0xFFFF && !neg.asn4() ? 65535L
                : 4_294_967_295L), nh, new Attribute.MultiExitDisc(4_294_967_295L), new Attribute.LocalPref(0),
                new Attribute.AtomicAggregate()));
        List<Update> out = new ArrayList<>();
        boolean ids = !neg.addPathSend().isEmpty();
        int i = 0;
        for (List<Attribute> a : sets) {
            List<Route> routes = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                Prefix p = Prefix.ipv4((20 << 24) + (i << 16) + (k << 8), k == 2 ? 32 : 24 - k * 8);
                routes.add(new Route(ids ? p.withPathId(k == 1 ? 0 : 4_000_000_000L) : p, new Path(Attributes.of(a))));
            }
            i++;
            out.addAll(AdjRibOut.announce(routes, neg, true));
            // withdrawals and announcements in one UPDATE: the attribute object then shows the next hop
            Nlri withdrawn = Nlri.of(Family.IPV4_UNICAST, ids, List.of(ids ? Prefix.ipv4(0x0A000000, 8).withPathId(2)
                    : Prefix.ipv4(0x0A000000, 8), ids ? Prefix.ipv4(0, 0).withPathId(3) : Prefix.ipv4(0, 0)));
            Nlri announced = Nlri.of(Family.IPV4_UNICAST, ids, routes.stream().map(Route::prefix).toList());
            out.add(new Update(withdrawn, Attributes.of(a), announced));
        }
        // attributes and no route at all (not an End-of-RIB): only NEXT_HOP, nothing to show but "{ }"
        out.add(new Update(Nlri.empty(Family.IPV4_UNICAST, ids), Attributes.of(nh), Nlri.empty(Family.IPV4_UNICAST, ids)));
        out.add(new Update(Nlri.empty(Family.IPV4_UNICAST, ids), Attributes.of(new Attribute.Origin(0)),
                Nlri.empty(Family.IPV4_UNICAST, ids)));
        return out;
    }

    /** Random attribute sets of every type the octets path reads, random values: the same line as the tree. */
    @Test
    void octetsAndTreeAgreeOnRandomAttributeSets() {
        SplittableRandom random = new SplittableRandom(1807);
        int fast = 0;
        for (Negotiated neg : List.of(new Negotiated(true, Set.of(), Set.of(), false), new Negotiated(false, Set.of(), Set.of(), false))) {
            long maxAs = neg.asn4() ? 0xFFFFFFFFL : 0xFFFFL;
            List<Route> routes = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                List<Attribute> a = new ArrayList<>();
                a.add(new Attribute.Origin(random.nextInt(3)));
                List<AsPathSegment> segments = new ArrayList<>();
                for (int k = random.nextInt(4); k > 0; k--) {
                    List<Long> asns = new ArrayList<>();
                    for (int n = 1 + random.nextInt(6); n > 0; n--) {
                        asns.add(random.nextLong(maxAs + 1));
                    }
                    segments.add(new AsPathSegment(1 + random.nextInt(4), asns));
                }
                a.add(new Attribute.AsPath(segments));
                a.add(new Attribute.NextHop(0x01000000 + random.nextInt(0x5F000000)));
                if (random.nextBoolean()) {
                    a.add(new Attribute.MultiExitDisc(random.nextLong(0x100000000L)));
                }
                if (random.nextBoolean()) {
                    a.add(new Attribute.LocalPref(random.nextLong(0x100000000L)));
                }
                if (random.nextInt(4) == 0) {
                    a.add(new Attribute.AtomicAggregate());
                }
                if (random.nextInt(4) == 0) {
                    a.add(new Attribute.Aggregator(random.nextLong(maxAs + 1), random.nextInt()));
                }
                List<Long> communities = new ArrayList<>();
                for (int n = random.nextInt(8); n > 0; n--) {
                    communities.add(random.nextInt(3) == 0 && !communities.isEmpty() ? communities.get(0) : random.nextLong(0x100000000L));
                }
                if (!communities.isEmpty()) {
                    a.add(new Attribute.Communities(communities));
                }
                if (random.nextInt(3) == 0) {
                    a.add(new Attribute.OriginatorId(random.nextInt()));
                    a.add(new Attribute.ClusterList(List.of(random.nextInt(), random.nextInt())));
                }
                List<Long> extended = new ArrayList<>();
                for (int n = random.nextInt(5); n > 0; n--) {
                    // the types ExtendedCommunityText names, and anything else
                    long type = switch (random.nextInt(6)) {
                        case 0 -> 0x0002L;
                        case 1 -> 0x0102L;
                        case 2 -> 0x0203L;
                        case 3 -> 0x800AL;
                        case 4 -> 0x8006L;
                        default -> random.nextLong(0x10000L);
                    };
                    extended.add(type << 48 | random.nextLong(1L << 48));
                }
                if (!extended.isEmpty()) {
                    a.add(new Attribute.ExtendedCommunities(extended));
                }
                List<Attribute.LargeCommunity> large = new ArrayList<>();
                for (int n = random.nextInt(4); n > 0; n--) {
                    large.add(new Attribute.LargeCommunity(random.nextInt(3), random.nextInt(3), random.nextLong(0x100000000L)));
                }
                if (!large.isEmpty()) {
                    a.add(new Attribute.LargeCommunities(large));
                }
                routes.add(new Route(Prefix.ipv4((30 << 24) + (i << 8), 24), new Path(Attributes.of(a))));
            }
            List<Update> updates = received(AdjRibOut.announce(routes, neg, true), neg);
            ExaJson bytes = new ExaJson(Clock.fixed(Instant.ofEpochSecond(1_700_000_000L, 5_000), ZoneOffset.UTC), new ProcessInfo("h", 1, 1));
            ExaJson tree = new ExaJson(Clock.fixed(Instant.ofEpochSecond(1_700_000_000L, 5_000), ZoneOffset.UTC), new ProcessInfo("h", 1, 1));
            JsonBytes out = new JsonBytes(64);
            for (Update u : updates) {
                out.truncate(0);
                bytes.message(u, N, Direction.IN, bytes.stamp(N), out);
                assertEquals(ExaJson.line(tree.messageTree(u, N, Direction.IN)), out.toString(), u.toString());
                fast += UpdateBytes.fits(u) ? 1 : 0;
            }
        }
        assertTrue(fast > 2_000, "the octets path was taken: " + fast);
    }
}
