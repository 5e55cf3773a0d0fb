package dev.twinbgp.reactor;

import java.io.IOException;

/** A producer ignored back-pressure and went past {@link ReactorConfig#maxPendingOutput()}. */
public final class OutputOverflowException extends IOException {
    public OutputOverflowException(long pending, long adding, long max) {
        super("pending output " + pending + " + " + adding + " bytes would exceed maxPendingOutput " + max);
    }
}
