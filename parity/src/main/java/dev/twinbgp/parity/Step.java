package dev.twinbgp.parity;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One line of a scenario's script, executed in order by the {@link ScriptedPeer}. {@code docs/parity.md}
 * lists the syntax of each; {@link ScenarioParser} builds them. {@code line} is the script line, for
 * failure messages.
 */
sealed interface Step {
    int line();

    /** Wait for the speaker to connect to us (the speaker is active). */
    record Accept(int line) implements Step { }

    /**
     * {@code refuse N}, only as the first step: nothing listens on the peer's port at first (the port is held
     * by a bound socket that does not listen, so every connect is refused with a RST); once the speaker has
     * failed {@code attempts} connection attempts (seen in its trace, by content), the port listens, and the
     * next step ({@code accept}) takes the speaker's next attempt.
     */
    record Refuse(int line, int attempts) implements Step { }

    /**
     * {@code hang N}, only as the first step: the peer's port swallows connects at first (it listens, but its
     * accept queue is full, so the kernel drops the speaker's SYNs and its connect hangs); once the speaker's
     * ConnectRetry timer has expired {@code expiries} times (RFC 4271 section 8.2.2, Connect state, event 9:
     * seen in its trace, by content) and the attempts it dropped are gone, the port takes connections again,
     * and the next step ({@code accept}) takes the speaker's pending attempt.
     */
    record Hang(int line, int expiries) implements Step { }

    /**
     * {@code hang held}, only as the first step: the peer's port swallows connects (as {@link Hang}) until the
     * speaker has a connection attempt pending (seen in the kernel's table); the script then goes on with the
     * port still swallowing connects, until {@link Release}.
     */
    record HangHeld(int line) implements Step { }

    /**
     * {@code release}, after {@code hang held}: once the speaker's loop has run what the script asked of it so far,
     * the port takes connections again (the throw-away connections are accepted and closed), so any attempt the
     * speaker still has pending gets in with its next SYN retransmission, and later attempts at once.
     */
    record Release(int line) implements Step { }

    /** Connect to the speaker's listening port (the speaker is passive). */
    record Connect(int line) implements Step { }

    /**
     * Write {@code bytes}: whole when {@code fragment} is 0, else in chunks of {@code fragment} octets with
     * {@code delayMillis} between them (each chunk flushed on its own, TCP_NODELAY on); with
     * {@code closeAfter}, close the socket right after the last octet (a peer dying mid-message).
     */
    record Send(int line, String what, byte[] bytes, int fragment, int delayMillis, boolean closeAfter) implements Step { }

    /**
     * Read messages until one whose canonical text ({@link MessageText}) matches {@code pattern}; KEEPALIVEs
     * are skipped unless {@code keepalive} (an {@code expect keepalive} step), any other message first is a
     * failure. {@code timeoutSeconds} bounds the wait.
     */
    record Expect(int line, String description, Pattern pattern, boolean keepalive, int timeoutSeconds) implements Step { }

    /** Read until the speaker closes the connection; only KEEPALIVEs may come first. */
    record ExpectClose(int line, int timeoutSeconds) implements Step { }

    /** Do nothing for a while: not reading, so the speaker's writes pile up in the socket buffers. */
    record Pause(int line, int millis) implements Step { }

    /**
     * Read and discard everything for a while (KEEPALIVEs keep coming; nothing else may), sending a
     * KEEPALIVE of our own every 300 ms.
     */
    record Drain(int line, int millis) implements Step { }

    /**
     * {@code expect dropped}: the speaker drops the connection without a NOTIFICATION; only UPDATEs and
     * KEEPALIVEs may come first (what the kernel had taken before the drop), and a reset counts as dropped.
     */
    record ExpectDropped(int line, int timeoutSeconds) implements Step { }

    /**
     * {@code expect eor-queued}: wait until the speaker has handed its End-of-RIB (so its whole table) to the
     * reactor on the current session - sent in its trace, whether or not the peer has read it yet. Reads
     * nothing meanwhile, but sends a KEEPALIVE every 300 ms so a short hold time does not expire first.
     */
    record ExpectEorQueued(int line, int timeoutSeconds) implements Step { }

    /**
     * {@code expect over-high-water}: wait until the speaker's pending output on this peer has gone above the
     * reactors' high-water mark ({@code highWater}, from the scenario's {@code water-marks:} or the default), so
     * its reactor has told it to stop writing; reads nothing meanwhile, KEEPALIVEs as {@link ExpectEorQueued}.
     */
    record ExpectOverHighWater(int line, long highWater, int timeoutSeconds) implements Step { }

