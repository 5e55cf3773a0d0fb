package dev.twinbgp.reactor.netty;

import dev.twinbgp.reactor.ConnectionHandler;
import dev.twinbgp.reactor.EventLoop;
import dev.twinbgp.reactor.HandlerFactory;
import dev.twinbgp.reactor.Listener;
import dev.twinbgp.reactor.PendingConnect;
import dev.twinbgp.reactor.Reactor;
import dev.twinbgp.reactor.ReactorConfig;
import dev.twinbgp.reactor.SocketOptions;
import dev.twinbgp.reactor.sockopt.LinuxSockets;
import dev.twinbgp.reactor.sockopt.ListenerOptions;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Reactor} on Netty 4.2: one {@link MultiThreadIoEventLoopGroup} (NIO, or epoll when
 * {@code preferNative}) serving both accepting and connections.
 */
final class NettyReactor implements Reactor {
    private static final Logger LOG = LoggerFactory.getLogger(NettyReactor.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final ReactorConfig config;
    private final NettyTransport transport;
    private final MultiThreadIoEventLoopGroup group;
    private final List<NettyLoop> loops = new ArrayList<>();
    private final Map<EventExecutor, NettyLoop> byNetty = new IdentityHashMap<>();
    private final AtomicInteger next = new AtomicInteger();
    /** The loop threads, joined by close() (Netty's termination future completes just before they end). */
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    NettyReactor(ReactorConfig config) {
        this.config = config;
        this.transport = NettyTransport.choose(config.preferNative());
        DefaultThreadFactory threadFactory = new DefaultThreadFactory("twinbgp-netty-" + INSTANCES.incrementAndGet());
        this.group = new MultiThreadIoEventLoopGroup(config.loopThreads(), (Runnable r) -> {
            Thread t = threadFactory.newThread(r);
            threads.add(t);
            return t;
        }, transport.ioHandlerFactory());
        for (EventExecutor e : group) {
            NettyLoop loop = new NettyLoop((io.netty.channel.EventLoop) e);
            loops.add(loop);
            byNetty.put(e, loop);
        }
        LOG.debug("netty reactor on {} with {} loops", transport.name(), loops.size());
    }

    /** The transport in use: {@code nio} or {@code epoll}. */
    String transportName() {
        return transport.name();
    }

    @Override
    public String name() {
        return NettyReactorProvider.NAME;
    }

    /**
     * Fairness: at most {@code readBudgetBytes} per connection per pass, in reads of up to 64 KiB
     * (Netty's read loop stops after maxMessagesPerRead reads or a short read).
     */
    private void connectionOptions(OptionSink sink) {
        int chunk = Math.min(config.readBudgetBytes(), 64 * 1024);
        int reads = Math.max(1, config.readBudgetBytes() / chunk);
        sink.option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(chunk).maxMessagesPerRead(reads));
        sink.option(ChannelOption.TCP_NODELAY, true);
        sink.option(ChannelOption.WRITE_BUFFER_WATER_MARK,
                new WriteBufferWaterMark(config.writeLowWater(), config.writeHighWater()));
    }

    /** Where connection options go: a Bootstrap's options or a ServerBootstrap's child options. */
    private interface OptionSink {
        <T> void option(ChannelOption<T> option, T value);
    }

