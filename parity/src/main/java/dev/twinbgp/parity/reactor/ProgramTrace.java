package dev.twinbgp.parity.reactor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the handlers, tasks and timers of one program observed on one reactor, kept so that a correct reactor
 * gives the same trace every time and on every reactor. The trace is a set of <em>streams</em>, each ordered
 * only where the contract orders it: one per connection end ({@code pair 1 client}: open, close and its
 * cause, the bytes received), one per operation ({@code op 07}: a timer's firings and cancel() answers, a
 * task tree's enter/leave order, an inLoop() answer). Streams are listed by name, so the interleaving of
 * two connections or of a timer and a write - the loop's, and the clock's - never shows. Normalised out at
 * the source: how bytes were chunked (a side records only its count and whether they were the peer's
 * bytes in order), how many bytes an abort dropped (only that what arrived is a prefix), every time and
 * port. Kept: which callbacks, in their order per connection; whether each callback, task and timer ran on
 * the loop thread (captured before the program by a task, never by asking {@code inLoop()}); which timers
 * fired; cancel()'s answers. A line starting {@code VIOLATION} breaks the contract by itself.
 */
final class ProgramTrace {
    static final String VIOLATION = "VIOLATION ";
    private final Thread loopThread;
    private final Map<String, List<String>> streams = new TreeMap<>();
    private final java.util.Set<String> offLoop = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private boolean sealed;

    ProgramTrace(Thread loopThread) {
        this.loopThread = loopThread;
    }

    /** Appends a line to a stream (any thread). */
    synchronized void line(String stream, String text) {
        if (!sealed) {
            streams.computeIfAbsent(stream, k -> new ArrayList<>()).add(text);
        }
    }

    /** Appends a line for something that must run on the loop thread, and a violation when it did not. */
    void onLoop(String stream, String text) {
        line(stream, text);
        if (Thread.currentThread() != loopThread) {
            violation(stream, text + ": ran off the loop thread");
        }
    }

    /** A violation (once per stream and kind) when the caller is not the loop thread: for callbacks too frequent to list. */
    void checkLoop(String stream, String what) {
        if (Thread.currentThread() != loopThread && offLoop.add(stream + " " + what)) {
            violation(stream, what + ": ran off the loop thread");
        }
    }

    void violation(String stream, String text) {
        line(stream, VIOLATION + text);
    }

    /** The trace as lines ({@code [stream] line}); what arrives later (a stray timer of a broken reactor) is ignored. */
    synchronized List<String> seal() {
        sealed = true;
        List<String> out = new ArrayList<>();
        streams.forEach((name, lines) -> lines.forEach(l -> out.add("[" + name + "] " + l)));
        return out;
    }
}
