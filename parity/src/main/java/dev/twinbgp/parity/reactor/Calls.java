package dev.twinbgp.parity.reactor;

import dev.twinbgp.parity.reactor.ReactorOp.Caller;
import dev.twinbgp.reactor.EventLoop;
import java.util.concurrent.TimeUnit;

/** Makes a program's call from where its operation says ({@link Caller}); a call from another thread is joined. */
final class Calls {
    private final EventLoop loop;
    private final ProgramTrace trace;

    Calls(EventLoop loop, ProgramTrace trace) {
        this.loop = loop;
        this.trace = trace;
    }

    /** Runs {@code action} from {@code from}; what it throws becomes a line of the stream {@code name}. */
    void make(Caller from, String name, Runnable action) throws InterruptedException {
        Runnable guarded = () -> {
            try {
                action.run();
            } catch (RuntimeException e) {
                trace.line(name, "threw " + e.getClass().getSimpleName());
            }
        };
        switch (from) {
            case DRIVER -> guarded.run();
            case THREAD -> {
                Thread t = Thread.ofPlatform().name("reactor-fuzz-caller").start(guarded);
                t.join(TimeUnit.SECONDS.toMillis(ProgramRunner.WAIT_SECONDS));
            }
            case LOOP -> loop.execute(() -> {
                trace.checkLoop(name, "a loop task");
                guarded.run();
            });
            case NESTED -> loop.execute(() -> loop.execute(() -> {
                trace.checkLoop(name, "a task queued from the loop");
                guarded.run();
            }));
        }
    }
}
