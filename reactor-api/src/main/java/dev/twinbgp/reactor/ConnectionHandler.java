package dev.twinbgp.reactor;

import java.nio.ByteBuffer;

/**
 * Callbacks of one connection, all on its loop thread, never concurrently. If a callback throws,
 * the connection (only that one) is aborted and {@code onClose} gets the exception.
 */
public interface ConnectionHandler {

    /** The connection is established; writes may start. */
    default void onOpen(Connection connection) {
    }

    /**
     * Bytes arrived. {@code data} is only valid during the call (the reactor reuses it): consume or
     * copy what is needed before returning. Chunking follows TCP, not message boundaries.
     */
    void onData(Connection connection, ByteBuffer data);

    /** Pending output crossed a water mark (see {@link Connection}). */
    default void onWritabilityChanged(Connection connection, boolean writable) {
    }

    /**
     * Called exactly once after {@code onOpen}. {@code cause} is null for a local
     * {@code close()}/{@code abort()} or reactor shutdown, a {@link java.io.EOFException} when the
     * peer closed, the exception otherwise.
     */
    void onClose(Connection connection, Throwable cause);

    /** An outgoing connection could not be established (instead of onOpen/onClose); never after a successful {@link PendingConnect#cancel()}. */
    default void onConnectFailed(Throwable cause) {
    }
}
