package dev.twinbgp.reactor;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * A set of event loops that own TCP connections. Every callback of one connection runs on that
 * connection's loop thread, so code driven by a {@link ConnectionHandler} needs no locks.
 * All methods may be called from any thread.
 *
 * <p>Closing: once {@link #close()} has begun the reactor is closed. {@code connect} then throws
 * {@link IllegalStateException} ({@code "reactor closed"}) - no loop is left to call a handler back on - and
 * {@code listen} throws an {@link IOException}. A call racing {@code close()} either throws so, or is accepted
 * and then ends like any other before {@code close()} returns: an accepted connect gets exactly one of
 * {@code onOpen} (then {@code onClose}) or {@code onConnectFailed} (an {@link IOException} saying the reactor
 * closed; see {@link PendingConnect#cancel()}), and an accepted listener is closed. Tasks and timers: see
 * {@link EventLoop}.
 */
public interface Reactor extends AutoCloseable {

    /** The name it is registered under ({@code selector}, {@code netty}). */
    String name();

    /**
     * Binds and listens; each accepted connection gets a handler from {@code factory} (called on
     * the loop that will own the connection) and then {@code onOpen}.
     *
     * @throws IOException when the address cannot be bound, or the reactor is closed ({@code "reactor closed"})
     */
    Listener listen(InetSocketAddress local, HandlerFactory factory) throws IOException;

    /**
     * Opens an outgoing connection on {@link #nextLoop()}. Exactly one of {@code onOpen} or
     * {@code onConnectFailed} follows, on the loop thread: refused gives a
     * {@link java.net.ConnectException}, timeout a {@link java.net.SocketTimeoutException} - unless the attempt
     * is cancelled first through the returned {@link PendingConnect}, after which neither follows. A reactor
     * that closes while the attempt is pending fails it ({@code onConnectFailed}, an {@link IOException}).
     *
     * @param localBind local address (and port, 0 = any) to bind before connecting, or null
     * @return the attempt, to {@link PendingConnect#cancel() cancel} while it is pending
     * @throws IllegalStateException when the reactor is closed (or its loop has stopped): no callback follows
     */
    default PendingConnect connect(InetSocketAddress remote, InetSocketAddress localBind, ConnectionHandler handler, Duration timeout) {
        return connect(nextLoop(), remote, localBind, handler, timeout);
    }

    /** As {@link #connect(InetSocketAddress, InetSocketAddress, ConnectionHandler, Duration)} on a chosen loop of this reactor. */
    default PendingConnect connect(EventLoop loop, InetSocketAddress remote, InetSocketAddress localBind, ConnectionHandler handler,
                                   Duration timeout) {
        return connect(loop, remote, localBind, handler, timeout, SocketOptions.NONE);
    }

    /**
     * As {@link #connect(EventLoop, InetSocketAddress, InetSocketAddress, ConnectionHandler, Duration)}, with
     * {@code options} set on the socket before it connects (the MD5 key is the one for {@code remote}). When the
     * host cannot set them ({@link dev.twinbgp.reactor.sockopt.LinuxSockets#unavailable()}), or the kernel refuses
     * them, {@code onConnectFailed} gets an {@link IOException} saying so and nothing is sent.
     */
    PendingConnect connect(EventLoop loop, InetSocketAddress remote, InetSocketAddress localBind, ConnectionHandler handler,
                           Duration timeout, SocketOptions options);

    /** A loop of this reactor, round-robin; use it to run timers and tasks beside the connections. */
    EventLoop nextLoop();

    /**
     * Closes listeners and connections ({@code onClose(conn, null)}), fails the connects still pending
     * ({@code onConnectFailed}), stops and joins the loop threads. Idempotent.
     */
    @Override
    void close();
}
