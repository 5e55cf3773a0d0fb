package dev.twinbgp.speaker.events;

import dev.twinbgp.speaker.json.JsonBytes;
import dev.twinbgp.speaker.session.Backlog;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes event lines (one JSON object each) to stdout or a file from ONE writer thread.
 *
 * <p>Producers are reactor loop threads, which must never block: {@link #offer} puts the line - or, with
 * {@link #offerLazily}, the decoded message it is made of ({@link EventLine}) - in a bounded queue. This
 * thread formats every line, straight into its output buffer as UTF-8 ({@link JsonBytes}: no {@code String}
 * per line for the common UPDATE), and writes the buffer out whenever {@link #WRITE_BYTES} have gathered or
 * the queue has stayed empty for {@link #LINGER_NANOS}: one write call for hundreds of lines, and a reader
 * sees every line within about a millisecond of it being produced.
 *
 * <p>The queue's {@link #backlog()} holds the sessions back before it is full: above half the queue (or 8 Mi
 * chars, an unformatted line counting {@link #LAZY_CHARS}) the peers stop reading their connections until it
 * has drained to an eighth (receive back-pressure, see {@link Backlog}), so a slow reader of stdout gets every
 * event and the queue - and what it keeps alive - stays bounded. Only a reader that reads nothing for
 * {@link #STALL_NANOS} lets the queue fill up; then a line that finds it full is dropped and counted. The
 * writer thread logs a WARN with the number dropped, at most once per second.
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
    /** Lines taken from the queue at once. */
    private static final int BATCH = 256;
    /** Formatted octets gathered before they are written out in one call. */
    static final int WRITE_BYTES = 256 * 1024;
    /** How long formatted lines wait for more after the queue ran empty before they are written out anyway. */
    static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /**
     * Spins on an empty queue before this thread parks: a loop thread delivering a table offers a line every few
     * microseconds, and waking a parked writer costs the loop a system call per line (a futex wake).
     */
    private static final int SPINS = 500;

    /** Lines: a String, or a Supplier (usually an {@link EventLine}) formatting one on this writer's thread. */
    private final LineQueue queue;
    /** What an unformatted line counts for in the {@link Backlog} (an UPDATE's line is a few hundred chars). */
    private static final int LAZY_CHARS = 512;
    private final OutputStream out;
    private final boolean closeOut;
    private final LongSupplier nanoTime;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final DropReporter reporter = new DropReporter(REPORT_INTERVAL_NANOS);
    private final Thread thread;
    private final Backlog backlog;
    /** Formatted lines not written out yet, and how many; this writer's thread only. */
    private final JsonBytes pending = new JsonBytes(WRITE_BYTES + 64 * 1024);
    private long pendingLines;
    private volatile boolean closing;
    private boolean broken;

    /**
     * @param out      where lines go
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
        this.queue = new LineQueue(capacity);
        this.out = out;
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
     * Queues a line that this writer's thread formats, in order with the others (issue 18: the loop threads only
     * decode; the second core formats, an {@link EventLine} straight into the output buffer). Never blocks.
     *
     * @return false when the line was dropped (queue full, or the writer closed)
     */
    @Override
    public boolean offerLazily(Supplier<String> line) {
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
        Object[] batch = new Object[BATCH];
        while (true) {
            // Many lines per lock of the queue (the producers' lock too), and one update of the backlog for them.
            int n = queue.drainTo(batch, BATCH);
            if (n == 0 && await()) {
                n = queue.drainTo(batch, BATCH);
            }
            if (n > 0) {
                long chars = 0;
                for (int i = 0; i < n; i++) {
                    chars += batch[i] instanceof String text ? text.length() : LAZY_CHARS;
                }
                backlog.taken(n, chars);
                for (int i = 0; i < n; i++) {
                    format(batch[i]);
                    batch[i] = null;
                    if (pending.length() >= WRITE_BYTES) {
                        writeOut();
                    }
                }
                continue;
            }
            writeOut();
            flush();
            reportDrops();
            if (closing && queue.isEmpty()) {
                return;
            }
        }
    }

    /**
     * Waits after the queue ran empty: spins a little (a table's lines come every few microseconds) watching the
     * backlog's count - never the queue, whose lock the producers need - then, with formatted lines waiting, waits
     * up to {@link #LINGER_NANOS} for more, else {@link #POLL_MILLIS}. True when there are lines to take now;
     * false when none came: then what is formatted is written out.
     */
    private boolean await() {
        for (int i = 0; i < SPINS; i++) {
            // Producers count a line after queueing it, and this thread uncounts the lines it has taken.
            if (backlog.lines() > 0) {
                return true;
            }
            Thread.onSpinWait();
        }
        try {
            Object line = pendingLines > 0 ? queue.poll(LINGER_NANOS, TimeUnit.NANOSECONDS)
                    : queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            if (line != null) {
                // Taken alone: counted here; the batch after it is counted by the caller.
                backlog.taken(line instanceof String text ? text.length() : LAZY_CHARS);
                format(line);
                return true;
            }
            return false;
        } catch (InterruptedException e) {
            return false; // close() never interrupts; treat as a wake-up
        }
    }

    /** Formats one queued line into {@link #pending}, with its newline. */
    @SuppressWarnings("unchecked")
    private void format(Object queued) {
        if (broken) {
            dropped.incrementAndGet();
            return;
        }
        int mark = pending.length();
        try {
            // instanceof, not a pattern switch: the switch's type test is a class generated at run time, which the
            // AOT cache's trained profiles never cover, so C2 compiled it for the UPDATE lines alone and threw the
            // whole compiled formatter away at the next state line (a session reset) - issue 18, "recv2".
            if (queued instanceof EventLine line) {
                line.writeTo(pending);
            } else if (queued instanceof String text) {
                pending.append(text);
            } else {
                String text = ((Supplier<String>) queued).get();
                if (text != null) {
                    pending.append(text);
                }
            }
        } catch (RuntimeException e) {
            // The formatter handles every decoded message; if it throws, it is a bug: the other lines go on.
            pending.truncate(mark);
            LOG.warn("cannot format an event: {}", e.toString());
        }
        if (pending.length() > mark) {
            pending.append((byte) '\n');
            pendingLines++;
        }
    }

    /** Writes the formatted lines out in one call. */
    private void writeOut() {
        if (pending.length() == 0) {
            return;
        }
        if (!broken) {
            try {
                out.write(pending.array(), 0, pending.length());
                written.addAndGet(pendingLines);
            } catch (IOException e) {
                dropped.addAndGet(pendingLines);
                fail(e);
            }
        } else {
            dropped.addAndGet(pendingLines);
        }
        pending.truncate(0);
        pendingLines = 0;
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
