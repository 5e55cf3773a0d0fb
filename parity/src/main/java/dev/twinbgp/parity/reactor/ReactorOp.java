package dev.twinbgp.parity.reactor;

/**
 * One operation of a {@link ReactorProgram}, as data: the driver thread plays them in order
 * ({@link ProgramRunner}). Pairs are loopback connections made by the program ({@code client} connected to
 * {@code server}, both ends on the reactor under test), numbered from 1.
 */
sealed interface ReactorOp {

    /** Where a call is made: the contract allows every call from any thread, and promises call order. */
    enum Caller {
        /** Directly on the driver thread (off the loop: the reactor queues the call onto its loop). */
        DRIVER,
        /** On a thread started for the call (and joined before the next operation). */
        THREAD,
        /** In a task the driver queues with {@code EventLoop.execute}. */
        LOOP,
        /** In a task queued by a loop task ({@code execute} from the loop itself). */
        NESTED;

        String text() {
            return switch (this) {
                case DRIVER -> "from the driver thread";
                case THREAD -> "from another thread";
                case LOOP -> "in a loop task";
                case NESTED -> "in a task queued from the loop";
            };
        }
    }

    enum Side {
        CLIENT, SERVER;

        Side peer() {
            return this == CLIENT ? SERVER : CLIENT;
        }

        String text() {
            return this == CLIENT ? "client" : "server";
        }
    }

    /** What a timer's program does with it. */
    enum TimerPlan {
        /** Fires once, on the loop, not before its delay. */
        FIRE,
        /** Cancelled right after scheduling (in the same task, or at once from the driver for a 60 s timer): never fires. */
        CANCEL,
        /** Cancelled twice: true, then false; never fires. */
        CANCEL_TWICE,
        /** Its own task cancels it while firing: false (it had fired). */
        CANCEL_WHILE_FIRING,
        /** Its task schedules one more timer (re-armed), which fires too. */
        REARM,
        /** Fires; cancelled after the program's timers settled: false. */
        CANCEL_AFTER_FIRING
    }

    /** Listen, connect the pair's client and wait until both ends are open (connect called by {@code from}). */
    record Connect(int pair, Caller from) implements ReactorOp {
    }

    /** {@code size} bytes of the side's own stream, in {@code chunks} writes (one task, or consecutive calls). */
    record Write(int pair, Side side, int size, int chunks, Caller from) implements ReactorOp {
    }

    record PauseReading(int pair, Side side, Caller from) implements ReactorOp {
    }

    record ResumeReading(int pair, Side side, Caller from) implements ReactorOp {
    }

    /**
     * Ends a pair: {@code side} resumes reading and receives all the other side wrote, then writes
     * {@code lastWrite} bytes and closes gracefully (or aborts) at once, with that output possibly pending
     * (the other side may still be paused: it resumes when the program settles).
     */
    record End(int pair, Side side, int lastWrite, boolean abort, Caller from) implements ReactorOp {
    }

    /** A one-shot timer of {@code delayMillis} (0-25 ms, or 60 s for one cancelled from another thread). */
    record Schedule(int timer, int delayMillis, TimerPlan plan, Caller from) implements ReactorOp {
    }

    /** A tree of tasks: the root queued by {@code from}, each task queueing {@code fanout} more, {@code depth} levels deep. */
    record Tasks(int chain, int depth, int fanout, Caller from) implements ReactorOp {
    }

    /**
     * An outgoing attempt cancelled through its {@code PendingConnect}: to an address where it hangs, cancelled
     * at once by the caller that made it (true, then false; no callback follows), or to one that refuses,
     * cancelled after its {@code onConnectFailed} (false).
     */
    record CancelConnect(int attempt, boolean refused, Caller from) implements ReactorOp {
    }

    /**
     * A throw-away reactor of the same kind, listening, is closed while {@code callers} threads keep connecting to
     * its listener and to a refusing port, some attempts cancelled at once: every connect ends exactly once (it
     * throws, its cancel() answers true, or its handler gets one of onOpen - then onClose - and onConnectFailed)
     * before close() returns, and the listener is closed. Only that verdict is traced: the mix of outcomes is timing.
     */
    record CloseRace(int race, int callers) implements ReactorOp {
    }

    /** Asks {@code EventLoop.inLoop()} from {@code from}. */
    record AskInLoop(Caller from) implements ReactorOp {
    }

    /** The driver sleeps (lets the loop run ahead: other interleavings, never other traces). */
    record Sleep(int millis) implements ReactorOp {
    }

    /** One line saying what the operation does. */
    static String describe(ReactorOp op) {
        return switch (op) {
            case Connect c -> "pair " + c.pair() + ": connect " + c.from().text();
            case Write w -> "pair " + w.pair() + " " + w.side().text() + ": write " + w.size() + " bytes in " + w.chunks()
                    + " call(s) " + w.from().text();
            case PauseReading p -> "pair " + p.pair() + " " + p.side().text() + ": pauseReading() " + p.from().text();
            case ResumeReading r -> "pair " + r.pair() + " " + r.side().text() + ": resumeReading() " + r.from().text();
            case End e -> "pair " + e.pair() + " " + e.side().text() + ": write " + e.lastWrite() + " bytes then "
                    + (e.abort() ? "abort()" : "close()") + " " + e.from().text();
            case Schedule s -> "timer " + s.timer() + ": " + s.delayMillis() + " ms, " + s.plan().name().toLowerCase().replace('_', ' ')
                    + ", scheduled " + s.from().text();
            case Tasks t -> "tasks " + t.chain() + ": depth " + t.depth() + ", fanout " + t.fanout() + ", root queued " + t.from().text();
            case AskInLoop a -> "inLoop() " + a.from().text();
            case CancelConnect c -> "attempt " + c.attempt() + ": connect " + c.from().text() + (c.refused()
                    ? " to a refusing port, cancel() after it failed" : " to a port where it hangs, cancel() at once, twice");
            case CloseRace c -> "close race " + c.race() + ": " + c.callers() + " threads connect while a throw-away reactor closes";
            case Sleep s -> "the driver sleeps " + s.millis() + " ms";
        };
    }
}
