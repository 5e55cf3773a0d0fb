package dev.twinbgp.reactor.selector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.reactor.ReactorConfig;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** An idle selector loop blocks in select(): it makes no passes until something happens. */
class SelectorLoopIdleTest {

    private static void barrier(SelectorLoop loop) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(() -> done.complete(null));
        done.get(30, TimeUnit.SECONDS);
    }

    @Test
    void idleLoopDoesNotSpin() throws Exception {
        try (SelectorReactor reactor = new SelectorReactor(ReactorConfig.defaults())) {
            SelectorLoop loop = reactor.nextSelectorLoop();
            loop.schedule(TimeUnit.HOURS.toNanos(1), () -> { });
            barrier(loop);
            barrier(loop);
            long before = loop.passes();
            Thread.sleep(300); // idle time; the assertion is on a count of passes, not on time
            long idlePasses = loop.passes() - before;
            assertTrue(idlePasses <= 1, "idle passes: " + idlePasses);
            barrier(loop);
            // Race: the pass that ran the barrier's task was counted before its select() (passes++ comes
            // first), so the count moves only when the loop starts its next pass, which may be just after
            // the barrier completes on this thread. Wait for it (generously: only to avoid hanging).
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (loop.passes() <= before && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertTrue(loop.passes() > before, "a task wakes the sleeping loop");
        }
    }

    @Test
    void tasksFromManyThreadsAllRun() throws Exception {
        try (SelectorReactor reactor = new SelectorReactor(ReactorConfig.defaults())) {
            SelectorLoop loop = reactor.nextSelectorLoop();
            int threads = 4;
            int perThread = 10_000;
            java.util.concurrent.atomic.AtomicInteger ran = new java.util.concurrent.atomic.AtomicInteger();
            Thread[] ts = new Thread[threads];
            for (int t = 0; t < threads; t++) {
                ts[t] = new Thread(() -> {
                    for (int i = 0; i < perThread; i++) loop.execute(ran::incrementAndGet);
                });
                ts[t].start();
            }
            for (Thread t : ts) t.join();
            barrier(loop);
            assertEquals(threads * perThread, ran.get());
        }
    }
}
