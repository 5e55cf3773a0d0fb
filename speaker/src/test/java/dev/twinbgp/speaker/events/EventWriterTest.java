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

    /** A writer stuck on its output: once a quarter of the queue (at most 1024) waits, the caller formats; all in order. */
    @Test
    void aFillingQueueHasTheCallerFormat() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch writerStuck = new CountDownLatch(1);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        OutputStream stuck = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                writerStuck.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                sink.write(b);
            }
        };
        EventWriter w = new EventWriter(stuck, true, 16, clock::get);
        // The writer's thread first gets stuck flushing one line, so that the queue can only fill: without this,
        // how many lazy lines that thread formats before it blocks depended on scheduling (a CI run saw 7 of 12).
        assertTrue(w.offer("{\"first\":0}"));
        assertTrue(writerStuck.await(30, java.util.concurrent.TimeUnit.SECONDS));
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
        release.countDown();
        w.close();
        // capacity 16: up to 4 lines queued lazily, the caller formats the rest
        assertTrue(byCaller.get() >= 12 - 4 - 1, "formatted by the caller: " + byCaller.get());
        List<String> lines = sink.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(13, lines.size());
        assertEquals("{\"first\":0}", lines.get(0));
        for (int i = 0; i < 12; i++) {
            assertEquals("{\"n\":" + i + "}", lines.get(i + 1));
        }
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
