package dev.twinbgp.bgp.wire.attribute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.family.Nlri;
import dev.twinbgp.bgp.wire.family.Prefix;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** {@link Attributes#of} sorts by type code and refuses what an attribute list may not hold. */
class AttributesOfTest {
    private static final Attribute ORIGIN = Attribute.Origin.of(Attribute.Origin.IGP);
    private static final Attribute PATH = Attribute.AsPath.sequence(65001L);
    private static final Attribute NEXT_HOP = Attribute.NextHop.of("192.0.2.1");
    private static final Attribute MED = new Attribute.MultiExitDisc(5);
    private static final Attribute COMMUNITIES = Attribute.Communities.of(65001L << 16 | 5);

    @Test
    void anyOrderGivesTheListSortedByTypeCode() {
        List<Attribute> sorted = List.of(ORIGIN, PATH, NEXT_HOP, MED, COMMUNITIES);
        assertEquals(sorted, Attributes.of(sorted).list());
        assertEquals(sorted, Attributes.of(List.of(COMMUNITIES, MED, NEXT_HOP, PATH, ORIGIN)).list());
        assertEquals(sorted, Attributes.of(List.of(NEXT_HOP, ORIGIN, COMMUNITIES, PATH, MED)).list());
        TreeMap<Integer, Attribute> byCode = new TreeMap<>();
        sorted.forEach(a -> byCode.put(a.typeCode(), a));
        assertEquals(sorted, Attributes.of(byCode.values()).list()); // a mapping's: a collection, not a list
        assertEquals(List.of(), Attributes.of(List.of()).list());
        assertEquals(List.of(MED), Attributes.of(List.of(MED)).list());
        assertEquals(List.of(ORIGIN, MED), Attributes.of(List.of(MED, ORIGIN)).list());
    }

    @Test
    void theListIsItsOwn() {
        List<Attribute> given = new ArrayList<>(List.of(ORIGIN, MED));
        Attributes attributes = Attributes.of(given);
        given.set(0, PATH);
        assertEquals(List.of(ORIGIN, MED), attributes.list());
        assertThrows(UnsupportedOperationException.class, () -> attributes.list().add(PATH));
    }

    @Test
    void refusesDuplicatesMultiprotocolAttributesAndNulls() {
        var duplicate = assertThrows(IllegalArgumentException.class,
                () -> Attributes.of(List.of(MED, ORIGIN, new Attribute.MultiExitDisc(6))));
        assertEquals("duplicate attribute " + Attribute.name(Attribute.MULTI_EXIT_DISC), duplicate.getMessage());
        Attribute reach = new Attribute.MpReach(Family.IPV6_UNICAST, new byte[16],
                Nlri.of(Family.IPV6_UNICAST, false, List.of(Prefix.parse("2001:db8::/32"))));
        assertThrows(IllegalArgumentException.class, () -> Attributes.of(List.of(ORIGIN, reach)));
        assertThrows(NullPointerException.class, () -> Attributes.of(java.util.Arrays.asList(ORIGIN, null)));
    }

    @Test
    void originsAreSharedAndRangeChecked() {
        for (int v = 0; v <= 2; v++) {
            assertEquals(new Attribute.Origin(v), Attribute.Origin.of(v));
            assertSame(Attribute.Origin.of(v), Attribute.Origin.of(v));
        }
        assertThrows(IllegalArgumentException.class, () -> Attribute.Origin.of(3));
        assertThrows(IllegalArgumentException.class, () -> Attribute.Origin.of(-1));
    }
}
