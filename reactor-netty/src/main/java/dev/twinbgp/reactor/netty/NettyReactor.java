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
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Reactor} on Netty 4.2: one {@link MultiThreadIoEventLoopGroup} (NIO, or epoll when
 * {@code preferNative}) serving both accepting and connections.
 */
final class NettyReactor implements Reactor {
    static {
        // Netty 4.2 reports its buffer allocations as JFR events when JFR is available (it always is on a JDK with
        // the jdk.jfr module): loading those event classes makes JFR instrument them, which costs a daemon
        // resident memory whether or not anyone records. Off unless the user asked for them
        // (-Dio.netty.jfr.enabled=true). Set before any Netty class is initialised (PlatformDependent reads it once).
        // Measured (1M packed prefixes into a fresh `twinbgp run`, 2 rounds, 2026-12-06 18:41, issue 18):
        // peak RSS 108 MiB against 112-114 with the events on.
        if (System.getProperty("io.netty.jfr.enabled") == null) {
            System.setProperty("io.netty.jfr.enabled", "false");
        }
        // Netty's default allocator (ByteBufAllocator.DEFAULT, adaptive in 4.2) is built when Netty initialises even
        // though no channel of ours uses it (connectionOptions gives every channel the unpooled one): two
        // AdaptivePoolingAllocators with 34 magazine groups, 32 chunk caches and 66 jctools queues - 0.5 MB of heap
        // that lives as long as the process - and ~25 classes in the AOT cache. Unpooled as the default too, unless
        // the user chose (-Dio.netty.allocator.type). The live heap of an idle daemon matters beyond its size: it
        // sits in the young generation during the first table, and HeapRelease's full collection at a session drop
        // moves it to the old one, under every later table (docs/benchmarks.md, "Peak RSS, fourth pass").
        if (System.getProperty("io.netty.allocator.type") == null) {
            System.setProperty("io.netty.allocator.type", "unpooled");
        }
    }

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
    /** close() has begun: connect and listen refuse, a connect task that runs now fails at once. */
    private volatile boolean closed;
    /**
     * Connects whose start task a loop took but has not run yet. A Netty loop that ends just as the task comes in
     * can take it and never run it (seen about once in a few hundred closes racing connects, without Netty's
     * "non-empty task queue" warning); close() fails what is left here once the loop threads have ended.
     */
    private final Set<NettyConnect> unbegun = ConcurrentHashMap.newKeySet();

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
     *
     * <p>The channel's allocator unpooled - every buffer Netty allocates for the channel, the read buffers above
     * all (the writes are our own arrays, wrapped): a read's buffer lives only until {@link NettyConnection} has handed its bytes on
     * (it releases it right after {@code onData}), so a pool only keeps memory for buffers nobody holds. Netty's
     * default (the adaptive pooling allocator) kept its chunks resident: 1M packed prefixes into a fresh
     * {@code twinbgp run} peaked at 112-114 MiB against 106-107 MiB unpooled (2 rounds, 2026-12-06 18:41, issue
     * 18), the same CPU; a direct buffer of 64 KiB per read is a malloc and a free.
     */
    private void connectionOptions(OptionSink sink) {
        int chunk = Math.min(config.readBudgetBytes(), 64 * 1024);
        int reads = Math.max(1, config.readBudgetBytes() / chunk);
        sink.option(ChannelOption.ALLOCATOR, UnpooledByteBufAllocator.DEFAULT);
        sink.option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(chunk).maxMessagesPerRead(reads));
        sink.option(ChannelOption.TCP_NODELAY, true);
        // A write error shuts the output down instead of closing the channel: what the peer sent before its
        // RST is still readable (NettyConnection.writeFailed).
        sink.option(ChannelOption.AUTO_CLOSE, false);
        sink.option(ChannelOption.WRITE_BUFFER_WATER_MARK,
                new WriteBufferWaterMark(config.writeLowWater(), config.writeHighWater()));
    }

    /** Where connection options go: a Bootstrap's options or a ServerBootstrap's child options. */
    private interface OptionSink {
        <T> void option(ChannelOption<T> option, T value);
    }

    @Override
    public Listener listen(InetSocketAddress local, HandlerFactory factory) throws IOException {
        if (closed) throw new IOException("reactor closed");
        ListenerOptions options = new ListenerOptions();
        ServerBootstrap b = new ServerBootstrap().group(group, group).channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 128)
                .option(ChannelOption.SO_REUSEADDR, true)
                .handler(new ChannelInitializer<Channel>() {
                    // On the listener's loop, once registered, before the bind. Race with close(): when `closed` is
                    // still false here, close()'s abortAll task on this loop comes later and closes the listener
                    // (Netty's own shutdown does not always: a loop that sees it only after its last I/O pass ends
                    // without closing its channels, and a listener stayed bound); when it is true, the bind fails.
                    @Override
                    protected void initChannel(Channel server) {
                        if (closed) {
                            server.close();
                        } else {
                            byNetty.get(server.eventLoop()).listening(server);
                        }
                    }
                })
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
        ChannelFuture bound;
        try {
            bound = b.bind(local).awaitUninterruptibly();
        } catch (RejectedExecutionException e) {
            // Race with close(): Netty registered the listener on a loop that shut down before the bind task could
            // be handed to it, and bind() throws instead of failing its future (fresh-clone CI, 2026-12-07:
            // connectsAndListensRacingCloseEachEndExactlyOnce). close() set `closed` before shutting the loops down.
            throw closed ? new IOException("reactor closed") : asIOException(e, "cannot listen on " + local);
        }
        if (!bound.isSuccess()) {
            if (closed) throw new IOException("reactor closed");
            throw asIOException(bound.cause(), "cannot listen on " + local);
        }
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
        if (closed) throw new IllegalStateException("reactor closed");
        NettyLoop owner = own(loop);
        NettyConnect attempt = new NettyConnect(owner, remote, localBind, handler, timeout, unbegun::remove);
        unbegun.add(attempt);
        Bootstrap b = new Bootstrap().group(owner.netty).channelFactory(socketFactory(remote, options))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis())))
                .handler(new NettyConnection(owner, handler, config, attempt.decided));
        connectionOptions(b::option);
        // Begun on the loop, so that the outcome is decided there. Race with close(): Netty runs every task its
        // loop took, also while shutting down, and the task reads `closed` when it runs (see NettyConnect.start);
        // a loop that no longer takes tasks would never call back.
        if (!owner.offer(() -> attempt.start(b, closed))) {
            unbegun.remove(attempt);
            // Unless a close() that ended meanwhile failed it already (failUnbegun): that was its one outcome.
            if (attempt.decided.compareAndSet(false, true)) throw new IllegalStateException("reactor closed");
        }
        return attempt;
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
        closed = true;
        if (group.isShuttingDown()) {
            group.terminationFuture().awaitUninterruptibly(10, TimeUnit.SECONDS);
            failUnbegun();
            return;
        }
        // Abort every connection and fail every pending connect on its own loop first, so each handler sees
        // onClose(null) / onConnectFailed like on the other reactors, rather than a channelInactive during
        // Netty's shutdown. A connect task that runs after this one finds `closed` set and fails at once.
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
        failUnbegun();
        if (interrupted) Thread.currentThread().interrupt();
    }

    /** Once every loop thread has ended: fails the connects a loop took but never began (see {@link #unbegun}). */
    private void failUnbegun() {
        if (threads.stream().anyMatch(Thread::isAlive)) return;
        for (NettyConnect c : List.copyOf(unbegun)) {
            unbegun.remove(c);
            c.neverBegun();
        }
    }
}
