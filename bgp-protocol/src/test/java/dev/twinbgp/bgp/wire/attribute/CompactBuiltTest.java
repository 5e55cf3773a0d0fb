package dev.twinbgp.bgp.wire.attribute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * An Adj-RIB-Out keeps sets built from objects as their octets ({@link Attributes#compactBuilt}): the
 * compact set must be equal to the original both ways, hash alike, decode to the same attributes and
 * encode to the same octets for 4-octet and 2-octet sessions; a set the scanner would not take back
 * verbatim stays as it is.
 */
class CompactBuiltTest {
    private static Attributes randomSet(Random r) {
        List<Attribute> a = new ArrayList<>();
        a.add(new Attribute.Origin(r.nextInt(3)));
        a.add(r.nextBoolean() ? Attribute.AsPath.sequence(65001L, 4_200_000_000L + r.nextInt(1000))
                : Attribute.AsPath.sequence(65001L, (long) r.nextInt(65000) + 1));
        if (r.nextBoolean()) { // else its next hop is in MP_REACH_NLRI (Path.nextHop): no NEXT_HOP
            a.add(new Attribute.NextHop(0xC0000200 | r.nextInt(255)));
        }
        if (r.nextBoolean()) {
            a.add(new Attribute.MultiExitDisc(r.nextInt(100_000)));
        }
        if (r.nextBoolean()) {
            a.add(new Attribute.LocalPref(r.nextInt(1000)));
        }
        if (r.nextInt(4) == 0) {
            a.add(new Attribute.AtomicAggregate());
            a.add(new Attribute.Aggregator(65001L, 0x0A000001));
        }
        if (r.nextBoolean()) {
            List<Long> c = new ArrayList<>();
            for (int i = 0; i <= r.nextInt(4); i++) {
                c.add(65001L << 16 | r.nextInt(65536));
            }
            a.add(new Attribute.Communities(c));
        }
        if (r.nextInt(4) == 0) {
            a.add(new Attribute.ExtendedCommunities(List.of(0x0002FDE900000001L + r.nextInt(10))));
        }
        if (r.nextInt(4) == 0) {
            a.add(new Attribute.LargeCommunities(List.of(new Attribute.LargeCommunity(65001, r.nextInt(10), 2))));
        }
        return Attributes.of(a);
    }

    @Test
    void aCompactSetIsTheSameSet() {
        Random r = new Random(5);
        for (int i = 0; i < 2000; i++) {
            Attributes built = randomSet(r);
            Attributes compact = built.compactBuilt();
            assertEquals(built, compact);
            assertEquals(compact, built);
            assertEquals(built.hashCode(), compact.hashCode());
            assertArrayEquals(built.toByteArray(true), compact.toByteArray(true));
            assertArrayEquals(built.toByteArray(false), compact.toByteArray(false));
            assertEquals(built.list(), compact.list());
            assertEquals(built.toString(), compact.toString());
        }
    }

    @Test
    void aSetTheScannerWouldNotReadBackStaysAsItIs() {
        Attributes unknown = Attributes.of(new Attribute.Origin(0), Attribute.AsPath.sequence(65001L),
                new Attribute.Unknown(Attribute.FLAG_OPTIONAL | Attribute.FLAG_TRANSITIVE, 99, new byte[] {1, 2}));
        assertSame(unknown, unknown.compactBuilt());
        Attributes zeroNextHop = Attributes.of(new Attribute.Origin(0), Attribute.AsPath.sequence(65001L), new Attribute.NextHop(0));
        assertSame(zeroNextHop, zeroNextHop.compactBuilt());
    }
}