    /**
     * {@code events stall}: the speaker's JSON events stop leaving it - they wait in its event queue, as when
     * the reader of {@code --events} stops - until {@code events drain}. Above the queue's high-water mark
     * ({@link TraceRecorder#EVENTS_HIGH} lines) the speaker stops reading us (receive back-pressure).
     */
    record EventsStall(int line) implements Step { }

    /**
     * {@code events drain}: the waiting events go into the trace, after a line saying how many had waited,
     * and flow freely again; the speaker reads us again once its queue is under the low-water mark.
     */
    record EventsDrain(int line) implements Step { }

    /**
     * {@code loop busy MS}: the speaker's loop runs a task that takes MS milliseconds - a loop busy with a
     * long task, as a daemon's is with a big table - and the script goes on at once, so what the next steps
     * ask of the speaker (an API command: its trace line and its work, queued from two threads) waits in
     * the loop's task queue, together, and must then run in the order it was asked.
     */
    record LoopBusy(int line, int millis) implements Step { }

    /** {@code expect events-held}: wait until the speaker's event queue has reached its high-water mark. */
    record ExpectEventsHeld(int line, int timeoutSeconds) implements Step { }

    /** Close our side of the connection. */
    record Close(int line) implements Step { }

    /** {@code reset}: abort our side of the connection with a TCP RST (SO_LINGER 0), as a crashing peer's kernel does. */
    record Reset(int line) implements Step { }

    /**
     * {@code stop [SUBCODE] [TEXT]}: the operator stops the peer (ManualStop, RFC 4271 section 8.1.2 event 2):
     * Cease with {@code subcode} and, when {@code text} is not null, an RFC 9003 shutdown communication; the
     * peer stays stopped. Not an API command: ExaBGP's {@code teardown} carries no communication.
     */
    record Stop(int line, int subcode, String text) implements Step { }

    /** An API command given to the speaker ({@link ApiAdapter}): announce, withdraw, teardown. */
    record Api(int line, String command) implements Step { }

    /**
     * An expectation on the speaker's own trace, checked after the run: some line of the normalised trace,
     * after the line that met the previous {@code trace} step, matches {@code pattern} ({@code find}).
     */
    record TraceExpect(int line, Pattern pattern) implements Step { }

    /**
     * {@code conn N STEP}: {@code step} played on the script's connection number {@code conn} (a step without
     * {@code conn} plays on connection 1). Connections are named by their place in the script, never by port,
     * so a trace that names them is the same on every run. An {@code accept} or {@code connect} replaces only
     * the socket of its own connection: this is how a script holds two connections at once (RFC 4271
     * section 6.8, connection collisions).
     */
    record OnConnection(int line, int conn, Step step) implements Step { }

    /**
     * {@code announce-table N}: the speaker gets {@code routes} generated routes ({@link Table}) in its
     * Adj-RIB-Out, all at once, as an API announce would give them; returns once the speaker's loop has them.
     */
    record AnnounceTable(int line, int routes) implements Step { }

    /**
     * {@code expect table N}: read UPDATEs (KEEPALIVEs skipped, anything else fails) until an End-of-RIB,
     * counting the prefixes they announce; exactly {@code prefixes} must have come. The count and the
     * End-of-RIB are then recorded in the speaker's trace.
     */
    record ExpectTable(int line, int prefixes, int timeoutSeconds) implements Step { }

    /**
     * {@code expect held-back}: the speaker has not sent its End-of-RIB on the current session yet, i.e. it is
     * still holding part of its table back, which after a {@code pause} proves the pause filled both socket
     * buffers and the reactor's high-water mark.
     */
    record ExpectHeldBack(int line) implements Step { }

    /**
     * {@code mark NAME}: a line in the speaker's trace at this point of the script (after the speaker has taken
     * in every message the script wrote), with the KEEPALIVEs it sent and received since the previous mark
     * ({@link TraceNormaliser} keeps only whether there were any).
     */
    record Mark(int line, String name) implements Step { }

    /** Record the speaker's Adj-RIB-In in the trace under {@code name}. */
    record Checkpoint(int line, String name) implements Step { }

    /** The step itself, without its {@code conn N} prefix. */
    static Step unwrap(Step step) {
        return step instanceof OnConnection o ? o.step() : step;
    }

    /** The steps of a script, for tests. */
    static List<Step> of(Step... steps) {
        return List.of(steps);
    }
}
