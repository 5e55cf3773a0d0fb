package dev.twinbgp.speaker.events;

import dev.twinbgp.speaker.session.Backlog;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes event lines (one JSON object each) to stdout or a file from ONE writer thread.
 *
 * <p>Producers are reactor loop threads, which must never block: {@link #offer} puts the line in
 * a bounded queue. Its {@link #backlog()} holds the sessions back before it is full: above half the
 * queue (or 8 Mi chars) the peers stop reading their connections until it has drained to an eighth
 * (receive back-pressure, see {@link Backlog}), so a slow reader of stdout gets every event. Only a
 * reader that reads nothing for {@link #STALL_NANOS} lets the queue fill up; then a line that finds
 * it full is dropped and counted. The writer thread logs a WARN with the number dropped,
 * at most once per second. The writer flushes whenever the queue runs empty, so a reader sees
 * every line soon after it was produced.
 *
 * <p>A write error (a closed pipe, a full disk) is logged once; the writer then discards lines
 * (counted as dropped) instead of failing the speaker.
 */
public final class EventWriter implements EventSink, AutoCloseable {
    /** Lines the queue holds before dropping. */
    public static final int DEFAULT_CAPACITY = 65_536;
    private static final Logger LOG = LoggerFactory.getLogger(EventWriter.class);
    private static final long REPORT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long POLL_MILLIS = 100;
    /** A reader that takes no line for this long while the queue is congested no longer holds the sessions back. */
    public static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(5);

    /** Lines: a String, or a Supplier formatting one on this writer's thread ({@link #offerLazily}). */
    private final BlockingQueue<Object> queue;
    /** What an unformatted line counts for in the {@link Backlog} (an UPDATE's line is a few hundred chars). */
    private static final int LAZY_CHARS = 512;
    /** Above this many queued lines, {@link #offerLazily} formats on the caller's thread. */
    private final int lazyLimit;
    private final OutputStream out;
    private final boolean closeOut;
    private final LongSupplier nanoTime;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final DropReporter reporter = new DropReporter(REPORT_INTERVAL_NANOS);
    private final Thread thread;
    private final Backlog backlog;
    private volatile boolean closing;
    private boolean broken;

    /**
     * @param out      where lines go (buffered here)
     * @param closeOut close {@code out} on {@link #close()} (false for stdout)
     * @param capacity lines the queue holds
     * @param nanoTime monotonic clock for the drop reports
     */
    public EventWriter(OutputStream out, boolean closeOut, int capacity, LongSupplier nanoTime) {
        this(out, closeOut, capacity, STALL_NANOS, nanoTime);
    }

    /** As above, with the time after which a reader that takes nothing no longer holds the sessions back. */
    public EventWriter(OutputStream out, boolean closeOut, int capacity, long stallNanos, LongSupplier nanoTime) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.lazyLimit = Math.max(1, Math.min(capacity / 4, 1024)); // more would keep messages long enough to be tenured
        this.out = new BufferedOutputStream(out, 64 * 1024);
        this.closeOut = closeOut;
        this.nanoTime = nanoTime;
        this.backlog = Backlog.forCapacity(capacity, stallNanos, nanoTime);
        this.thread = new Thread(this::drain, "twinbgp-events");
        thread.setDaemon(true);
        thread.start();
    }

    /** {@code -}: stdout; anything else: a file, created or appended to. */
    public static EventWriter open(String target) throws IOException {
        if (target.equals("-")) {
            return new EventWriter(new FileOutputStream(FileDescriptor.out), false, DEFAULT_CAPACITY, System::nanoTime);
        }
        OutputStream file = Files.newOutputStream(Path.of(target), StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE);
        return new EventWriter(file, true, DEFAULT_CAPACITY, System::nanoTime);
    }

    /**
     * Queues one line (without its newline). Never blocks.
     *
     * @return false when the line was dropped (queue full, or the writer closed)
     */
    @Override
    public boolean offer(String line) {
        if (closing || !queue.offer(line)) {
            dropped.incrementAndGet();
            return false;
        }
        backlog.added(line.length());
        return true;
    }

    /**
     * Queues a line that this writer's thread formats, in order with the others (issue 18: formatting 1M
     * routes' events on the loop thread while this thread waited took 5-8x BIRD's receive time; now the loop
     * only decodes and the second core formats). Never blocks.
     *
     * @return false when the line was dropped (queue full, or the writer closed)
     */
    @Override
    public boolean offerLazily(Supplier<String> line) {
        if (queue.size() >= lazyLimit) {
            // The writer's thread formats slower than the sessions deliver: the caller formats (as before the
            // lazy lines), which shares the work between both threads and keeps the queue from filling up.
            String text = line.get();
            return text == null || offer(text);
        }
        if (closing || !queue.offer(line)) {
            dropped.incrementAndGet();
            return false;
        }
        backlog.added(LAZY_CHARS);
        return true;
    }

    /** The queue's fill level: the sessions feeding it stop reading while it is congested. */
    @Override
    public Backlog backlog() {
        return backlog;
    }

    /** Lines dropped so far. */
    public long dropped() {
        return dropped.get();
    }

    /** Lines written so far. */
    public long written() {
        return written.get();
    }

    private void drain() {
        while (true) {
            Object line;
            try {
                line = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                line = null; // close() never interrupts; treat as a wake-up
            }
            if (line != null) {
                backlog.taken(line instanceof String text ? text.length() : LAZY_CHARS);
                write(line);
                continue; // keep writing while lines wait; flush when the queue runs dry
            }
            flush();
            reportDrops();
            if (closing && queue.isEmpty()) {
                return;
            }
        }
    }

    private void write(Object queued) {
        if (broken) {
            dropped.incrementAndGet();
            return;
        }
        String line = queued instanceof String text ? text : format(queued);
        if (line == null) {
            return;
        }
        try {
            out.write(line.getBytes(StandardCharsets.UTF_8));
            out.write('\n');
            written.incrementAndGet();
        } catch (IOException e) {
            fail(e);
        }
        if (queue.isEmpty()) {
            flush();
        }
    }

    @SuppressWarnings("unchecked")
    private static String format(Object queued) {
        try {
            return ((Supplier<String>) queued).get();
        } catch (RuntimeException e) {
            // The formatter handles every decoded message; if it throws, it is a bug: the other lines go on.
            LOG.warn("cannot format an event: {}", e.toString());
            return null;
        }
    }

    private void flush() {
        if (broken) {
            return;
        }
        try {
            out.flush();
        } catch (IOException e) {
            fail(e);
        }
    }

    private void fail(IOException e) {
        broken = true;
        LOG.warn("cannot write events any more ({}); further events are discarded", e.getMessage());
    }

    private void reportDrops() {
        long fresh = reporter.due(nanoTime.getAsLong(), dropped.get());
        if (fresh > 0 && !broken) {
            LOG.warn("event queue full: dropped {} event line(s) (the events reader is slower than the sessions)", fresh);
        }
    }

    /**
     * Writes what is queued (waiting up to 0.5 s for it: a stuck reader must not hold up the
     * exit), flushes, and closes a file. Lines offered
     * after this are dropped. Safe to call twice.
     */
    @Override
    public void close() {
        closing = true;
        try {
            thread.join(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (!thread.isAlive()) {
                flush();
                if (closeOut) {
                    try {
                        out.close();
                    } catch (IOException e) {
                        LOG.debug("closing the events file: {}", e.getMessage());
                    }
                }
            }
        }
    }
}
