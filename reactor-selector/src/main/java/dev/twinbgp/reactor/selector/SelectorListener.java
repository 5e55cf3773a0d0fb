package dev.twinbgp.reactor.selector;

import dev.twinbgp.reactor.HandlerFactory;
import dev.twinbgp.reactor.Listener;
import dev.twinbgp.reactor.SocketOptions;
import dev.twinbgp.reactor.sockopt.LinuxSockets;
import dev.twinbgp.reactor.sockopt.ListenerOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A listening socket on one loop; accepted channels are spread over the reactor's loops. */
final class SelectorListener implements Listener, KeyHandler {
    private static final Logger LOG = LoggerFactory.getLogger(SelectorListener.class);
    /** Accepts per pass, so a connect storm cannot hold the loop. */
    private static final int MAX_ACCEPTS_PER_PASS = 64;

    private final SelectorReactor reactor;
    private final SelectorLoop loop;
    private final ServerSocketChannel channel;
    private final HandlerFactory factory;
    private final InetSocketAddress local;
    private final ListenerOptions options = new ListenerOptions();
    private SelectionKey key;

    /** Binds at once (so bind errors reach the caller), registers on the loop later. */
    SelectorListener(SelectorReactor reactor, SelectorLoop loop, InetSocketAddress address, HandlerFactory factory) throws IOException {
        this.reactor = reactor;
        this.loop = loop;
        this.factory = factory;
        this.channel = ServerSocketChannel.open();
        try {
            channel.configureBlocking(false);
            channel.setOption(java.net.StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(address, 128);
            this.local = (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (!loop.offer(this::register)) { // the reactor closed meanwhile: nothing would ever close the socket
            channel.close();
            throw new IOException("reactor closed");
        }
    }

    private void register() {
        if (!channel.isOpen()) return;
        try {
            key = channel.register(loop.selector(), SelectionKey.OP_ACCEPT, this);
        } catch (IOException e) {
            LOG.warn("cannot register listener {}", local, e);
            closeNow();
        }
    }

    @Override
    public void ready(SelectionKey k) throws IOException {
        for (int i = 0; i < MAX_ACCEPTS_PER_PASS; i++) {
            SocketChannel accepted = channel.accept();
            if (accepted == null) return;
            if (!options.isEmpty() && !withOptions(accepted)) continue;
            SelectorLoop owner = reactor.nextSelectorLoop();
            if (!owner.offer(() -> owner.adopt(accepted, factory))) accepted.close(); // that loop has stopped
        }
    }

    /** The TTLs set for its remote address ({@link #peer}); false (and closed) when the kernel refused them. */
    private boolean withOptions(SocketChannel accepted) {
        try {
            InetSocketAddress remote = (InetSocketAddress) accepted.getRemoteAddress();
            options.accepted(LinuxSockets.fd(accepted), remote.getAddress());
            return true;
        } catch (IOException e) {
            LOG.warn("closing a connection accepted on {}: {}", local, e.getMessage());
            try {
                accepted.close();
            } catch (IOException ignored) {
                // closing is all that is left to do
            }
            return false;
        }
    }

    @Override
    public void peer(InetAddress remote, SocketOptions peerOptions) throws IOException {
        options.peer(() -> LinuxSockets.fd(channel), remote, peerOptions);
    }

    @Override
    public void failed(Throwable cause) {
        // accept() failing (e.g. out of file descriptors) is not fatal to the listener.
        LOG.warn("accept on {} failed", local, cause);
    }

    @Override
    public void shutdown() {
        closeNow();
    }

    @Override
    public InetSocketAddress localAddress() {
        return local;
    }

    @Override
    public void close() {
        if (loop.inLoop()) {
            closeNow();
        } else {
            loop.execute(this::closeNow);
            if (!reactor.isRunning()) closeNow();
        }
    }

    private void closeNow() {
        if (key != null) key.cancel();
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing listener {}", local, e);
        }
    }
}