    @Override
    public Listener listen(InetSocketAddress local, HandlerFactory factory) throws IOException {
        if (group.isShuttingDown()) throw new IOException("reactor closed");
        ListenerOptions options = new ListenerOptions();
        ServerBootstrap b = new ServerBootstrap().group(group, group).channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 128)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (!options.isEmpty() && !withOptions(options, ch)) return;
                        NettyLoop loop = byNetty.get(ch.eventLoop());
                        ConnectionHandler handler = factory.newHandler(
                                (InetSocketAddress) ch.remoteAddress(), (InetSocketAddress) ch.localAddress());
                        ch.pipeline().addLast(new NettyConnection(loop, handler, config, null));
                    }
                });
        connectionOptions(b::childOption);
        ChannelFuture bound = b.bind(local).awaitUninterruptibly();
        if (!bound.isSuccess()) throw asIOException(bound.cause(), "cannot listen on " + local);
        Channel server = bound.channel();
        InetSocketAddress address = (InetSocketAddress) server.localAddress();
        return new Listener() {
            @Override
            public InetSocketAddress localAddress() {
                return address;
            }

            @Override
            public void peer(InetAddress remote, SocketOptions peerOptions) throws IOException {
                options.peer(() -> NettySockets.fd(server), remote, peerOptions);
            }

            @Override
            public void close() {
                server.close();
            }
        };
    }

    /** An accepted channel gets the TTLs set for its remote address; false (and closed) when the kernel refused them. */
    private static boolean withOptions(ListenerOptions options, Channel ch) {
        try {
            options.accepted(NettySockets.fd(ch), ((InetSocketAddress) ch.remoteAddress()).getAddress());
            return true;
        } catch (IOException e) {
            LOG.warn("closing a connection accepted on {}: {}", ch.localAddress(), e.getMessage());
            ch.close();
            return false;
        }
    }

    @Override
    public PendingConnect connect(EventLoop loop, InetSocketAddress remote, InetSocketAddress localBind, ConnectionHandler handler,
                                  Duration timeout, SocketOptions options) {
        NettyLoop owner = own(loop);
        // Claimed once: by channelActive (onOpen), by the failure below (onConnectFailed) or by cancel().
        AtomicBoolean decided = new AtomicBoolean();
        Bootstrap b = new Bootstrap().group(owner.netty).channelFactory(socketFactory(remote, options))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis())))
                .handler(new NettyConnection(owner, handler, config, decided));
        connectionOptions(b::option);
        ChannelFuture f = localBind == null ? b.connect(remote) : b.connect(remote, localBind);
        f.addListener(done -> {
            if (done.isSuccess() || !decided.compareAndSet(false, true)) return; // a cancel's close fails it too: silent
            Throwable cause = normalize(done.cause(), remote, timeout);
            Runnable report = () -> {
                try {
                    handler.onConnectFailed(cause);
                } catch (Throwable e) {
                    LOG.warn("onConnectFailed handler failed", e);
                }
            };
            if (owner.inLoop()) report.run(); else owner.execute(report);
        });
        // Closing the channel drops a handshake under way (Netty fails the connect promise with a
        // ClosedChannelException, which the listener above keeps to itself); on the loop it is closed at once,
        // from another thread Netty runs the close on the loop. A handshake that completed first finds decided
        // set in NettyConnection.channelActive, which closes the channel instead of opening it.
        // Race: when the socket could not be set up (socketFactory threw), Netty fails f at once but tells the
        // listener on its GlobalEventExecutor, so a cancel() right after connect() may still win - and f's channel
        // is then a placeholder that never had a loop (closing it throws) or one already closed: nothing to close.
        return () -> {
            if (!decided.compareAndSet(false, true)) return false;
            Channel ch = f.channel();
            if (ch.isOpen()) ch.close();
            return true;
        };
    }

    /**
     * New client channels of the transport; with {@code options}, set on each new socket before Netty binds and
     * connects it (a failure there fails the connect future with the IOException as cause).
     */
    private io.netty.channel.ChannelFactory<Channel> socketFactory(InetSocketAddress remote, SocketOptions options) {
        io.netty.channel.ChannelFactory<? extends Channel> plain = new io.netty.channel.ReflectiveChannelFactory<>(transport.socketChannel());
        if (options.isNone()) return plain::newChannel;
        return () -> {
            Channel ch = plain.newChannel();
            try {
                LinuxSockets.beforeConnect(NettySockets.fd(ch), remote.getAddress(), options);
            } catch (IOException | RuntimeException e) {
                ch.unsafe().closeForcibly(); // Netty never sees this channel: a socket left open here would leak
                throw new io.netty.channel.ChannelException(e.getMessage(), e);
            }
            return ch;
        };
    }

    /** The same exception types as the selector reactor: ConnectException / SocketTimeoutException. */
    private static Throwable normalize(Throwable cause, InetSocketAddress remote, Duration timeout) {
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

    private static IOException asIOException(Throwable cause, String what) {
        return cause instanceof IOException io ? io : new IOException(what, cause);
    }

    private NettyLoop own(EventLoop loop) {
        if (loop instanceof NettyLoop n && byNetty.get(n.netty) == n) return n;
        throw new IllegalArgumentException("not a loop of this reactor: " + loop);
    }

    @Override
    public EventLoop nextLoop() {
        return loops.get(Math.floorMod(next.getAndIncrement(), loops.size()));
    }

    @Override
    public void close() {
        if (group.isShuttingDown()) {
            group.terminationFuture().awaitUninterruptibly(10, TimeUnit.SECONDS);
            return;
        }
        // Abort every connection on its own loop first, so each handler sees onClose(null) like on
        // the selector reactor, rather than a channelInactive during Netty's shutdown.
        List<Future<?>> aborted = new ArrayList<>();
        for (NettyLoop l : loops) aborted.add(l.netty.submit(l::abortAll));
        boolean onOwnLoop = loops.stream().anyMatch(NettyLoop::inLoop);
        if (!onOwnLoop) aborted.forEach(f -> f.awaitUninterruptibly(10, TimeUnit.SECONDS));
        Future<?> terminated = group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        if (onOwnLoop) return;
        terminated.awaitUninterruptibly(10, TimeUnit.SECONDS);
        boolean interrupted = false;
        for (Thread t : threads) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }
}
