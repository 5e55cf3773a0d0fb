package dev.twinbgp.reactor.virtual;

import dev.twinbgp.reactor.ConnectionHandler;
import dev.twinbgp.reactor.EventLoop;
import dev.twinbgp.reactor.HandlerFactory;
import dev.twinbgp.reactor.ReactorConfig;
import dev.twinbgp.reactor.Timer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The serial context of a set of connections: one virtual thread that runs their callbacks, timers
 * and tasks, one at a time. The blocking I/O happens on other virtual threads (a reader and a
 * writer per connection, an acceptor per listener, one per connect in progress), which only hand
 * their results to this loop as tasks. Each pass:
 * <pre>
 *   fire due timers (deadline order) -> run the tasks queued before this pass began
 *   -> park until a task arrives or the next timer is due (no timer: park without timeout)
 * </pre>
 * Idle, the loop thread is parked on a condition and its connections' threads are parked in
 * blocking reads (the JDK's poller watches their sockets): no thread runs, no pass is made.
 */
final class VirtualLoop implements EventLoop {
    private static final Logger LOG = LoggerFactory.getLogger(VirtualLoop.class);
    private static final int PURGE_CANCELLED_ABOVE = 1024;

    final ReactorConfig config;
    private final VirtualReactor reactor;
    private final Thread thread;
    private final String name;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    /** Tasks queued for the next pass (guarded by lock); swapped with {@link #running} each pass. */
    private ArrayDeque<Runnable> queued = new ArrayDeque<>();
    /** The tasks of the current pass (loop thread only). */
    private ArrayDeque<Runnable> running = new ArrayDeque<>();
    /** The loop is parked (or about to park) on {@link #wake}; guarded by lock. */
    private boolean parked;
    /** stop() was called; guarded by lock. */
    private boolean stopping;
    /** No more tasks are accepted (the loop is shutting down); guarded by lock. */
    private boolean refusing;
    private final PriorityQueue<LoopTimer> timers = new PriorityQueue<>();
    private final AtomicLong timerSequence = new AtomicLong();
    /** Loop passes so far (a test observes that an idle loop makes none). */
    private volatile long passes;
    /** Open connections and connects in progress of this loop (loop thread only), closed on shutdown. */
    private final Set<VirtualConnection> connections = new HashSet<>();
    private final Set<OutgoingConnect> connecting = new HashSet<>();

    VirtualLoop(VirtualReactor reactor, ReactorConfig config, String name) {
        this.reactor = reactor;
        this.config = config;
        this.name = name;
        this.thread = Thread.ofVirtual().name(name).unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    @Override
    public void execute(Runnable task) {
        if (!offer(task)) LOG.debug("loop {} stopped; task dropped", name);
    }

    /** Queues {@code task}; false when the loop no longer takes tasks (it is shutting down). A task it took always runs. */
    boolean offer(Runnable task) {
        lock.lock();
        try {
            if (refusing) return false;
            queued.add(task);
            if (parked) {
                parked = false;
                wake.signal();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Timer schedule(long delayNanos, Runnable task) {
        LoopTimer t = new LoopTimer(nanoTime() + Math.max(0, delayNanos), timerSequence.getAndIncrement(), task);
        if (inLoop()) {
            timers.add(t);
        } else if (!offer(() -> timers.add(t))) {
            t.cancel(); // never fires; cancel() now returns false, as for the timers dropped at shutdown
            LOG.debug("loop {} stopped; timer dropped", name);
        }
        return t;
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** Asks the loop to close everything and end; returns at once. */
    void stop() {
        lock.lock();
        try {
            stopping = true;
            wake.signal();
        } finally {
            lock.unlock();
        }
    }

    void join() throws InterruptedException {
        if (!inLoop()) thread.join();
    }

    /** Starts a virtual thread for blocking I/O on behalf of this loop (joined by the reactor's close). */
    Thread spawn(String what, Runnable body) {
        return reactor.spawn(name + "-" + what, body);
    }

    private void run() {
        try {
            do {
                passes++;
                fireDueTimers();
                runQueuedTasks();
            } while (awaitWork());
        } catch (Throwable t) {
            LOG.error("virtual loop {} failed", name, t);
        } finally {
            shutdown();
        }
    }

    /** Parks until a task is queued or a timer is due; false when the loop should stop. */
    private boolean awaitWork() throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                if (stopping) return false;
                if (!queued.isEmpty()) return true;
                long timeout = nanosUntilNextTimer();
                if (timeout == 0) return true;
                parked = true;
                if (timeout < 0) {
                    wake.await();
                } else {
                    wake.awaitNanos(timeout);
                }
                parked = false;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Nanoseconds until the earliest live timer, 0 when one is due, -1 when there is none. */
    private long nanosUntilNextTimer() {
        LoopTimer t;
        while ((t = timers.peek()) != null && t.isCancelled()) timers.poll();
        if (t == null) return -1;
        return Math.max(0, t.deadline - nanoTime());
    }

    private void fireDueTimers() {
        long now = nanoTime();
        LoopTimer t;
        while ((t = timers.peek()) != null && t.deadline <= now) {
            timers.poll();
            if (t.claimForFiring()) runSafely(t.task);
        }
        if (timers.size() > PURGE_CANCELLED_ABOVE) timers.removeIf(LoopTimer::isCancelled);
    }

    /** Runs the tasks queued so far; ones they queue wait for the next pass, so timers are not starved. */
    private void runQueuedTasks() {
        lock.lock();
        try {
            ArrayDeque<Runnable> batch = queued;
            queued = running;
            running = batch;
        } finally {
            lock.unlock();
        }
        Runnable r;
        while ((r = running.poll()) != null) runSafely(r);
    }

    static void runSafely(Runnable r) {
        try {
            r.run();
        } catch (Throwable e) {
            LOG.warn("task failed", e);
        }
    }

    /**
     * Loop thread, last: refuses new tasks, runs the ones already queued (e.g. accepted channels to
     * adopt, so what they open is closed below like everything else), then closes every connection
     * ({@code onClose(null)}) and fails every connect in progress.
     */
    private void shutdown() {
        lock.lock();
        try {
            refusing = true;
        } finally {
            lock.unlock();
        }
        runQueuedTasks();
        for (VirtualConnection c : List.copyOf(connections)) {
            try {
                c.closeWith(null);
            } catch (Throwable e) {
                LOG.warn("shutdown of {} failed", c, e);
            }
        }
        for (OutgoingConnect c : List.copyOf(connecting)) {
            c.failed(new IOException("reactor closed while connecting to " + c.remote()));
        }
        timers.forEach(LoopTimer::cancel); // they never fire: cancel() returns false from now on
        timers.clear();
    }

    void opened(VirtualConnection c) {
        connections.add(c);
    }

    void closed(VirtualConnection c) {
        connections.remove(c);
    }

    void connecting(OutgoingConnect c) {
        connecting.add(c);
    }

    void connectDone(OutgoingConnect c) {
        connecting.remove(c);
    }

    /** Takes an accepted channel and opens it on this loop. Loop thread. */
    void adopt(SocketChannel channel, HandlerFactory factory) {
        try {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ConnectionHandler handler = factory.newHandler(
                    (InetSocketAddress) channel.getRemoteAddress(), (InetSocketAddress) channel.getLocalAddress());
            new VirtualConnection(this, channel, handler).start();
        } catch (Throwable e) {
            LOG.warn("cannot take accepted connection {}", channel, e);
            VirtualReactor.closeQuietly(channel);
        }
    }

    long passes() {
        return passes;
    }

    Thread thread() {
        return thread;
    }

    @Override
    public String toString() {
        return name;
    }
}
