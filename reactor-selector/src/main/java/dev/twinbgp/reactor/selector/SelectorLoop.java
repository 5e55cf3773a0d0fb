package dev.twinbgp.reactor.selector;

import dev.twinbgp.reactor.ConnectionHandler;
import dev.twinbgp.reactor.EventLoop;
import dev.twinbgp.reactor.HandlerFactory;
import dev.twinbgp.reactor.ReactorConfig;
import dev.twinbgp.reactor.Timer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread owning one {@link Selector}. Each pass:
 * <pre>
 *   sleep in select() until I/O, the next timer deadline, or a wakeup from execute()
 *   -> handle every selected key (each in its own try/catch; reads bounded per connection)
 *   -> fire due timers (in deadline order)
 *   -> run the tasks queued before this step began
 * </pre>
 * Idle, it blocks in select() with no timeout (or until the next timer): no polling.
 */
final class SelectorLoop implements EventLoop, Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(SelectorLoop.class);
    /** Upper bound on buffers gathered into one write() call. */
    static final int MAX_GATHER = 64;
    private static final int PURGE_CANCELLED_ABOVE = 1024;

    final ReactorConfig config;
    private final Selector selector;
    private final Thread thread;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final PriorityQueue<LoopTimer> timers = new PriorityQueue<>();
    /**
     * True only while the loop is (about to be) blocked in select(). execute() wakes the selector
     * only when it flips this from true to false, so a busy loop costs producers no syscall, and
     * a burst of tasks costs one wakeup. The loop sets it before re-checking the task queue, so a
     * task added between that check and select() still finds it true and wakes the selector (a
     * wakeup() before select() makes that select() return at once).
     */
    private final AtomicBoolean sleeping = new AtomicBoolean();
    private volatile boolean stopping;
    /** The loop is shutting down: tasks from other threads are refused (set by the loop thread, last pass done). */
    private volatile boolean closing;
    /** Shutdown has run the last task: every task is refused, from the loop thread too. */
    private volatile boolean ended;
    /** Loop passes so far (a test observes that an idle loop makes none). */
    private volatile long passes;
    private long timerSequence;
    /** One direct read buffer shared by every connection of this loop (loop thread only). */
    final ByteBuffer readBuffer;
    /** Scratch array for gathering writes (loop thread only). */
    final ByteBuffer[] gather = new ByteBuffer[MAX_GATHER];

    SelectorLoop(ReactorConfig config, String threadName) {
        this.config = config;
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector", e);
        }
        this.readBuffer = ByteBuffer.allocateDirect(Math.min(config.readBudgetBytes(), 64 * 1024));
        this.thread = new Thread(this, threadName);
    }

    void start() {
        thread.start();
    }

    Selector selector() {
        return selector;
    }

    @Override
    public void execute(Runnable task) {
        if (!offer(task)) LOG.debug("loop {} stopped; task dropped", thread.getName());
    }

    /**
     * Queues {@code task}; false when the loop no longer takes tasks (it is shutting down). A task it took
     * always runs, also while the loop shuts down.
     *
     * <p>Race with the loop's end, lock-free: a producer adds its task, then reads {@code closing}; the loop sets
     * {@code closing}, then drains the queue. Either the producer sees {@code closing} false - so the loop set it
     * after the add and its drain finds the task - or it sees it true and takes its task back with remove();
     * when remove() fails the drain already polled the task, which then runs (ConcurrentLinkedQueue hands each
     * element to exactly one of poll and remove).
     */
    boolean offer(Runnable task) {
        boolean here = inLoop();
        if (here ? ended : closing) return false;
        tasks.add(task);
        if (!here && closing && tasks.remove(task)) return false;
        if (!here && sleeping.getAndSet(false)) selector.wakeup();
        return true;
    }

    @Override
    public Timer schedule(long delayNanos, Runnable task) {
        LoopTimer t = new LoopTimer(nanoTime() + Math.max(0, delayNanos), nextSequence(), task);
        if (inLoop() && !ended) {
            timers.add(t);
        } else if (!offer(() -> timers.add(t))) {
            t.cancel(); // never fires; cancel() now returns false, as for the timers dropped at shutdown
            LOG.debug("loop {} stopped; timer dropped", thread.getName());
        }
        return t;
    }

    private synchronized long nextSequence() {
        return timerSequence++;
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
        stopping = true;
        selector.wakeup();
    }

    void join() throws InterruptedException {
        if (!inLoop()) thread.join();
    }

    @Override
    public void run() {
        try {
            while (!stopping) {
                passes++;
                select();
                handleSelectedKeys();
                fireDueTimers();
                runQueuedTasks();
            }
        } catch (Throwable t) {
            LOG.error("selector loop {} failed", thread.getName(), t);
        } finally {
            // Tasks accepted before closing (e.g. accepted channels to adopt, connects to start) still run, so
            // what they open is closed below like everything else (Netty's shutdown runs pending tasks too).
            closing = true;
            drainTasks();
            ended = true;
            shutdownKeys();
        }
    }

    private void select() throws IOException {
        long timeoutNanos = nanosUntilNextTimer();
        if (timeoutNanos == 0 || !tasks.isEmpty()) {
            selector.selectNow();
            return;
        }
        sleeping.set(true);
        try {
            if (!tasks.isEmpty() || stopping) {
                selector.selectNow();
            } else if (timeoutNanos < 0) {
                selector.select();
            } else {
                // Round up: select(0) would mean "forever", and waking early just loops once more.
                selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(timeoutNanos + 999_999)));
            }
        } finally {
            sleeping.set(false);
        }
    }

    /** Nanoseconds until the earliest live timer, 0 when one is due, -1 when there is none. */
    private long nanosUntilNextTimer() {
        LoopTimer t;
        while ((t = timers.peek()) != null && t.isCancelled()) timers.poll();
        if (t == null) return -1;
        return Math.max(0, t.deadline - nanoTime());
    }

    private void handleSelectedKeys() {
        Iterator<SelectionKey> it = selector.selectedKeys().iterator();
        while (it.hasNext()) {
            SelectionKey key = it.next();
            it.remove();
            KeyHandler handler = (KeyHandler) key.attachment();
            if (handler == null) continue;
            // One failing connection must never disturb the others: it alone is closed.
            try {
                if (key.isValid()) handler.ready(key);
            } catch (Throwable e) {
                handler.failed(e);
            }
        }
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

    /** Runs the tasks queued so far; ones they queue wait for the next pass, so I/O is not starved. */
    private void runQueuedTasks() {
        for (int n = tasks.size(); n > 0; n--) {
            Runnable r = tasks.poll();
            if (r == null) break;
            runSafely(r);
        }
    }

    private void drainTasks() {
        Runnable r;
        while ((r = tasks.poll()) != null) runSafely(r);
    }

    static void runSafely(Runnable r) {
        try {
            r.run();
        } catch (Throwable e) {
            LOG.warn("task failed", e);
        }
    }

    private void shutdownKeys() {
        List<SelectionKey> keys;
        try {
            keys = new ArrayList<>(selector.keys());
        } catch (RuntimeException e) {
            keys = List.of();
        }
        for (SelectionKey key : keys) {
            if (key.attachment() instanceof KeyHandler h) {
                try {
                    h.shutdown();
                } catch (Throwable e) {
                    LOG.warn("shutdown of {} failed", h, e);
                }
            }
        }
        tasks.clear(); // only ones queued on this thread after the drain, which offer() refused
        timers.forEach(LoopTimer::cancel); // they never fire: cancel() returns false from now on
        timers.clear();
        try {
            selector.close();
        } catch (IOException e) {
            LOG.debug("closing selector", e);
        }
    }

    /** Registers an accepted channel with this loop and opens it. Loop thread. */
    void adopt(SocketChannel channel, HandlerFactory factory) {
        try {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ConnectionHandler handler = factory.newHandler(
                    (InetSocketAddress) channel.getRemoteAddress(), (InetSocketAddress) channel.getLocalAddress());
            SelectorConnection connection = new SelectorConnection(this, channel, handler);
            connection.start(channel.register(selector, 0));
        } catch (Throwable e) {
            LOG.warn("cannot take accepted connection {}", channel, e);
            try {
                channel.close();
            } catch (IOException ignored) {
                // already failing; nothing more to release
            }
        }
    }

    long passes() {
        return passes;
    }

    @Override
    public String toString() {
        return thread.getName();
    }
}
