package dev.twinbgp.parity.reactor;

import dev.twinbgp.reactor.Connection;
import dev.twinbgp.reactor.ConnectionHandler;
import dev.twinbgp.reactor.Listener;
import dev.twinbgp.reactor.PendingConnect;
import dev.twinbgp.reactor.Reactor;
import dev.twinbgp.reactor.ReactorConfig;
import dev.twinbgp.reactor.Reactors;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link ReactorOp.CloseRace}: connects racing {@code Reactor.close()} on a throw-away reactor of the kind under
 * test (the runner's own reactor lives for the whole campaign). Traces one verdict line, or a violation per
 * broken attempt (the first few).
 */
final class CloseRace {
    private static final int MAX_REPORTED = 3;
    private static final int MAX_ATTEMPTS_PER_CALLER = 500;

    private final String reactorName;
    private final ProgramTrace trace;
    private final String stream;

    CloseRace(String reactorName, ProgramTrace trace, String stream) {
        this.reactorName = reactorName;
        this.trace = trace;
        this.stream = stream;
    }

    /** What one attempt saw. */
    private static final class Attempt implements ConnectionHandler {
        final AtomicInteger opened = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();
        volatile boolean threw;
        volatile boolean cancelled;

        @Override
        public void onOpen(Connection connection) {
            opened.incrementAndGet();
        }

        @Override
        public void onData(Connection connection, ByteBuffer data) {
            data.position(data.limit());
        }

        @Override
        public void onClose(Connection connection, Throwable cause) {
            closed.incrementAndGet();
        }

        @Override
        public void onConnectFailed(Throwable cause) {
            failed.incrementAndGet();
        }

        /** Null when it ended exactly once. */
        String broken() {
            int outcomes = (threw ? 1 : 0) + (cancelled ? 1 : 0) + opened.get() + failed.get();
            if (outcomes != 1) {
                return "threw: " + threw + ", cancelled: " + cancelled + ", onOpen: " + opened + ", onConnectFailed: " + failed;
            }
            if (opened.get() == 1 && closed.get() != 1) {
                return "onOpen, then onClose " + closed + " time(s)";
            }
            return null;
        }
    }

    void play(int callers, InetSocketAddress refusing, long seed) throws InterruptedException, IOException {
        Reactor r = Reactors.create(reactorName, ReactorConfig.defaults().withLoopThreads(1));
        Listener listener;
        try {
            listener = r.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), (remote, local) -> new Attempt());
        } catch (IOException | RuntimeException e) {
            r.close();
            throw e;
        }
        InetSocketAddress live = listener.localAddress();
        List<Attempt> attempts = new CopyOnWriteArrayList<>();
        CountDownLatch started = new CountDownLatch(4 * callers);
        AtomicBoolean over = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < callers; t++) {
            Random random = new Random(seed * 31 + t);
            threads.add(Thread.ofPlatform().name("reactor-fuzz-close-race").start(() -> {
                // Until close() returned (a connect made after that which does not throw is a violation) or the bound.
                for (int i = 0; i < MAX_ATTEMPTS_PER_CALLER && !over.get(); i++) {
                    Attempt a = new Attempt();
                    attempts.add(a);
                    started.countDown();
                    PendingConnect pending;
                    try {
                        pending = r.connect(random.nextBoolean() ? live : refusing, null, a, Duration.ofSeconds(ProgramRunner.WAIT_SECONDS));
                    } catch (IllegalStateException closed) {
                        a.threw = true;
                        break;
                    }
                    if (random.nextInt(4) == 0) {
                        a.cancelled = pending.cancel();
                    }
                }
                while (started.getCount() > 0) {
                    started.countDown(); // a caller that stopped early never holds the close back
                }
            }));
        }
        started.await(ProgramRunner.WAIT_SECONDS, TimeUnit.SECONDS);
        r.close();
        over.set(true);
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(ProgramRunner.WAIT_SECONDS));
        }
        int reported = 0;
        for (Attempt a : attempts) {
            String broken = a.broken();
            if (broken != null && reported++ < MAX_REPORTED) {
                trace.violation(stream, "a connect racing close() did not end exactly once: " + broken);
            }
        }
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(live, 1_000);
            trace.violation(stream, "the listener is still open after close()");
        } catch (IOException expected) {
            // refused: the listener was closed with its reactor
        }
        if (reported == 0) {
            trace.line(stream, "every connect racing close() ended exactly once; the listener closed");
        }
    }
}
