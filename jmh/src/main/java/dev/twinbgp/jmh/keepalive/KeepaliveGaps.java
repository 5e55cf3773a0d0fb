package dev.twinbgp.jmh.keepalive;

import java.util.Arrays;

/**
 * Gaps between consecutive KEEPALIVE arrivals that cover a window, and their statistics.
 *
 * <pre>
 *   arrivals:   a0        a1     a2          a3        a4
 *   window:          [from ........................ to]
 *   gaps:           a1-a0, a2-a1, a3-a2, a4-a3   (a0: the last arrival at or before from,
 *                                                 a4: the first at or after to)
 * </pre>
 *
 * Including the gaps that straddle the window's ends means a KEEPALIVE held back by the load counts
 * in full, even when the load ended before it finally arrived.
 */
final class KeepaliveGaps {
    private KeepaliveGaps() {
    }

    /**
     * Gaps in nanoseconds over {@code [from, to]}.
     *
     * @throws IllegalArgumentException when no arrival is at or after {@code to} (the caller waits for one)
     */
    static long[] covering(long[] arrivals, long from, long to) {
        int first = 0;
        while (first + 1 < arrivals.length && arrivals[first + 1] <= from) {
            first++;
        }
        int last = first;
        while (last < arrivals.length && arrivals[last] < to) {
            last++;
        }
        if (last == arrivals.length) {
            throw new IllegalArgumentException("no KEEPALIVE arrived at or after the window's end");
        }
        long[] gaps = new long[last - first];
        for (int i = first; i < last; i++) {
            gaps[i - first] = arrivals[i + 1] - arrivals[i];
        }
        return gaps;
    }

    static long max(long[] gaps) {
        return Arrays.stream(gaps).max().orElse(0);
    }

    /** The nearest-rank percentile ({@code p} in 0..100] of {@code gaps}; 0 for none. */
    static long percentile(long[] gaps, double p) {
        if (gaps.length == 0) {
            return 0;
        }
        long[] sorted = gaps.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
