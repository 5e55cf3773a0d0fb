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

    NettyLoop(io.netty.channel.EventLoop netty) {
        this.netty = netty;
    }

    @Override
    public void execute(Runnable task) {
        try {
            netty.execute(() -> runSafely(task));
        } catch (RejectedExecutionException e) {
            LOG.debug("loop {} stopped; task dropped", netty);
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

    /** Loop thread: aborts every connection (the reactor is closing). */
    void abortAll() {
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
