package dev.twinbgp.speaker.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link UpdateBytes#distinct}: the repeats of a sorted list dropped without a branch, as a set would;
 * {@link UpdateBytes#rankSort}: distinct keys sorted as {@link Arrays#sort} sorts them.
 */
class UpdateBytesDistinctTest {
    @Test
    void dropsRepeatsLikeDistinct() {
        assertDistinct();
        assertDistinct(7);
        assertDistinct(7, 7);
        assertDistinct(1, 2, 3);
        assertDistinct(1, 1, 2, 2, 2, 3, 4, 4);
        assertDistinct(Long.MIN_VALUE, Long.MIN_VALUE, -1, 0, 0, Long.MAX_VALUE, Long.MAX_VALUE);
        SplittableRandom random = new SplittableRandom(18);
        for (int round = 0; round < 10_000; round++) {
            long[] values = new long[random.nextInt(64)];
            for (int i = 0; i < values.length; i++) {
                values[i] = random.nextInt(8) - 4;
            }
            Arrays.sort(values);
            assertDistinct(values);
        }
    }

    @Test
    void ranksSortLikeArraysSort() {
        SplittableRandom random = new SplittableRandom(4);
        for (int round = 0; round < 10_000; round++) {
            int n = random.nextInt(64);
            long[] s = new long[2 * n + 3];
            for (int i = 0; i < n; i++) {
                // a community (u32, few distinct values: repeats) and its place, as UpdateBytes.communities keys them
                s[i] = (random.nextBoolean() ? random.nextLong(1L << 32) : random.nextInt(4)) << 6 | i;
            }
            long[] expected = Arrays.copyOf(s, n);
            Arrays.sort(expected);
            UpdateBytes.rankSort(s, n);
            assertArrayEquals(expected, Arrays.copyOfRange(s, n, 2 * n));
        }
    }

    private static void assertDistinct(long... sorted) {
        long[] s = Arrays.copyOf(sorted, sorted.length + 3); // room after: only s[0 .. n) is read
        int k = UpdateBytes.distinct(s, sorted.length);
        assertArrayEquals(Arrays.stream(sorted).distinct().toArray(), Arrays.copyOf(s, k), Arrays.toString(sorted));
    }
}
