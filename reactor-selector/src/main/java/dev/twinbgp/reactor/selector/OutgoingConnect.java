package dev.twinbgp.reactor.selector;

import dev.twinbgp.reactor.ConnectionHandler;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A non-blocking connect in progress (OP_CONNECT), raced against a timeout timer on the same loop:
 * whichever runs first wins, the other finds {@code finished} set. Exactly one of onOpen or
 * onConnectFailed reaches the handler.
 */
final class OutgoingConnect implements KeyHandler {
    private static final Logger LOG = LoggerFactory.getLogger(OutgoingConnect.class);

    private final SelectorLoop loop;
    private final InetSocketAddress remote;
    private final InetSocketAddress localBind;
    private final ConnectionHandler handler;
    private final Duration timeout;
    private final SocketOptions options;
    private SocketChannel channel;
    private SelectionKey key;
    private Timer timer;
    private boolean finished;

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

    @Override
    public void ready(SelectionKey k) throws IOException {
        if (finished || !k.isConnectable()) return;
        if (channel.finishConnect()) established(k);
    }

    private void established(SelectionKey k) throws IOException {
        finished = true;
        if (timer != null) timer.cancel();
        SelectorConnection connection = new SelectorConnection(loop, channel, handler);
        connection.start(k);
    }

    @Override
    public void failed(Throwable cause) {
        if (finished) return;
        finished = true;
        if (timer != null) timer.cancel();
        if (key != null) key.cancel();
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debug("closing failed connect to {}", remote, e);
            }
        }
        try {
            handler.onConnectFailed(cause);
        } catch (Throwable e) {
            LOG.warn("onConnectFailed handler failed", e);
        }
    }

    @Override
    public void shutdown() {
        failed(new IOException("reactor closed while connecting to " + remote));
    }
}
