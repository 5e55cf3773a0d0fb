package dev.twinbgp.reactor.virtual;

/**
 * Size of a connection's next read buffer. A reader thread parked in a blocking read holds its
 * buffer, so 10,000 idle sessions would pin 10,000 full-size buffers; instead the buffer starts
 * small and adapts (as Netty's AdaptiveRecvByteBufAllocator does): a read that fills it doubles
 * the next one, up to {@code max}; two reads in a row that use less than half of it halve it,
 * down to {@code min}. Reader thread only.
 *
 * <pre>
 *   min (2 KiB) --full read--> x2 --full read--> ... max (readBudgetBytes, at most 64 KiB)
 *   max --two reads under half--> /2 --...--> min
 * </pre>
 */
final class ReadSizer {
    static final int MIN = 2048;
    private final int min;
    private final int max;
    private int size;
    private int smallReads;

    ReadSizer(int readBudgetBytes) {
        this.max = Math.max(1, Math.min(readBudgetBytes, 64 * 1024));
        this.min = Math.min(MIN, max);
        this.size = min;
    }

    int next() {
        return size;
    }

    /** A read of {@code n} bytes into a buffer of {@link #next()} bytes completed. */
    void record(int n) {
        if (n >= size) {
            size = Math.min(max, size * 2);
            smallReads = 0;
        } else if (n < size / 2 && size > min) {
            if (++smallReads >= 2) {
                size = Math.max(min, size / 2);
                smallReads = 0;
            }
        } else {
            smallReads = 0;
        }
    }
}
