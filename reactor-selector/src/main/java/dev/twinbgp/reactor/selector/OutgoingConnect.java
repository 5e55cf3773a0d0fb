package dev.twinbgp.reactor.selector;

import dev.twinbgp.reactor.ConnectionHandler;
import dev.twinbgp.reactor.PendingConnect;
import dev.twinbgp.reactor.SocketOptions;
import dev.twinbgp.reactor.Timer;
import dev.twinbgp.reactor.sockopt.LinuxSockets;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A non-blocking connect in progress (OP_CONNECT), raced against a timeout timer on the same loop and
 * against {@link #cancel()} from any thread: whichever claims {@code decided} first wins. Established,
 * failed (timeout, refusal, reactor closing) and cancelled are the three outcomes; only the first two
 * reach the handler (onOpen or onConnectFailed, exactly one), a cancel reaches nobody.
 */
final class OutgoingConnect implements KeyHandler, PendingConnect {
    private static final Logger LOG = LoggerFactory.getLogger(OutgoingConnect.class);

    private final SelectorLoop loop;
    private final InetSocketAddress remote;
    private final InetSocketAddress localBind;
    private final ConnectionHandler handler;
    private final Duration timeout;
    private final SocketOptions options;
    /** Set once, by the outcome (loop) or by cancel() (any thread). */
    private final AtomicBoolean decided = new AtomicBoolean();
    private SocketChannel channel;
    private SelectionKey key;
    private Timer timer;

    OutgoingConnect(SelectorLoop loop, InetSocketAddress remote, InetSocketAddress localBind, ConnectionHandler handler, Duration timeout,
                    SocketOptions options) {
        this.loop = loop;
        this.remote = remote;
        this.localBind = localBind;
        this.handler = handler;
        this.timeout = timeout;
        this.options = options;
    }

    /** Loop thread. */
    void start() {
        if (decided.get()) return; // cancelled before the loop got to it: no socket at all
        try {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if (localBind != null) channel.bind(localBind);
            if (!options.isNone()) LinuxSockets.beforeConnect(LinuxSockets.fd(channel), remote.getAddress(), options);
            if (channel.connect(remote)) {
                established(channel.register(loop.selector(), 0));
                return;
            }
            key = channel.register(loop.selector(), SelectionKey.OP_CONNECT, this);
            timer = loop.schedule(timeout.toNanos(), () -> failed(
                    new SocketTimeoutException("connect to " + remote + " timed out after " + timeout.toMillis() + " ms")));
        } catch (Throwable e) {
            failed(e);
        }
    }

    /**
     * Any thread. On the loop the socket is closed before this returns (a SYN still unanswered is dropped with
     * it); from another thread a task closes it, and an outcome the loop meets before that task finds
     * {@code decided} set and closes the socket without telling the handler.
     */
    @Override
    public boolean cancel() {
        if (!decided.compareAndSet(false, true)) return false;
        if (loop.inLoop()) {
            release();
        } else {
            loop.execute(this::release);
        }
        return true;
    }

    @Override
    public void ready(SelectionKey k) throws IOException {
        if (!k.isConnectable()) return;
        if (channel.finishConnect()) established(k);
    }

    private void established(SelectionKey k) throws IOException {
        if (!decided.compareAndSet(false, true)) {
            release(); // cancelled from another thread just before the handshake's completion reached us
            return;
        }
        if (timer != null) timer.cancel();
        SelectorConnection connection = new SelectorConnection(loop, channel, handler);
        connection.start(k);
    }

    @Override
    public void failed(Throwable cause) {
        boolean ours = decided.compareAndSet(false, true);
        release();
        if (!ours) return;
        try {
            handler.onConnectFailed(cause);
        } catch (Throwable e) {
            LOG.warn("onConnectFailed handler failed", e);
        }
    }

    /** Closes the socket of an attempt that did not become a connection. Loop thread; idempotent. */
    private void release() {
        if (timer != null) timer.cancel();
        if (key != null) key.cancel();
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debug("closing failed connect to {}", remote, e);
            }
        }
    }

    @Override
    public void shutdown() {
        failed(new IOException("reactor closed while connecting to " + remote));
    }
}
