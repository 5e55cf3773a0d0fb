package dev.twinbgp.parity.reactor;

import dev.twinbgp.parity.reactor.ReactorOp.AskInLoop;
import dev.twinbgp.parity.reactor.ReactorOp.CancelConnect;
import dev.twinbgp.parity.reactor.ReactorOp.Caller;
import dev.twinbgp.parity.reactor.ReactorOp.Connect;
import dev.twinbgp.parity.reactor.ReactorOp.End;
import dev.twinbgp.parity.reactor.ReactorOp.PauseReading;
import dev.twinbgp.parity.reactor.ReactorOp.ResumeReading;
import dev.twinbgp.parity.reactor.ReactorOp.Schedule;
import dev.twinbgp.parity.reactor.ReactorOp.Side;
import dev.twinbgp.parity.reactor.ReactorOp.Sleep;
import dev.twinbgp.parity.reactor.ReactorOp.Tasks;
import dev.twinbgp.parity.reactor.ReactorOp.Write;
import dev.twinbgp.reactor.Connection;
import dev.twinbgp.reactor.EventLoop;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Plays {@link ReactorProgram}s on one reactor (one loop thread, water marks far above what a program
 * writes, so no writability signal depends on the kernel) and returns each program's {@link ProgramTrace}.
 * The driver thread plays the operations in order; what must have happened before the next step is
 * awaited by progress (both ends open, every byte received), never by the clock - the waits' bound
 * ({@value #WAIT_SECONDS} s) only ends a program a broken reactor hangs, and says so in the trace.
 * After the last operation: a barrier timer, armed twice ({@value #BARRIER_MILLIS} ms, longer than any
 * timer of a program, so every timer due before it has fired), then every task and timer the program
 * expects to run, every end closed.
 */
final class ProgramRunner implements AutoCloseable {
    static final int WAIT_SECONDS = 10;
    private static final int BARRIER_MILLIS = 40;
    private static final long MS = 1_000_000L;

    private final String reactorName;
    private final Reactor reactor;
    private final EventLoop loop;
    private final Thread loopThread;
    private final DeadEnds deadEnds;

    ProgramRunner(String reactorName) throws InterruptedException, IOException {
        this.reactorName = reactorName;
        deadEnds = new DeadEnds(); // first: when it cannot be made, no reactor is left running
        try {
            reactor = Reactors.create(reactorName, ReactorConfig.defaults().withLoopThreads(1)
                    .withWaterMarks(32 << 20, 64 << 20, 128L << 20));
        } catch (RuntimeException e) {
            deadEnds.close();
            throw e;
        }
        loop = reactor.nextLoop();
        CompletableFuture<Thread> thread = new CompletableFuture<>();
        loop.execute(() -> thread.complete(Thread.currentThread()));
        try {
            loopThread = thread.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            close();
            throw new IllegalStateException("reactor " + reactorName + ": a task queued from another thread never ran", e);
        }
    }

    @Override
    public void close() {
        reactor.close();
        deadEnds.close();
    }

    List<String> run(ReactorProgram program) throws InterruptedException {
        return new Play(program).run();
    }

    /** One program's run: its trace, its pairs, what it still expects to happen. */
    private final class Play {
        private final ReactorProgram program;
        private final ProgramTrace trace = new ProgramTrace(loopThread);
        private final EndHandler[][] ends;
        private final Connection[][] conns;
        private final End[] endedBy;
        private final List<EndHandler> attempts = new ArrayList<>();
        private final AtomicReference<EndHandler> nextServer = new AtomicReference<>();
        private final Calls calls = new Calls(loop, trace);
        private final LoopWork work = new LoopWork(loop, trace, calls);
        private Listener listener;
        private String stream;

        Play(ReactorProgram program) {
            this.program = program;
            ends = new EndHandler[program.pairs() + 1][2];
            conns = new Connection[program.pairs() + 1][2];
            endedBy = new End[program.pairs() + 1];
        }

        List<String> run() throws InterruptedException {
            try {
                for (int i = 0; i < program.ops().size(); i++) {
                    stream = String.format("op %02d", i + 1);
                    play(program.ops().get(i));
                }
                settle();
            } catch (Stop e) {
                trace.line("program", "stopped: " + e.getMessage());
            } catch (IOException e) {
                trace.line("program", "stopped: " + e);
            } finally {
                cleanUp();
            }
            return trace.seal();
        }

        private void play(ReactorOp op) throws InterruptedException, IOException {
            switch (op) {
                case Connect c -> connect(c);
                case Write w -> write(w);
                case PauseReading p -> pause(p);
                case ResumeReading r -> resume(r);
                case End e -> end(e);
                case Schedule s -> work.schedule(stream, s);
                case Tasks t -> work.tasks(stream, t);
                case AskInLoop a -> work.askInLoop(stream, a);
                case CancelConnect c -> cancelConnect(c);
                case ReactorOp.CloseRace c -> new CloseRace(reactorName, trace, stream + " close race " + c.race()).play(c.callers(),
                        deadEnds.refusing(), program.seed());
                case Sleep s -> Thread.sleep(s.millis());
            }
        }

        private long key(int pair, Side side) {
            return program.seed() * 31 + pair * 2L + side.ordinal();
        }

        private void connect(Connect c) throws InterruptedException, IOException {
            if (listener == null) {
                listener = reactor.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), (remote, local) -> {
                    EndHandler h = nextServer.getAndSet(null);
                    if (h == null) {
                        trace.violation("program", "a connection nobody made was accepted");
                        return new EndHandler("stray", trace, 0);
                    }
                    trace.checkLoop(h.stream, "HandlerFactory.newHandler");
                    h.factoryAddresses = new InetSocketAddress[] {remote, local};
                    return h;
                });
            }
            int p = c.pair();
            EndHandler client = new EndHandler("pair " + p + " client", trace, key(p, Side.SERVER));
            EndHandler server = new EndHandler("pair " + p + " server", trace, key(p, Side.CLIENT));
            ends[p][Side.CLIENT.ordinal()] = client;
            ends[p][Side.SERVER.ordinal()] = server;
            nextServer.set(server);
            InetSocketAddress to = listener.localAddress();
            calls.make(c.from(), stream, () -> reactor.connect(to, null, client, Duration.ofSeconds(WAIT_SECONDS)));
            conns[p][Side.CLIENT.ordinal()] = await(client.opened, "pair " + p + ": the client never opened");
            conns[p][Side.SERVER.ordinal()] = await(server.opened, "pair " + p + ": the server end never opened");
            checkAddresses(server, conns[p][Side.CLIENT.ordinal()], conns[p][Side.SERVER.ordinal()]);
        }

        /** The two ends name each other, and the HandlerFactory was told the accepted end's remote and local address. */
        private void checkAddresses(EndHandler server, Connection client, Connection accepted) {
            if (!client.localAddress().equals(accepted.remoteAddress()) || !client.remoteAddress().equals(accepted.localAddress())) {
                trace.violation(server.stream, "the ends' addresses do not match: client " + client.localAddress() + " -> "
                        + client.remoteAddress() + ", server end " + accepted.localAddress() + " <- " + accepted.remoteAddress());
            }
            InetSocketAddress[] told = server.factoryAddresses;
            if (told != null && (!accepted.remoteAddress().equals(told[0]) || !accepted.localAddress().equals(told[1]))) {
                trace.violation(server.stream, "HandlerFactory got remote " + told[0] + ", local " + told[1] + " for the connection from "
                        + accepted.remoteAddress() + " to " + accepted.localAddress());
            }
        }

        /** A connect that hangs, cancelled at once (true, then false, no callback), or one refused, cancelled after (false). */
        private void cancelConnect(CancelConnect c) throws InterruptedException, IOException {
            String name = stream + " attempt " + c.attempt();
            EndHandler h = new EndHandler(name, trace, 0);
            attempts.add(h);
            Duration timeout = Duration.ofSeconds(60);
            if (c.refused()) {
                InetSocketAddress to = deadEnds.refusing();
                AtomicReference<PendingConnect> attempt = new AtomicReference<>();
                calls.make(c.from(), name, () -> attempt.set(reactor.connect(to, null, h, timeout)));
                try {
                    h.opened.get(WAIT_SECONDS, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException failed) {
                    trace.line(name, "cancel() after onConnectFailed: " + attempt.get().cancel());
                } catch (java.util.concurrent.TimeoutException e) {
                    trace.line(name, "neither onOpen nor onConnectFailed within " + WAIT_SECONDS + " s");
                }
            } else {
                InetSocketAddress to = deadEnds.hanging();
                calls.make(c.from(), name, () -> {
                    PendingConnect attempt = reactor.connect(to, null, h, timeout);
                    trace.line(name, "cancel(): " + attempt.cancel());
                    trace.line(name, "cancel() again: " + attempt.cancel());
                });
            }
        }

        private void write(Write w) throws InterruptedException {
            EndHandler end = end(w.pair(), w.side());
            Connection conn = conn(w.pair(), w.side());
            List<ByteBuffer> chunks = chunks(end, w.size(), w.chunks());
            calls.make(w.from(), stream, () -> chunks.forEach(conn::write));
        }

        /** {@code size} next bytes of the end's stream, cut into {@code count} buffers. */
        private List<ByteBuffer> chunks(EndHandler end, int size, int count) {
            long key = key(pairOf(end), sideOf(end));
            List<ByteBuffer> out = new ArrayList<>();
            long at = end.written;
            for (int i = 0; i < count; i++) {
                int n = i == count - 1 ? size - (count - 1) * (size / count) : size / count;
                ByteBuffer b = ByteBuffer.allocate(n);
                for (int k = 0; k < n; k++) {
                    b.put(EndHandler.content(key, at + k));
                }
                out.add(b.flip());
                at += n;
            }
            end.written = at;
            return out;
        }

        private void pause(PauseReading p) throws InterruptedException {
            EndHandler end = end(p.pair(), p.side());
            Connection conn = conn(p.pair(), p.side());
            if (p.from() == Caller.LOOP) {
                loop.execute(() -> {
                    conn.pauseReading();
                    end.paused = true;
                });
            } else {
                calls.make(p.from(), stream, conn::pauseReading);
                loop.execute(() -> end.paused = true); // runs after the pause took effect: call order
            }
        }

        private void resume(ResumeReading r) throws InterruptedException {
            EndHandler end = end(r.pair(), r.side());
            Connection conn = conn(r.pair(), r.side());
            if (r.from() == Caller.LOOP) {
                loop.execute(() -> {
                    end.paused = false;
                    conn.resumeReading();
                });
            } else {
                loop.execute(() -> end.paused = false); // runs before the resume takes effect
                calls.make(r.from(), stream, conn::resumeReading);
            }
        }

        private void end(End e) throws InterruptedException {
            int p = e.pair();
            EndHandler end = end(p, e.side());
            Connection conn = conn(p, e.side());
            loop.execute(() -> {
                end.paused = false;
                conn.resumeReading();
            });
            // Everything the other side wrote is read before we close: a socket closed with unread data
            // sends a reset, which may overtake our last bytes.
            awaitReceived(end, end(p, e.side().peer()));
            List<ByteBuffer> last = e.lastWrite() == 0 ? List.of() : chunks(end, e.lastWrite(), 1);
            endedBy[p] = e;
            calls.make(e.from(), stream, () -> {
                last.forEach(conn::write);
                if (e.abort()) {
                    conn.abort();
                } else {
                    conn.close();
                }
            });
        }

        /** Waits (by progress) until {@code reader} has received everything {@code writer} wrote. */
        private void awaitReceived(EndHandler reader, EndHandler writer) throws InterruptedException {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (reader.received < writer.written && System.nanoTime() < until) {
                Thread.sleep(1);
            }
            if (reader.received != writer.written) {
                trace.line(reader.stream, "stalled before the end: received " + reader.received + " of the peer's " + writer.written + " bytes");
            }
        }

        /** After the last operation: timers, tasks and closes settle (by progress, bounded by the wait). */
        private void settle() throws InterruptedException {
            loop.execute(() -> {
                for (int p = 1; p <= program.pairs(); p++) {
                    for (Side side : Side.values()) {
                        end(p, side).paused = false;
                        conn(p, side).resumeReading();
                    }
                }
            });
            CompletableFuture<Void> barrier = new CompletableFuture<>();
            loop.execute(() -> loop.schedule(BARRIER_MILLIS * MS, () -> loop.schedule(BARRIER_MILLIS * MS, () -> barrier.complete(null))));
            await(barrier, "the barrier timer never fired");
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (work.outstanding() > 0 && System.nanoTime() < until) {
                Thread.sleep(1);
            }
            if (work.outstanding() > 0) {
                trace.line("program", work.outstanding() + " task(s) or timer(s) never ran");
            }
            work.afterSettling();
            for (int p = 1; p <= program.pairs(); p++) {
                for (Side side : Side.values()) {
                    EndHandler e = end(p, side);
                    EndHandler peer = end(p, side.peer());
                    try {
                        e.closed.get(WAIT_SECONDS, TimeUnit.SECONDS);
                    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException x) {
                        trace.line(e.stream, "never closed");
                    }
                    End how = endedBy[p];
                    boolean prefix = how != null && how.abort() && how.side() == side.peer();
                    trace.line(e.stream, prefix && e.received <= peer.written
                            ? "received a prefix of the peer's " + peer.written + " bytes (it aborted)"
                            : "received " + e.received + " of the peer's " + peer.written + " bytes");
                }
            }
        }

        /** Whatever happened, nothing of the program stays open for the next one. */
        private void cleanUp() {
            for (Connection[] pair : conns) {
                for (Connection c : pair) {
                    if (c != null && c.isOpen()) {
                        c.abort();
                    }
                }
            }
            for (EndHandler a : attempts) {
                if (a.opened.isDone() && !a.opened.isCompletedExceptionally()) {
                    a.opened.join().abort();
                }
            }
            if (listener != null) {
                listener.close();
            }
        }

        private <T> T await(CompletableFuture<T> f, String what) throws InterruptedException {
            try {
                return f.get(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new Stop(what + ": " + e.getCause());
            } catch (java.util.concurrent.TimeoutException e) {
                throw new Stop(what + " (within " + WAIT_SECONDS + " s)");
            }
        }

        private EndHandler end(int pair, Side side) {
            return ends[pair][side.ordinal()];
        }

        private Connection conn(int pair, Side side) {
            Connection c = conns[pair][side.ordinal()];
            if (c == null) {
                throw new Stop("pair " + pair + " is not open");
            }
            return c;
        }

        private int pairOf(EndHandler e) {
            for (int p = 1; p < ends.length; p++) {
                if (ends[p][0] == e || ends[p][1] == e) {
                    return p;
                }
            }
            throw new IllegalStateException("not an end of this program");
        }

        private Side sideOf(EndHandler e) {
            return ends[pairOf(e)][0] == e ? Side.CLIENT : Side.SERVER;
        }
    }

    /** Ends a program early (a pair that never opened); the trace says why. */
    private static final class Stop extends RuntimeException {
        Stop(String why) {
            super(why, null, false, false);
        }
    }
}
