package dev.twinbgp.reactor.selector;

import dev.twinbgp.reactor.ConnectionHandler;
import dev.twinbgp.reactor.EventLoop;
import dev.twinbgp.reactor.HandlerFactory;
import dev.twinbgp.reactor.Listener;
import dev.twinbgp.reactor.PendingConnect;
import dev.twinbgp.reactor.Reactor;
import dev.twinbgp.reactor.ReactorConfig;
import dev.twinbgp.reactor.SocketOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** {@link Reactor} on plain java.nio: {@code loopThreads} {@link SelectorLoop}s, round-robin. */
final class SelectorReactor implements Reactor {
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final SelectorLoop[] loops;
    private final AtomicInteger next = new AtomicInteger();
    private volatile boolean running = true;

    SelectorReactor(ReactorConfig config) {
        int instance = INSTANCES.incrementAndGet();
        loops = new SelectorLoop[config.loopThreads()];
        for (int i = 0; i < loops.length; i++) {
            loops[i] = new SelectorLoop(config, "twinbgp-selector-" + instance + "-" + i);
        }
        for (SelectorLoop l : loops) l.start();
    }

    @Override
    public String name() {
        return SelectorReactorProvider.NAME;
    }

    @Override
    public Listener listen(InetSocketAddress local, HandlerFactory factory) throws IOException {
        if (!running) throw new IOException("reactor closed");
        return new SelectorListener(this, nextSelectorLoop(), local, factory);
    }

    @Override
    public PendingConnect connect(EventLoop loop, InetSocketAddress remote, InetSocketAddress localBind, ConnectionHandler handler,
                                  Duration timeout, SocketOptions options) {
        if (!running) throw new IllegalStateException("reactor closed");
        SelectorLoop owner = own(loop);
        OutgoingConnect connect = new OutgoingConnect(owner, remote, localBind, handler, timeout, options);
        // Race with close(): a loop that took the task runs it before it ends and then fails the attempt if it
        // is still pending (OutgoingConnect.shutdown); one that no longer takes tasks would never call back.
        if (!owner.offer(connect::start)) throw new IllegalStateException("reactor closed");
        return connect;
    }

    private SelectorLoop own(EventLoop loop) {
        for (SelectorLoop l : loops) {
            if (l == loop) return l;
        }
        throw new IllegalArgumentException("not a loop of this reactor: " + loop);
    }

    @Override
    public EventLoop nextLoop() {
        return nextSelectorLoop();
    }

    SelectorLoop nextSelectorLoop() {
        return loops[Math.floorMod(next.getAndIncrement(), loops.length)];
    }

    boolean isRunning() {
        return running;
    }

    @Override
    public void close() {
        running = false;
        for (SelectorLoop l : loops) l.stop();
        boolean interrupted = false;
        for (SelectorLoop l : loops) {
            try {
                l.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }
}
