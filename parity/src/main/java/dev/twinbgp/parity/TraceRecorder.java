package dev.twinbgp.parity;

import dev.twinbgp.bgp.fsm.Direction;
import dev.twinbgp.bgp.fsm.Session;
import dev.twinbgp.bgp.fsm.State;
import dev.twinbgp.bgp.wire.BgpMessage;
import dev.twinbgp.bgp.wire.Notification;
import dev.twinbgp.speaker.events.EventSink;
import dev.twinbgp.speaker.events.JsonEventListener;
import dev.twinbgp.speaker.json.ExaJson;
import dev.twinbgp.speaker.json.ProcessInfo;
import dev.twinbgp.speaker.session.Backlog;
import dev.twinbgp.speaker.session.PeerDriver;
import dev.twinbgp.speaker.session.SessionListener;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Records everything the speaker does with one peer, as lines of text, in the order its loop does it:
 * every callback of {@link SessionListener} runs on the peer's loop thread, and the peer has one loop, so
 * the order of the list is the loop's order; API commands and checkpoints are recorded by tasks queued on
 * that same loop, so they take their place in that order too. The list is guarded by {@code this} only so
 * that the runner's thread can read it afterwards.
 *
 * <p>Lines (raw; {@link TraceNormaliser} removes the timing noise):
 * <pre>
 * state IDLE -> CONNECT          connected OUTGOING            established hold 90 keepalive 30
 * sent Open[...]                 received Update[...]           down [reason] notification Notification[..]
 * json {"type":"state",...}      api announce route ...         checkpoint NAME: adj-rib-in N route(s)
 * </pre>
 * JSON lines are the ExaBGP events the speaker emits - the same {@link JsonEventListener} as {@code twinbgp
 * run --events} (states, received OPEN/UPDATE/NOTIFICATION/ROUTE-REFRESH, sent NOTIFICATIONs) - made with a
 * fixed clock and process identity so they carry no volatile values.
 */
