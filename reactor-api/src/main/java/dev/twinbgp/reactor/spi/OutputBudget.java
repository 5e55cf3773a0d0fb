package dev.twinbgp.reactor.spi;

import dev.twinbgp.reactor.OutputOverflowException;
import dev.twinbgp.reactor.ReactorConfig;

/**
 * The output accounting both reactors share, so back-pressure is identical on each. Pending output
 * counts every written buffer in full until its last byte has been handed to the kernel.
 * Mutated on the loop thread only; read from any thread.
 *
 * <pre>
 *   pending:  0 ......... low ......... high ......... max
 *   writable:  true  -->  (stays false until below low)  <-- false once above high
 *   write past max: dropped, connection aborted with OutputOverflowException
 * </pre>
 */
public final class OutputBudget {
    private final long high;
    private final long low;
    private final long max;
    private volatile long pending;
    private volatile boolean writable = true;

    public OutputBudget(ReactorConfig config) {
        this.high = config.writeHighWater();
        this.low = config.writeLowWater();
        this.max = config.maxPendingOutput();
    }

    /** The exception to abort with, or null when {@code bytes} more still fit under the bound. */
    public OutputOverflowException overflow(long bytes) {
        return pending + bytes > max ? new OutputOverflowException(pending, bytes, max) : null;
    }

    /** Counts {@code bytes} more pending; true when this made the connection unwritable. */
    public boolean added(long bytes) {
        pending += bytes;
        if (writable && pending > high) {
            writable = false;
            return true;
        }
        return false;
    }

    /** Counts {@code bytes} as written; true when this made the connection writable again. */
    public boolean removed(long bytes) {
        pending -= bytes;
        if (!writable && pending < low) {
            writable = true;
            return true;
        }
        return false;
    }

    public long pending() {
        return pending;
    }

    public boolean writable() {
        return writable;
    }
}
