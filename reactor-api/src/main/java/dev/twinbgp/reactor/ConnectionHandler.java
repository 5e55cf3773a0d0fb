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
     *
     * <p>A failed write does not end the connection at once. After a peer's RST (it closed with our bytes
     * unread, or with SO_LINGER 0) a write fails (ECONNRESET, EPIPE), but the kernel keeps what the peer sent
     * before the RST readable - often its last messages, saying why it left. So a write
     * failure stops output only: {@link Connection#isOpen()} and {@link Connection#isWritable()} turn false,
     * pending and later writes are dropped, and {@code onData} goes on delivering the rest, still under
     * {@link Connection#pauseReading()}, until the read side ends (EOF or a read error); then {@code onClose}
     * gets the connection's first failure: the write's exception, or the read side's end if the reactor met
     * that first (Netty's epoll transport reads a reset socket ahead of a paused handler and holds the bytes).
     * A handler that keeps reading paused keeps such a connection (its business: its own timeout closes
     * it); a local {@code close()}/{@code abort()} meanwhile closes at once, {@code cause} null.
     */
    void onClose(Connection connection, Throwable cause);

    /** An outgoing connection could not be established (instead of onOpen/onClose); never after a successful {@link PendingConnect#cancel()}. */
    default void onConnectFailed(Throwable cause) {
    }
}
