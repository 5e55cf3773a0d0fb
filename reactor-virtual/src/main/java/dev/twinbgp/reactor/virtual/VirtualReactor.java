package dev.twinbgp.reactor.virtual;

import dev.twinbgp.reactor.ConnectionHandler;
import dev.twinbgp.reactor.EventLoop;
import dev.twinbgp.reactor.HandlerFactory;
import dev.twinbgp.reactor.Listener;
import dev.twinbgp.reactor.PendingConnect;
import dev.twinbgp.reactor.Reactor;
import dev.twinbgp.reactor.ReactorConfig;
import dev.twinbgp.reactor.SocketOptions;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Reactor} on virtual threads: {@code loopThreads} {@link VirtualLoop}s (each one virtual
 * thread, the serial context of its connections), round-robin, and a virtual thread for each
 * blocking call that can wait: accept, connect, and per connection one reader and one writer.
 */
final class VirtualReactor implements Reactor {
    private static final Logger LOG = LoggerFactory.getLogger(VirtualReactor.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    /** How long close() waits for the I/O threads to end after their channels were closed. */
    private static final long IO_JOIN_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final VirtualLoop[] loops;
    private final AtomicInteger next = new AtomicInteger();
    private final Set<VirtualListener> listeners = ConcurrentHashMap.newKeySet();
    /** Live I/O threads (each removes itself when it ends), joined by close(). */
    private final Set<Thread> ioThreads = ConcurrentHashMap.newKeySet();
    private volatile boolean running = true;

    VirtualReactor(ReactorConfig config) {
        int instance = INSTANCES.incrementAndGet();
        loops = new VirtualLoop[config.loopThreads()];
        for (int i = 0; i < loops.length; i++) {
            loops[i] = new VirtualLoop(this, config, "twinbgp-virtual-" + instance + "-" + i);
        }
        for (VirtualLoop l : loops) l.start();
    }

    @Override
    public String name() {
        return VirtualReactorProvider.NAME;
    }

    @Override
    public Listener listen(InetSocketAddress local, HandlerFactory factory) throws IOException {
        if (!running) throw new IOException("reactor closed");
        VirtualListener l = new VirtualListener(this, local, factory);
        listeners.add(l);
        if (!running) l.close(); // close() ran meanwhile and may have missed it
        return l;
    }

    void forget(VirtualListener l) {
        listeners.remove(l);
    }

    @Override
    public PendingConnect connect(EventLoop loop, InetSocketAddress remote, InetSocketAddress localBind, ConnectionHandler handler,
                                  Duration timeout, SocketOptions options) {
        if (!running) throw new IllegalStateException("reactor closed");
        VirtualLoop owner = own(loop);
        OutgoingConnect connect = new OutgoingConnect(owner, remote, localBind, handler, timeout, options);
        // Race with close(): a loop that took the task runs it before it ends and then fails the attempt if it
        // is still pending (VirtualLoop.shutdown); one that no longer takes tasks would never call back.
        if (!owner.offer(connect::start)) throw new IllegalStateException("reactor closed");
        return connect;
    }

    private VirtualLoop own(EventLoop loop) {
        for (VirtualLoop l : loops) {
            if (l == loop) return l;
        }
        throw new IllegalArgumentException("not a loop of this reactor: " + loop);
    }

    @Override
    public EventLoop nextLoop() {
        return nextVirtualLoop();
    }

    VirtualLoop nextVirtualLoop() {
        return loops[Math.floorMod(next.getAndIncrement(), loops.length)];
    }

    /** Starts a virtual thread that is tracked until it ends. */
    Thread spawn(String name, Runnable body) {
        Thread[] self = new Thread[1];
        Thread t = Thread.ofVirtual().name(name).unstarted(() -> {
            try {
                body.run();
            } finally {
                ioThreads.remove(self[0]);
            }
        });
        self[0] = t;
        ioThreads.add(t);
        t.start();
        return t;
    }

    /** I/O threads still alive (tests check close() leaves none). */
    int liveIoThreads() {
        return ioThreads.size();
    }

    VirtualLoop[] loops() {
        return loops;
    }

    @Override
    public void close() {
        running = false;
        for (VirtualListener l : List.copyOf(listeners)) l.close();
        for (VirtualLoop l : loops) l.stop();
        boolean interrupted = false;
        boolean onOwnLoop = false;
        for (VirtualLoop l : loops) {
            onOwnLoop |= l.inLoop();
            try {
                l.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        // Every channel is closed by now, so each reader, writer, acceptor and connect thread is
        // on its way out; wait for them (bounded) so a closed reactor leaves no thread behind.
        if (!onOwnLoop) {
            long deadline = System.nanoTime() + IO_JOIN_NANOS;
            for (Thread t : List.copyOf(ioThreads)) {
                long left = deadline - System.nanoTime();
                try {
                    if (left <= 0 || !t.join(Duration.ofNanos(left))) {
                        LOG.debug("I/O thread {} still running after close", t.getName());
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            LOG.debug("closing {}", c, e);
        }
    }
}
