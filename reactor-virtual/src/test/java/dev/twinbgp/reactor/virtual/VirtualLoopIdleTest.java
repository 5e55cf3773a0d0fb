package dev.twinbgp.reactor.virtual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.reactor.Connection;
import dev.twinbgp.reactor.ConnectionHandler;
import dev.twinbgp.reactor.Listener;
import dev.twinbgp.reactor.ReactorConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Idle, the virtual reactor runs nothing: its loop parks on a condition (no pass is made) while its
 * connections' reader and writer threads park in blocking calls. Timeouts only guard against hangs.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class VirtualLoopIdleTest {

    private static void barrier(VirtualLoop loop) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(() -> done.complete(null));
        done.get(30, TimeUnit.SECONDS);
    }

    /** Records onOpen's connection and thread; discards data. */
    private static final class Opened implements ConnectionHandler {
        final CompletableFuture<Connection> opened = new CompletableFuture<>();
        final CompletableFuture<Thread> thread = new CompletableFuture<>();

        @Override
        public void onOpen(Connection c) {
            thread.complete(Thread.currentThread());
            opened.complete(c);
        }

        @Override
        public void onData(Connection c, ByteBuffer data) {
            data.position(data.limit());
        }

        @Override
        public void onClose(Connection c, Throwable cause) {
        }
    }

    private static List<Opened> openPairs(VirtualReactor reactor, int pairs) throws Exception {
        List<Opened> servers = new java.util.concurrent.CopyOnWriteArrayList<>();
        Listener l = reactor.listen(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), (remote, local) -> {
            Opened h = new Opened();
            servers.add(h);
            return h;
        });
        List<Opened> all = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            Opened client = new Opened();
            reactor.connect(l.localAddress(), null, client, Duration.ofSeconds(10));
            client.opened.get(30, TimeUnit.SECONDS);
            all.add(client);
        }
        while (servers.size() < pairs) Thread.sleep(1);
        for (Opened s : servers) s.opened.get(30, TimeUnit.SECONDS);
        all.addAll(servers);
        return all;
    }

    @Test
    void idleLoopWithOpenConnectionsMakesNoPasses() throws Exception {
        try (VirtualReactor reactor = new VirtualReactor(ReactorConfig.defaults())) {
            VirtualLoop loop = reactor.nextVirtualLoop();
            List<Opened> handlers = openPairs(reactor, 4);
            handlers.get(0).opened.get().write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
            loop.schedule(TimeUnit.HOURS.toNanos(1), () -> { });
            barrier(loop);
            Thread.sleep(100); // let the echo of the write above settle
            barrier(loop);
            long before = loop.passes();
            Thread.sleep(300); // idle time; the assertion is on a count of passes, not on time
            long idlePasses = loop.passes() - before;
            assertTrue(idlePasses <= 1, "idle passes: " + idlePasses);
            barrier(loop);
            assertTrue(loop.passes() > before, "a task wakes the parked loop");
        }
    }

    @Test
    void callbacksRunOnTheLoopsVirtualThread() throws Exception {
        try (VirtualReactor reactor = new VirtualReactor(ReactorConfig.defaults())) {
            List<Opened> handlers = openPairs(reactor, 2);
            Thread loopThread = reactor.loops()[0].thread();
            assertTrue(loopThread.isVirtual());
            for (Opened h : handlers) assertEquals(loopThread, h.thread.get());
            // A reader and a writer per connection (4), and the acceptor; the connect threads end soon
            // after their connection opened (waited for generously: only to avoid hanging).
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (reactor.liveIoThreads() != 9 && System.nanoTime() < deadline) Thread.sleep(1);
            assertEquals(9, reactor.liveIoThreads());
        }
    }

    @Test
    void closeLeavesNoThreadBehind() throws Exception {
        VirtualReactor reactor = new VirtualReactor(ReactorConfig.defaults().withLoopThreads(2));
        openPairs(reactor, 3);
        // A connect that neither succeeds nor fails before the close: a listener that never accepts
        // and whose backlog is full (as in the contract's connect timeout test).
        try (java.net.ServerSocket never = new java.net.ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            // Each connect ends in exactly one outcome: opened (the first ones fill the backlog), or
            // failed by the close.
            List<CompletableFuture<Object>> failures = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                CompletableFuture<Object> failed = new CompletableFuture<>();
                reactor.connect(new InetSocketAddress(never.getInetAddress(), never.getLocalPort()), null, new ConnectionHandler() {
                    @Override
                    public void onOpen(Connection c) {
                        failed.complete(c);
                    }

                    @Override
                    public void onData(Connection c, ByteBuffer data) {
                    }

                    @Override
                    public void onClose(Connection c, Throwable cause) {
                    }

                    @Override
                    public void onConnectFailed(Throwable cause) {
                        if (!failed.complete(cause)) failed.obtrudeException(new AssertionError("two outcomes"));
                    }
                }, Duration.ofHours(1));
                failures.add(failed);
            }
            barrier(reactor.loops()[0]);
            barrier(reactor.loops()[1]);
            reactor.close();
            assertEquals(0, reactor.liveIoThreads());
            for (CompletableFuture<Object> f : failures) {
                Object outcome = f.getNow(null);
                assertTrue(outcome instanceof Connection || outcome instanceof java.io.IOException, String.valueOf(outcome));
            }
            assertTrue(failures.stream().anyMatch(f -> f.getNow(null) instanceof java.io.IOException), "some connects were failed by the close");
            for (VirtualLoop l : reactor.loops()) assertFalse(l.thread().isAlive());
        }
    }

    @Test
    void tasksFromManyThreadsAllRun() throws Exception {
        try (VirtualReactor reactor = new VirtualReactor(ReactorConfig.defaults())) {
            VirtualLoop loop = reactor.nextVirtualLoop();
            int threads = 4;
            int perThread = 10_000;
            AtomicInteger ran = new AtomicInteger();
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
