package dev.twinbgp.reactor.virtual;

import dev.twinbgp.reactor.HandlerFactory;
import dev.twinbgp.reactor.Listener;
import dev.twinbgp.reactor.SocketOptions;
import dev.twinbgp.reactor.sockopt.LinuxSockets;
import dev.twinbgp.reactor.sockopt.ListenerOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A listening socket with a virtual thread parked in accept(); accepted channels go round-robin to the loops. */
final class VirtualListener implements Listener {
    private static final Logger LOG = LoggerFactory.getLogger(VirtualListener.class);

    private final VirtualReactor reactor;
    private final ServerSocketChannel channel;
    private final HandlerFactory factory;
    private final InetSocketAddress local;
    private final ListenerOptions options = new ListenerOptions();

    /** Binds at once (so bind errors reach the caller), then starts accepting. */
    VirtualListener(VirtualReactor reactor, InetSocketAddress address, HandlerFactory factory) throws IOException {
        this.reactor = reactor;
        this.factory = factory;
        this.channel = ServerSocketChannel.open();
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(address, 128);
            this.local = (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        reactor.spawn("twinbgp-virtual-accept-" + local, this::acceptLoop);
    }

    private void acceptLoop() {
        while (channel.isOpen()) {
            SocketChannel accepted;
            try {
                accepted = channel.accept(); // parks until a connection or close()
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (!channel.isOpen()) return;
                // accept() failing (e.g. out of file descriptors) is not fatal to the listener; a
                // short pause keeps it from spinning while the condition lasts.
                LOG.warn("accept on {} failed", local, e);
                try {
                    TimeUnit.MILLISECONDS.sleep(100);
                } catch (InterruptedException ie) {
                    return;
                }
                continue;
            }
            if (!options.isEmpty() && !withOptions(accepted)) continue;
            VirtualLoop owner = reactor.nextVirtualLoop();
            if (!owner.offer(() -> owner.adopt(accepted, factory))) VirtualReactor.closeQuietly(accepted);
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
            VirtualReactor.closeQuietly(accepted);
            return false;
        }
    }

    @Override
    public void peer(InetAddress remote, SocketOptions peerOptions) throws IOException {
        options.peer(() -> LinuxSockets.fd(channel), remote, peerOptions);
    }

    @Override
    public InetSocketAddress localAddress() {
        return local;
    }

    @Override
    public void close() {
        reactor.forget(this);
        VirtualReactor.closeQuietly(channel);
    }
}
