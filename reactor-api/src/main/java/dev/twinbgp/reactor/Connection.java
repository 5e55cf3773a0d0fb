package dev.twinbgp.reactor;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * One TCP connection owned by one {@link EventLoop}. Methods may be called from any thread: off
 * the loop they are queued onto it (so they take effect later, in call order).
 *
 * <p>Output bound: pending output is what was written but not yet accepted by the kernel. Above
 * {@link ReactorConfig#writeHighWater()} the handler gets {@code onWritabilityChanged(false)}, below
 * {@link ReactorConfig#writeLowWater()} {@code true} again. A write that would take it past
 * {@link ReactorConfig#maxPendingOutput()} is dropped and the connection aborted with an
 * {@link OutputOverflowException} ({@code onClose} with it as cause).
 */
public interface Connection {

    /** Sends the buffer's remaining bytes; takes ownership of it (do not touch it afterwards). */
    void write(ByteBuffer data);

    /** Graceful: stops reading, flushes pending output, then closes ({@code onClose(conn, null)}). */
    void close();

    /** Immediate: drops pending output and closes now ({@code onClose(conn, null)}). */
    void abort();

    /** Stops delivering {@code onData} until {@link #resumeReading()} (TCP then pushes back on the peer). */
    void pauseReading();

    void resumeReading();

    /** False between crossing the high-water mark and falling back under the low-water mark. */
    boolean isWritable();

    /**
     * Bytes written but not yet handed to the kernel. It may count bytes the kernel has just taken until the
     * loop hears of it (the virtual reactor's writer thread tells its loop after each write): it never
     * under-counts, and it reaches 0 on the loop once everything went out.
     */
    long pendingOutputBytes();

    /**
     * False once {@code close()} or {@code abort()} was called, the connection closed, or a write failed
     * (it may still deliver what the peer sent before: see {@link ConnectionHandler#onClose}). Writes made
     * while it is false are dropped.
     */
    boolean isOpen();

    InetSocketAddress localAddress();

    InetSocketAddress remoteAddress();

    EventLoop loop();
}
