package dev.twinbgp.speaker.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link UpdateBytes#distinct}: the repeats of a sorted list dropped without a branch, as a set would. */
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

    private static void assertDistinct(long... sorted) {
        long[] s = Arrays.copyOf(sorted, sorted.length + 3); // room after: only s[0 .. n) is read
        int k = UpdateBytes.distinct(s, sorted.length);
        assertArrayEquals(Arrays.stream(sorted).distinct().toArray(), Arrays.copyOf(s, k), Arrays.toString(sorted));
    }
}
