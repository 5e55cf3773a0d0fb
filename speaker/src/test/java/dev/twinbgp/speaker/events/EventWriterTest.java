package dev.twinbgp.speaker.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventWriterTest {
    private final AtomicLong clock = new AtomicLong();

    @Test
    void writesEveryLineInOrderOnePerLine() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EventWriter w = new EventWriter(out, true, 1000, clock::get);
        for (int i = 0; i < 500; i++) {
            assertTrue(w.offer("{\"n\":" + i + "}"));
        }
        w.close();
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(500, lines.size());
        assertEquals("{\"n\":0}", lines.get(0));
        assertEquals("{\"n\":499}", lines.get(499));
        assertEquals(500, w.written());
        assertEquals(0, w.dropped());
    }

    @Test
    void lazyLinesAreFormattedOnTheWritersThreadInOrder() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EventWriter w = new EventWriter(out, true, 10_000, clock::get); // never a quarter full: all formatted there
        Thread caller = Thread.currentThread();
        java.util.Set<Thread> formatters = java.util.concurrent.ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 300; i++) {
            int n = i;
            if (i % 3 == 0) {
                assertTrue(w.offer("{\"n\":" + n + "}"));
            } else {
                assertTrue(w.offerLazily(() -> {
                    formatters.add(Thread.currentThread());
                    if (n == 100) {
                        throw new IllegalStateException("a formatter bug"); // logged; the others go on
                    }
                    return n == 200 ? null : "{\"n\":" + n + "}";
                }));
            }
        }
        w.close();
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(298, lines.size());
        assertEquals("{\"n\":99}", lines.get(99));
        assertEquals("{\"n\":101}", lines.get(100));
        assertEquals("{\"n\":299}", lines.get(297));
        assertFalse(formatters.contains(caller));
        assertEquals(0, w.dropped());
    }

    /**
     * A writer stuck on its output: the lines wait unformatted in the queue - the caller never formats, its thread
     * is a loop thread - and the queue's backlog turns congested (the peers stop reading) before it is full; once
     * the output moves, every line is written, in order.
     */
    @Test
    void aStuckWriterHoldsThePeersBackAndTheCallerNeverFormats() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch writerStuck = new CountDownLatch(1);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        OutputStream stuck = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                writerStuck.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                sink.write(b, off, len);
            }
        };
        EventWriter w = new EventWriter(stuck, true, 16, clock::get);
        assertTrue(w.offer("{\"first\":0}"));
        assertTrue(writerStuck.await(30, TimeUnit.SECONDS));
        Thread caller = Thread.currentThread();
        AtomicLong byCaller = new AtomicLong();
        for (int i = 0; i < 12; i++) {
            int n = i;
            assertTrue(w.offerLazily(() -> {
                if (Thread.currentThread() == caller) {
                    byCaller.incrementAndGet();
                }
                return "{\"n\":" + n + "}";
            }));
        }
        assertTrue(w.backlog().congested(), "12 of 16 lines queued: above the high-water mark (8)");
        release.countDown();
        w.close();
        assertEquals(0, byCaller.get());
        List<String> lines = sink.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(13, lines.size());
        assertEquals("{\"first\":0}", lines.get(0));
        for (int i = 0; i < 12; i++) {
            assertEquals("{\"n\":" + i + "}", lines.get(i + 1));
        }
        assertEquals(13, w.written());
        assertFalse(w.backlog().congested());
    }

    /** Lines gathered while the queue is busy go out in few writes, each a run of whole lines. */
    @Test
    void linesAreWrittenInBatchesOfWholeLines() {
        List<Integer> writes = new java.util.ArrayList<>();
        ByteArrayOutputStream sink = new ByteArrayOutputStream() {
            @Override
            public synchronized void write(byte[] b, int off, int len) {
                writes.add(len);
                assertEquals('\n', b[off + len - 1], "a write ends with a whole line");
                super.write(b, off, len);
            }
        };
        EventWriter w = new EventWriter(sink, true, 100_000, clock::get);
        String line = "x".repeat(700);
        for (int i = 0; i < 2_000; i++) {
            assertTrue(w.offer(line));
        }
        w.close();
        assertEquals(2_000, sink.toString(StandardCharsets.UTF_8).lines().count());
        assertEquals(2_000, w.written());
        assertTrue(writes.size() < 2_000 / 10, "1.4 MB of lines in " + writes.size() + " writes");
    }

    @Test
    void aFileIsCreatedThenAppendedTo(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("events.json");
        try (EventWriter w = EventWriter.open(file.toString())) {
            w.offer("one");
        }
        try (EventWriter w = EventWriter.open(file.toString())) {
            w.offer("two");
        }
        assertEquals(List.of("one", "two"), Files.readAllLines(file));
    }

    @Test
    void aFullQueueDropsAndCountsInsteadOfBlocking() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch writing = new CountDownLatch(1);
        // A reader that stops reading: the writer thread blocks in its first write.
        OutputStream stuck = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                writing.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
        };
        EventWriter w = new EventWriter(stuck, true, 4, clock::get);
        w.offer("first"); // taken by the writer thread, which then blocks
        assertTrue(writing.await(10, TimeUnit.SECONDS));
        int accepted = 0;
        for (int i = 0; i < 100; i++) {
            if (w.offer("line " + i)) {
                accepted++;
            }
        }
        assertEquals(4, accepted, "the queue holds 4 lines");
        assertEquals(96, w.dropped());
        release.countDown();
        w.close();
        assertEquals(5, w.written());
        assertFalse(w.offer("after close"));
    }

    @Test
    void aWriteErrorDiscardsLaterLinesWithoutFailing() {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        EventWriter w = new EventWriter(broken, true, 16, clock::get);
        w.offer("a");
        w.offer("b");
        w.close(); // no exception, and the writer thread has ended
        assertTrue(w.written() + w.dropped() == 2, "each line either buffered before the error or discarded");
    }
}
