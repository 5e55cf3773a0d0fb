package dev.twinbgp.parity.reactor;

import dev.twinbgp.parity.reactor.ReactorOp.AskInLoop;
import dev.twinbgp.parity.reactor.ReactorOp.Schedule;
import dev.twinbgp.parity.reactor.ReactorOp.Tasks;
import dev.twinbgp.parity.reactor.ReactorOp.TimerPlan;
import dev.twinbgp.reactor.EventLoop;
import dev.twinbgp.reactor.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A program's timers, task trees and inLoop() questions: what each records, and what the program expects
 * to run ({@link #outstanding()}) before its trace is taken. Timers record whether and where they fired,
 * not when (only that none fired before its delay, by the loop's own clock); a task tree records the
 * order of its tasks' entries and exits, which the contract fixes (a task queued from the loop runs after
 * the task that queued it and after the tasks already waiting).
 */
final class LoopWork {
    private static final long MS = 1_000_000L;
    private static final int WAIT_SECONDS = ProgramRunner.WAIT_SECONDS;
    private final EventLoop loop;
    private final ProgramTrace trace;
    private final Calls calls;
    private final AtomicInteger outstanding = new AtomicInteger();
    private final List<Runnable> afterSettling = new ArrayList<>();

    LoopWork(EventLoop loop, ProgramTrace trace, Calls calls) {
        this.loop = loop;
        this.trace = trace;
        this.calls = calls;
    }

    /** Timers and tasks the program still expects to run. */
    int outstanding() {
        return outstanding.get();
    }

    /** Once every timer and task ran: the cancels that come after firing. */
    void afterSettling() {
        afterSettling.forEach(Runnable::run);
    }

    void schedule(String stream, Schedule s) throws InterruptedException {
        String name = stream + " timer " + s.timer();
        long delay = s.delayMillis() * MS;
        CompletableFuture<Timer> self = new CompletableFuture<>();
        int expected = switch (s.plan()) {
            case CANCEL, CANCEL_TWICE -> 0;
            case REARM -> 2;
            case FIRE, CANCEL_WHILE_FIRING, CANCEL_AFTER_FIRING -> 1;
        };
        outstanding.addAndGet(expected);
        calls.make(s.from(), name, () -> {
            long t0 = loop.nanoTime();
            Timer t = loop.schedule(delay, () -> fired(name, s, t0, self));
            self.complete(t);
            if (s.plan() == TimerPlan.CANCEL || s.plan() == TimerPlan.CANCEL_TWICE) {
                trace.line(name, "cancel(): " + t.cancel());
            }
            if (s.plan() == TimerPlan.CANCEL_TWICE) {
                trace.line(name, "cancel() again: " + t.cancel());
            }
        });
        if (s.plan() == TimerPlan.CANCEL_AFTER_FIRING) {
            afterSettling.add(() -> trace.line(name, "cancel() after it fired: " + self.join().cancel()));
        }
    }

    private void fired(String name, Schedule s, long t0, CompletableFuture<Timer> self) {
        trace.onLoop(name, "fired");
        if (loop.nanoTime() - t0 < s.delayMillis() * MS) {
            trace.violation(name, "fired before its delay (per the loop's nanoTime())");
        }
        switch (s.plan()) {
            case CANCEL_WHILE_FIRING -> {
                try {
                    trace.line(name, "cancel() while firing: " + self.get(WAIT_SECONDS, TimeUnit.SECONDS).cancel());
                } catch (Exception e) {
                    trace.line(name, "schedule() did not return: " + e);
                }
            }
            case REARM -> {
                long t1 = loop.nanoTime();
                loop.schedule(s.delayMillis() * MS, () -> {
                    trace.onLoop(name, "re-armed timer fired");
                    if (loop.nanoTime() - t1 < s.delayMillis() * MS) {
                        trace.violation(name, "the re-armed timer fired before its delay");
                    }
                    outstanding.decrementAndGet();
                });
            }
            default -> {
            }
        }
        outstanding.decrementAndGet();
    }

    void tasks(String stream, Tasks t) throws InterruptedException {
        String name = stream + " tasks " + t.chain();
        int nodes = 0;
        for (int level = 0, width = 1; level <= t.depth(); level++, width *= t.fanout()) {
            nodes += width;
        }
        outstanding.addAndGet(nodes);
        Runnable root = node(name, "1", 0, t);
        calls.make(t.from(), name, () -> loop.execute(root));
    }

    /** A task that records its entry, queues its children from the loop, records its exit. */
    private Runnable node(String name, String id, int level, Tasks t) {
        return () -> {
            trace.onLoop(name, "enter " + id);
            if (level < t.depth()) {
                for (int i = 1; i <= t.fanout(); i++) {
                    loop.execute(node(name, id + "." + i, level + 1, t));
                }
            }
            trace.line(name, "leave " + id);
            outstanding.decrementAndGet();
        };
    }

    void askInLoop(String name, AskInLoop a) throws InterruptedException {
        calls.make(a.from(), name, () -> trace.line(name, "inLoop() " + a.from().text() + ": " + loop.inLoop()));
    }
}
