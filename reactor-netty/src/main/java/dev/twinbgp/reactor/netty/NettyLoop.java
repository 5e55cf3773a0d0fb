package dev.twinbgp.reactor.netty;

import dev.twinbgp.reactor.EventLoop;
import dev.twinbgp.reactor.Timer;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link EventLoop} over one Netty event loop: tasks, timers and clock are Netty's own. */
final class NettyLoop implements EventLoop {
    private static final Logger LOG = LoggerFactory.getLogger(NettyLoop.class);

    final io.netty.channel.EventLoop netty;
    /** Open connections of this loop (loop thread only), aborted when the reactor closes. */
    private final Set<NettyConnection> connections = new HashSet<>();
    /** Listening channels of this loop (loop thread only). */
    private final Set<io.netty.channel.Channel> listeners = new HashSet<>();
    /** Outgoing connects begun on this loop and not yet decided (loop thread only), failed when the reactor closes. */
    private final Set<NettyConnect> connecting = new HashSet<>();

    NettyLoop(io.netty.channel.EventLoop netty) {
        this.netty = netty;
    }

    @Override
    public void execute(Runnable task) {
        if (!offer(task)) LOG.debug("loop {} stopped; task dropped", netty);
    }

    /** Queues {@code task}; false when the loop no longer takes tasks. Netty runs every task it took, also while shutting down. */
    boolean offer(Runnable task) {
        try {
            netty.execute(() -> runSafely(task));
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    @Override
    public Timer schedule(long delayNanos, Runnable task) {
        try {
            ScheduledFuture<?> f = netty.schedule(() -> runSafely(task), Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
            return () -> f.cancel(false);
        } catch (RejectedExecutionException e) {
            LOG.debug("loop {} stopped; timer dropped", netty);
            return () -> false;
        }
    }

    @Override
    public long nanoTime() {
        return netty.ticker().nanoTime();
    }

    @Override
    public boolean inLoop() {
        return netty.inEventLoop();
    }

    void opened(NettyConnection c) {
        connections.add(c);
    }

    void closed(NettyConnection c) {
        connections.remove(c);
    }

    /** Loop thread: a listening channel of this loop, closed when the reactor closes. */
    void listening(io.netty.channel.Channel server) {
        listeners.add(server);
        server.closeFuture().addListener(f -> listeners.remove(server));
    }

    void connecting(NettyConnect c) {
        connecting.add(c);
    }

    void connectDone(NettyConnect c) {
        connecting.remove(c);
    }

    /** Loop thread: closes every listener, fails every pending connect, aborts every connection (the reactor is closing). */
    void abortAll() {
        for (io.netty.channel.Channel server : List.copyOf(listeners)) server.close();
        for (NettyConnect c : List.copyOf(connecting)) c.reactorClosed();
        for (NettyConnection c : List.copyOf(connections)) c.abort();
    }

    static void runSafely(Runnable r) {
        try {
            r.run();
        } catch (Throwable e) {
            LOG.warn("task failed", e);
        }
    }

    @Override
    public String toString() {
        return "netty-loop[" + netty + "]";
    }
}
