package dev.twinbgp.reactor.netty;

import dev.twinbgp.reactor.ConnectionHandler;
import dev.twinbgp.reactor.PendingConnect;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ConnectTimeoutException;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An outgoing connect on one Netty loop, begun there by {@link #start}. {@code decided} is claimed once: by
 * {@code NettyConnection.channelActive} (onOpen), by a failure or the reactor closing (onConnectFailed) - all
 * three on the loop - or by {@link #cancel()} from any thread (nothing reaches the handler).
 */
final class NettyConnect implements PendingConnect {
    private static final Logger LOG = LoggerFactory.getLogger(NettyConnect.class);

    private final NettyLoop loop;
    private final InetSocketAddress remote;
    private final InetSocketAddress localBind;
    private final ConnectionHandler handler;
    private final Duration timeout;
    /** Shared with the attempt's NettyConnection, whose channelActive claims it for onOpen. */
    final AtomicBoolean decided = new AtomicBoolean();
    private volatile Channel channel;
    /** Tells the reactor that the loop took the attempt up (see {@link #neverBegun()}). */
    private final Runnable begun;

    NettyConnect(NettyLoop loop, InetSocketAddress remote, InetSocketAddress localBind, ConnectionHandler handler, Duration timeout,
                 java.util.function.Consumer<NettyConnect> begun) {
        this.begun = () -> begun.accept(this);
        this.loop = loop;
        this.remote = remote;
        this.localBind = localBind;
        this.handler = handler;
        this.timeout = timeout;
    }

    /**
     * Loop thread. {@code reactorClosed} is read when this task runs: when it is false, the reactor's close()
     * had not begun, so its abortAll task on this loop comes later and fails the attempt if it is still pending.
     */
    void start(Bootstrap bootstrap, boolean reactorClosed) {
        begun.run();
        if (decided.get()) return; // cancelled before the loop got to it: no socket at all
        if (reactorClosed) {
            reactorClosed();
            return;
        }
        loop.connecting(this);
        ChannelFuture f = localBind == null ? bootstrap.connect(remote) : bootstrap.connect(remote, localBind);
        channel = f.channel();
        // Race with cancel() from another thread: it sets decided, then reads channel; we set channel, then read
        // decided (both volatile), so at least one of us closes the socket.
        if (decided.get()) closeChannel();
        // When the socket could not be set up (the channel factory threw), Netty fails f at once but tells this
        // listener on its GlobalEventExecutor: the outcome is still decided on the loop.
        f.addListener(done -> {
            if (loop.inLoop()) finished(done); else loop.execute(() -> finished(done));
        });
    }

    /** Loop thread. A failure reaches the handler unless the attempt was decided already (a cancel's close fails f too). */
    private void finished(Future<?> done) {
        loop.connectDone(this);
        if (!done.isSuccess()) fail(normalize(done.cause()));
    }

    /** Loop thread: the reactor is closing. */
    void reactorClosed() {
        fail(new IOException("reactor closed while connecting to " + remote));
    }

    /**
     * The reactor's close(), once every loop thread has ended: the loop had taken the start task but ended without
     * running it (Netty, rarely, when the task comes in just as the loop ends). No loop is left, so the failure
     * is reported on the closing thread - never concurrently with another callback, as every loop thread ended.
     */
    void neverBegun() {
        fail(new IOException("reactor closed while connecting to " + remote));
    }

    private void fail(Throwable cause) {
        if (!decided.compareAndSet(false, true)) return;
        loop.connectDone(this);
        closeChannel();
        try {
            handler.onConnectFailed(cause);
        } catch (Throwable e) {
            LOG.warn("onConnectFailed handler failed", e);
        }
    }

    /**
     * Any thread. Closing the channel drops a handshake under way (Netty fails the connect future with a
     * ClosedChannelException, which {@link #finished} keeps to itself); on the loop it is closed at once, from
     * another thread Netty runs the close on the loop. A handshake that completed first finds decided set in
     * NettyConnection.channelActive, which closes the channel instead of opening it.
     */
    @Override
    public boolean cancel() {
        if (!decided.compareAndSet(false, true)) return false;
        closeChannel();
        return true;
    }

    /**
     * The channel of a socket that could not be set up is a placeholder that never had a loop (closing it throws)
     * or one already closed: nothing to close then.
     */
    private void closeChannel() {
        Channel ch = channel;
        if (ch != null && ch.isOpen()) ch.close();
    }

    /** The same exception types as the selector reactor: ConnectException / SocketTimeoutException. */
    private Throwable normalize(Throwable cause) {
        if (cause instanceof io.netty.channel.ChannelException c && c.getCause() instanceof IOException socketOptions) {
            return socketOptions; // from the channel factory: the socket options could not be set
        }
        if (cause instanceof ConnectTimeoutException) {
            return new SocketTimeoutException("connect to " + remote + " timed out after " + timeout.toMillis() + " ms");
        }
        if (cause instanceof ConnectException) {
            ConnectException plain = new ConnectException(cause.getMessage());
            plain.initCause(cause);
            return plain;
        }
        return cause;
    }
}