final class TraceRecorder implements SessionListener {
    private static final ExaJson JSON = new ExaJson(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), new ProcessInfo("host", 0, 0));

    /** The high- and low-water marks, in lines, of the speaker's event queue ({@code events stall}). */
    static final int EVENTS_HIGH = 64;
    static final int EVENTS_LOW = 16;

    private final List<String> lines = new ArrayList<>();
    private final EventQueue queue = new EventQueue();
    /** The speaker's own JSON events, written into the trace in the order they happen. */
    private final JsonEventListener events = new JsonEventListener(JSON, queue);

    /**
     * The speaker's event queue: lines go straight into the trace, except between {@code events stall} and
     * {@code events drain}, when they wait here as in the queue of an event writer whose reader stopped. Its
     * {@link Backlog} holds the peer back above {@link #EVENTS_HIGH} lines (receive back-pressure), as
     * {@code twinbgp run --events}'s does; a reader never counts as gone for good here (no stall time).
     */
    private final class EventQueue implements EventSink {
        final Backlog backlog = new Backlog(EVENTS_HIGH, EVENTS_LOW, 8L << 20, 2L << 20, Long.MAX_VALUE / 4, System::nanoTime);
        final List<String> waiting = new ArrayList<>(); // guarded by TraceRecorder.this
        boolean stalled; // guarded by TraceRecorder.this

        @Override
        public boolean offer(String line) {
            synchronized (TraceRecorder.this) {
                if (!stalled) {
                    add("json " + line);
                    return true;
                }
                waiting.add(line);
            }
            backlog.added(line.length());
            return true;
        }

        @Override
        public Backlog backlog() {
            return backlog;
        }
    }

    /** {@code events stall}: see {@link Step.EventsStall}. */
    synchronized void stallEvents() {
        queue.stalled = true;
    }

    synchronized int eventsWaiting() {
        return queue.waiting.size();
    }

    /**
     * {@code events drain}: see {@link Step.EventsDrain}. Call it on the peer's loop, so the lines take the loop's
     * order. {@code heldBytes}: the most octets of the peer's messages the speaker held while it did not read
     * ({@code PeerDriver.maxHeldBytes}); recorded only as within one read ({@code readBytes}) or not - how much of
     * that one read was left depends on TCP's segmentation, that no more was delivered is the reactor's pause.
     */
    void drainEvents(long heldBytes, int readBytes) {
        List<String> drained;
        synchronized (this) {
            drained = List.copyOf(queue.waiting);
            add("events drained: " + drained.size() + " line(s) had waited; the peer's data held meanwhile: "
                    + (heldBytes <= readBytes ? "within one read" : heldBytes + " octets, more than one read of " + readBytes));
            drained.forEach(l -> add("json " + l));
            queue.waiting.clear();
            queue.stalled = false;
        }
        drained.forEach(l -> queue.backlog.taken(l.length())); // wakes the peer under the low-water mark
    }

    @Override
    public Backlog congestion(PeerDriver peer) {
        return events.congestion(peer);
    }
    private final int sessions;
    private boolean sealed;
    private int connections;
    private int downs;
    /** Connection attempts that failed before a connection existed (a refused connect): not the end of one. */
    private int failedAttempts;
    /** ConnectRetry expiries in Connect (RFC 4271 section 8.2.2, event 9). */
    private int connectRetries;
    private int received;
    /** KEEPALIVEs sent and received since the previous {@code mark}. */
    private int keepalivesSent;
    private int keepalivesReceived;
    /** An End-of-RIB went out since the session last came up. */
    private boolean endOfRibSent;

    /** A recorder for a script of one connection. */
    TraceRecorder() {
        this(1);
    }

    /** @param sessions the number of connections the script plays: the trace ends at that many {@code down}s */
    TraceRecorder(int sessions) {
        this.sessions = sessions;
    }

    synchronized void add(String line) {
        if (!sealed) {
            lines.add(line);
        }
    }

    /** Takes the next place in the trace for a line computed later ({@link #fill}); -1 once sealed. */
    synchronized int reserve() {
        if (sealed) {
            return -1;
        }
        lines.add("");
        return lines.size() - 1;
    }

    synchronized void fill(int index, String line) {
        if (index >= 0) {
            lines.set(index, line);
        }
    }

    /**
     * Ignores every later event. Called at the {@code down} that ends the script's last connection (the
     * first {@code down} for a script of one connection) and, failing that, when the harness stops the speaker.
     */
    synchronized void seal() {
        sealed = true;
    }

    synchronized boolean sealed() {
        return sealed;
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /** How many messages the speaker has received and accepted. */
    synchronized int receivedCount() {
        return received;
    }

    /** True when a connection came up and every one has gone down again. */
    synchronized boolean ended() {
        return connections > 0 && downs >= connections;
    }

    /** True when every connection that came up has gone down again. */
    synchronized boolean quiet() {
        return downs >= connections;
    }

    /** True when an End-of-RIB was sent since the session last came up. */
    synchronized boolean endOfRibSent() {
        return endOfRibSent;
    }

    /**
     * Records {@code mark NAME: keepalives sent N received M} (counts since the previous mark) and starts
     * counting again. Call it on the peer's loop, so the counts are the loop's.
     */
    synchronized void mark(String name) {
        add("mark " + name + ": keepalives sent " + keepalivesSent + " received " + keepalivesReceived);
        keepalivesSent = 0;
        keepalivesReceived = 0;
    }

    @Override
    public void stateChanged(PeerDriver peer, State from, State to) {
        add("state " + from + " -> " + to);
    }

    @Override
    public void connected(PeerDriver peer, Direction via) {
        synchronized (this) {
            connections++;
        }
        add("connected " + via);
        events.connected(peer, via);
    }

    @Override
    public void established(PeerDriver peer, Session session) {
        synchronized (this) {
            endOfRibSent = false;
        }
        add("established hold " + session.holdTime() + " keepalive " + session.keepaliveTime() + " " + session.negotiated());
        events.established(peer, session);
    }

    /** How many times the ConnectRetry timer dropped a pending attempt and started a new one. */
    synchronized int connectRetries() {
        return connectRetries;
    }

    @Override
    public void connectRetry(PeerDriver peer) {
        synchronized (this) {
            connectRetries++;
        }
        add("connect retry: the pending connection attempt dropped, connecting again");
    }

    /** How many connection attempts failed before any connection existed for them (refused connects). */
    synchronized int failedAttempts() {
        return failedAttempts;
    }

    @Override
    public void down(PeerDriver peer, String reason, Notification notification, boolean wasEstablished) {
        synchronized (this) {
            // Every connection that came up ends with one down; a down while none is up is a failed attempt
            // (the connect was refused), which ends nothing the script played.
            if (downs < connections) {
                downs++;
            } else {
                failedAttempts++;
            }
        }
        add("down [" + reason + "]" + (notification == null ? "" : " " + notification) + (wasEstablished ? " (was established)" : ""));
        events.down(peer, reason, notification, wasEstablished);
        synchronized (this) {
            if (downs >= sessions) {
                seal(); // the script's last connection is over: what follows (a restart, a reconnect) is not part of it
            }
        }
    }

    @Override
    public void received(PeerDriver peer, BgpMessage message) {
        synchronized (this) {
            received++;
            if (message instanceof dev.twinbgp.bgp.wire.Keepalive) {
                keepalivesReceived++;
            }
        }
        add("received " + WireText.canonical(message));
        events.received(peer, message);
    }

    @Override
    public void sent(PeerDriver peer, BgpMessage message) {
        synchronized (this) {
            switch (message) {
                case dev.twinbgp.bgp.wire.Keepalive k -> keepalivesSent++;
                case dev.twinbgp.bgp.wire.Update u when u.isEndOfRib() -> endOfRibSent = true;
                default -> { }
            }
        }
        add("sent " + WireText.canonical(message));
        events.sent(peer, message);
    }
}
