package dev.twinbgp.bgp.wire.attribute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The int[]-backed AS number and community lists behave as the immutable lists they replace. */
class U32ListTest {
    @Test
    void equalsHashesAndReadsLikeAnyListOfTheSameValues() {
        List<Long> plain = List.of(0L, 1L, 65535L, 4_200_000_000L, 0xFFFF_FFFFL);
        U32List compact = U32List.copyOf(plain);
        assertEquals(plain, compact);
        assertEquals(compact, plain);
        assertEquals(plain.hashCode(), compact.hashCode());
        assertEquals(plain, new ArrayList<>(compact));
        assertEquals(4_200_000_000L, compact.get(3));
        assertSame(compact, U32List.copyOf(compact));
        assertEquals(new Attribute.Communities(plain), new Attribute.Communities(compact));
        assertEquals(AsPathSegment.sequence(1L, 4_200_000_000L), new AsPathSegment(AsPathSegment.AS_SEQUENCE,
                U32List.wrap(new int[] {1, (int) 4_200_000_000L})));
    }

    @Test
    void isImmutableAndRejectsWhatListCopyOfAndTheRangeCheckRejected() {
        U32List compact = U32List.copyOf(List.of(1L, 2L));
        assertThrows(UnsupportedOperationException.class, () -> compact.add(3L));
        assertThrows(UnsupportedOperationException.class, () -> compact.set(0, 3L));
        assertThrows(NullPointerException.class, () -> U32List.copyOf(Arrays.asList(1L, null)));
        assertThrows(IllegalArgumentException.class, () -> new Attribute.Communities(List.of(-1L)));
        assertThrows(IllegalArgumentException.class, () -> new Attribute.Communities(List.of(0x1_0000_0000L)));
        assertThrows(IllegalArgumentException.class, () -> AsPathSegment.sequence(0x1_0000_0000L));
        assertThrows(IndexOutOfBoundsException.class, () -> compact.get(2));
    }

    @Test
    void communitiesFromUnboxedValuesAreTheCommunitiesOfTheirList() {
        long[] values = {0L, 65535L, 4_200_000_000L, 0xFFFF_FFFFL};
        Attribute.Communities c = Attribute.Communities.of(values);
        assertEquals(new Attribute.Communities(List.of(0L, 65535L, 4_200_000_000L, 0xFFFF_FFFFL)), c);
        assertEquals(List.of(0L, 65535L, 4_200_000_000L, 0xFFFF_FFFFL).hashCode(), c.values().hashCode());
        values[0] = 7L; // a copy: the caller's array is its own
        assertEquals(0L, c.values().get(0));
        assertEquals(new Attribute.Communities(List.of()), Attribute.Communities.of());
        assertThrows(IllegalArgumentException.class, () -> Attribute.Communities.of(-1L));
        assertThrows(IllegalArgumentException.class, () -> Attribute.Communities.of(1L, 0x1_0000_0000L));
    }
}
