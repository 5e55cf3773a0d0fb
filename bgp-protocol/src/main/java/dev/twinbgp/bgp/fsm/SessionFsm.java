package dev.twinbgp.bgp.fsm;

import dev.twinbgp.bgp.wire.BgpMessage;
import dev.twinbgp.bgp.wire.ErrorCodes;
import dev.twinbgp.bgp.wire.Keepalive;
import dev.twinbgp.bgp.wire.Notification;
import dev.twinbgp.bgp.wire.MessageType;
import dev.twinbgp.bgp.wire.Open;
import dev.twinbgp.bgp.wire.Operational;
import dev.twinbgp.bgp.wire.RouteRefresh;
import dev.twinbgp.bgp.wire.Update;
import java.util.ArrayList;
import java.util.List;

/**
 * The BGP finite state machine of RFC 4271 section 8 for one peer over at most one TCP connection.
 * Pure: events in, actions out; no threads, no I/O. Time is the caller's {@code now} in nanoseconds
 * from any monotonic origin. After every call the driver asks {@link #nextDeadline()} and calls
 * {@link #onTimer(long)} once that instant has passed (ConnectRetry, Hold, Keepalive and the
 * restart delay are deadlines, not timer objects: receiving a message only moves a {@code long}).
 *
 * <p>Start (events 1/3): an active peer goes to Connect and asks for a connection; a passive-only
 * peer goes to Active and waits for the peer to connect (it never connects out). In Connect an
 * active-and-passive peer also accepts an incoming connection (and abandons its own attempt).
 * ConnectRetryTimer expiry in Connect retries the connection (section 8.2.2, Connect state).
 *
 * <p>Every error (a failed or lost connection, a NOTIFICATION received, one we send) goes to Idle
 * with a {@link Action.Down}; unless the peer was stopped ({@link Event.Stop}) an automatic start
 * follows after the {@link RestartBackoff} delay (ExaBGP: 0, 1, 2, 3, 4, 5, 7, ... up to 60 s,
 * reset once Established; a failed connection attempt skips the immediate step: 1, 2, 3, ...).
 * Idle refuses connections. Where RFC 4271 has a TCP failure in OpenSent
 * go to Active (keep listening), this FSM goes to Idle and restarts after the backoff, like ExaBGP:
 * one path for every error, and the backoff protects against a peer that keeps failing.
 *
 * <p>Not single-connection concerns: collisions between two connections to the same peer are
 * {@link Peer}'s job. Delay-open and the optional session attributes of section 8.1.1 are not
 * implemented.
 */
public final class SessionFsm {
    /** "No deadline". */
    public static final long NONE = Long.MAX_VALUE;
    /** Hold time in OpenSent: "a large value", 4 minutes suggested (RFC 4271 section 8.2.2). */
    public static final int OPEN_SENT_HOLD_TIME = 240;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final SessionConfig config;
    private final RestartBackoff backoff;
    private final Open localOpen;

    private State state = State.IDLE;
    /** The connection we own in OpenSent, OpenConfirm and Established; null otherwise. */
    private Direction connection;
    /** Set on entering OpenConfirm. */
    private Session session;
    /** Started and not stopped: errors lead to an automatic restart. */
    private boolean started;

    private long restartDeadline = NONE;
    private long connectRetryDeadline = NONE;
    private long holdDeadline = NONE;
    private long keepaliveDeadline = NONE;
    private long holdNanos;
    /** Set while our side does not read this connection (see {@link #suspendHold}): the hold timer is stopped. */
    private boolean holdSuspended;
    private long keepaliveNanos;

    public SessionFsm(SessionConfig config) {
        this(config, new RestartBackoff());
    }

    SessionFsm(SessionConfig config, RestartBackoff backoff) {
        this.config = config;
        this.backoff = backoff;
        this.localOpen = config.localOpen();
    }

    public State state() {
        return state;
    }

    /** The connection this FSM owns, or null (Idle, Connect, Active). */
    public Direction connection() {
        return connection;
    }

    /** What the OPEN exchange agreed, from OpenConfirm on; null before and after. */
    public Session session() {
        return session;
    }

    public SessionConfig config() {
        return config;
    }

    /** The earliest instant at which {@link #onTimer(long)} has work, or {@link #NONE}. */
    public long nextDeadline() {
        return Math.min(Math.min(restartDeadline, connectRetryDeadline), Math.min(holdSuspended ? NONE : holdDeadline, keepaliveDeadline));
    }

    /**
     * Our side stopped reading the connection (receive back-pressure: what we make of the peer's messages
     * cannot leave us fast enough). The HoldTimer detects a peer that sends nothing (RFC 4271 section 4.4,
     * 6.5); while we do not read, the peer's KEEPALIVEs wait unread in our socket and cannot restart it, so
     * it is stopped - our KeepaliveTimer runs on, so the PEER's hold timer keeps being served. Only in
     * Established; {@link #resumeHold} restarts it in full.
     */
    public void suspendHold() {
        if (state == State.ESTABLISHED) {
            holdSuspended = true;
        }
    }

    /** We read the connection again: the HoldTimer restarts from its full value (see {@link #suspendHold}). */
    public void resumeHold(long now) {
        if (holdSuspended) {
            holdSuspended = false;
            restartHold(now);
        }
    }

    public List<Action> onEvent(Event event, long now) {
        List<Action> out = new ArrayList<>(4);
        switch (event) {
            case Event.Start ignored -> start(now, out);
            case Event.Stop stop -> stop(stop, out);
            case Event.TcpConnected ignored -> connected(Direction.OUTGOING, now, out);
            case Event.TcpAccepted ignored -> connected(Direction.INCOMING, now, out);
            case Event.TcpFailed failed -> tcpFailed(failed, now, out);
            case Event.MessageReceived m -> {
                if (owns(m.direction())) {
                    received(m.message(), now, out);
                }
            }
            case Event.DecodeFailed d -> {
                // Events 21/22/28: the decoder already chose the NOTIFICATION (RFC 4271 section 6).
                if (owns(d.direction())) {
                    sendAndFail(d.error().toNotification(), "malformed message from peer: " + d.error(), now, out);
                }
            }
        }
        return out;
    }

    /**
     * Fast path for an UPDATE received (a full table is 100k+ of them): in Established it only
     * restarts the hold timer and returns an empty immutable list - the caller hands the UPDATE to
     * the layer above itself. In any other state it returns the actions of the error (RFC 6608).
     */
    public List<Action> onUpdateReceived(Direction via, long now) {
        if (state == State.ESTABLISHED && via == connection) {
            if (holdNanos != 0) {
                holdDeadline = now + holdNanos;
            }
            return List.of();
        }
        if (!owns(via)) {
            return List.of();
        }
        List<Action> out = new ArrayList<>(4);
        unexpected(now, out);
        return out;
    }

    /** RFC 4271 section 8.2.2 (Established): sending an UPDATE restarts the KeepaliveTimer. */
    public void onUpdateSent(long now) {
        if (state == State.ESTABLISHED && keepaliveNanos != 0) {
            keepaliveDeadline = now + keepaliveNanos;
        }
    }

    /** Fires every deadline that has passed (events 9-13 of RFC 4271 section 8.1.3). */
    public List<Action> onTimer(long now) {
        if (now < nextDeadline()) {
            return List.of();
        }
        List<Action> out = new ArrayList<>(4);
        if (restartDeadline <= now) {
            // Automatic start after the backoff (RFC 4271 section 8.1.1, IdleHoldTimer).
            restartDeadline = NONE;
            start(now, out);
        }
        if (connectRetryDeadline <= now) {
            // Event 9 in Connect: drop the attempt, try again, stay in Connect.
            connectRetryDeadline = now + config.connectRetryTime() * NANOS_PER_SECOND;
            out.add(new Action.Close(Direction.OUTGOING));
            out.add(new Action.Connect());
        }
        if (holdDeadline <= now && !holdSuspended) {
            // Event 10: NOTIFICATION 4/0 in OpenSent, OpenConfirm, Established.
            long seconds = state == State.OPEN_SENT ? OPEN_SENT_HOLD_TIME : holdNanos / NANOS_PER_SECOND;
            sendAndFail(new Notification(ErrorCodes.HOLD_TIMER_EXPIRED, 0),
                    "hold timer expired: nothing received from the peer for " + seconds + " s", now, out);
            return out;
        }
        if (keepaliveDeadline <= now) {
            // Event 11 in OpenConfirm / Established.
            keepaliveDeadline = now + keepaliveNanos;
            out.add(new Action.Send(connection, Keepalive.INSTANCE));
        }
        return out;
    }

    /**
     * Collision loser (RFC 4271 section 6.8): Cease 6/7 and close. This FSM then is discarded by
     * its {@link Peer}; it does not restart.
     */
    List<Action> loseCollision(String reason) {
        List<Action> out = new ArrayList<>(4);
        started = false;
        Notification cease = CeaseNotifications.cease(ErrorCodes.CEASE_CONNECTION_COLLISION, null);
        out.add(new Action.Send(connection, cease));
        tearDown(reason + "; sent NOTIFICATION " + CeaseNotifications.describe(cease), cease, 0, out);
        return out;
    }

    /** A second FSM for a second connection to the same peer (used by {@link Peer}): straight to OpenSent. */
    static SessionFsm forSecondConnection(SessionConfig config, RestartBackoff backoff, Direction via, long now,
                                          List<Action> out) {
        SessionFsm fsm = new SessionFsm(config, backoff);
        fsm.started = true;
        fsm.openSent(via, now, out);
        return fsm;
    }

    /** Makes this FSM inert (its peer discarded it): no restart, no timers. */
    void discard() {
        started = false;
        clearTimers();
        restartDeadline = NONE;
    }

    private boolean owns(Direction via) {
        return state.hasConnection() && via == connection;
    }

    private void start(long now, List<Action> out) {
        started = true;
        restartDeadline = NONE;
        if (state != State.IDLE) {
            return; // Events 1/3 are ignored outside Idle (section 8.2.2).
        }
        if (config.active()) {
            connectRetryDeadline = now + config.connectRetryTime() * NANOS_PER_SECOND;
            move(State.CONNECT, null, out);
            out.add(new Action.Connect());
        } else {
            move(State.ACTIVE, null, out);
        }
    }

    private void stop(Event.Stop stop, List<Action> out) {
        started = false;
        restartDeadline = NONE;
        switch (state) {
            case IDLE -> { } // Event 2 is ignored in Idle; it only cancels a pending restart.
            case CONNECT, ACTIVE -> {
                if (state == State.CONNECT) {
                    out.add(new Action.Close(Direction.OUTGOING));
                }
                tearDown("stopped administratively", null, 0, out);
            }
            case OPEN_SENT, OPEN_CONFIRM, ESTABLISHED -> {
                if (stop.beforeRestart() && keepsRoutesThroughRestart()) {
                    // RFC 4724 section 4: the peer keeps our routes when the session ends without a
                    // NOTIFICATION (a Cease makes it flush them, RFC 8538 section 1; we do not
                    // negotiate its N bit). ExaBGP closes the same way when it advertised the
                    // capability ("closing the session without notification").
                    tearDown("stopped for a restart; closed without NOTIFICATION (RFC 4724 section 4), the peer keeps"
                            + " our routes for up to " + config.gracefulRestartTime() + " s", null, 0, out);
                    return;
                }
                // Section 8.2.2: ManualStop sends NOTIFICATION Cease (RFC 4486 / RFC 9003).
                Notification cease = CeaseNotifications.cease(stop.ceaseSubcode(), stop.shutdownCommunication());
                out.add(new Action.Send(connection, cease));
                tearDown("stopped administratively; sent NOTIFICATION " + CeaseNotifications.describe(cease),
                        cease, 0, out);
            }
        }
    }

    /**
     * Whether a silent close lets the peer keep our routes: we advertised graceful restart and the
     * peer did too (before its OPEN arrived, in OpenSent, we cannot know: it may hold our routes of
     * an earlier session, so we stay silent). A peer without the capability drops our routes on
     * any close (RFC 4724 section 4.2 applies only to a peer that received it and supports it), so
     * it gets the Cease and its reason.
     */
    private boolean keepsRoutesThroughRestart() {
        return config.gracefulRestartTime() >= 0 && (session == null || session.gracefulRestart() != null);
    }

    private void connected(Direction via, long now, List<Action> out) {
        switch (state) {
            case CONNECT -> {
                if (via == Direction.OUTGOING) {
                    openSent(via, now, out);
                } else if (config.passive()) {
                    out.add(new Action.Close(Direction.OUTGOING)); // abandon our pending attempt
                    openSent(via, now, out);
                } else {
                    out.add(new Action.Close(via));
                }
            }
            case ACTIVE -> {
                if (via == Direction.INCOMING) {
                    openSent(via, now, out);
                } else {
                    out.add(new Action.Close(via));
                }
            }
            case IDLE -> {
                if (via == Direction.INCOMING && config.passive() && started) {
                    // Waiting out the restart backoff: a passive peer still accepts (RFC 4271 section
                    // 8.1.1, AutomaticStart with PassiveTcpEstablishment; ExaBGP listens in every
                    // state). Refusing here let two peers that back off out of phase refuse each
                    // other forever: each one's attempt reached the other while it sat in Idle.
                    restartDeadline = NONE;
                    openSent(via, now, out);
                } else {
                    out.add(new Action.Close(via)); // Idle refuses connections (section 8.2.2)
                }
            }
            // A second connection needs a Peer (section 6.8).
            case OPEN_SENT, OPEN_CONFIRM, ESTABLISHED -> out.add(new Action.Close(via));
        }
    }

    /** Events 16/17: send our OPEN, HoldTimer to the large value, go to OpenSent. */
    private void openSent(Direction via, long now, List<Action> out) {
        connection = via;
        connectRetryDeadline = NONE;
        holdDeadline = now + OPEN_SENT_HOLD_TIME * NANOS_PER_SECOND;
        out.add(new Action.Send(via, localOpen));
        move(State.OPEN_SENT, via, out);
    }

    private void tcpFailed(Event.TcpFailed failed, long now, List<Action> out) {
        String why = failed.reason() == null || failed.reason().isEmpty() ? "" : ": " + failed.reason();
        if (state == State.CONNECT && failed.direction() == Direction.OUTGOING) {
            // Event 18 in Connect (no DelayOpen): to Idle. Never restarted at once (RestartBackoff): the
            // peer that refused this attempt would refuse an immediate one too.
            long delay = started ? backoff.nextDelayAfterFailedConnect() : -1;
            fail("could not connect to the peer" + why, null, delay, now, out);
        } else if (owns(failed.direction())) {
            fail("connection to the peer lost in " + state + why, null, now, out);
        }
    }

    private void received(BgpMessage message, long now, List<Action> out) {
        switch (message) {
            case Notification n ->
                // Events 24/25: close, no NOTIFICATION back.
                fail("peer sent NOTIFICATION " + CeaseNotifications.describe(n), n, now, out);
            case Open open -> {
                if (state == State.OPEN_SENT) {
                    openReceived(open, now, out);
                } else {
                    unexpected(now, out);
                }
            }
            case Keepalive ignored -> {
                switch (state) {
                    case OPEN_CONFIRM -> established(now, out);
                    case ESTABLISHED -> restartHold(now);
                    default -> unexpected(now, out);
                }
            }
            case Update update -> {
                if (state == State.ESTABLISHED) {
                    restartHold(now);
                    out.add(new Action.Deliver(update));
                } else {
                    unexpected(now, out);
                }
            }
            case RouteRefresh refresh -> {
                if (state == State.ESTABLISHED) {
                    restartHold(now);
                    // RFC 2918 section 4: a request for a family not negotiated is ignored.
                    if (session.families().contains(refresh.family())) {
                        out.add(new Action.Deliver(refresh));
                    }
                } else {
                    unexpected(now, out);
                }
            }
            case Operational operational -> {
                if (session == null || !session.operational()) {
                    // Not negotiated: the type is unknown to this session, as before (RFC 4271 section 6.1).
                    sendAndFail(new Notification(ErrorCodes.MESSAGE_HEADER, ErrorCodes.HEADER_BAD_TYPE,
                            new byte[] {(byte) MessageType.OPERATIONAL.code()}), "OPERATIONAL without capability 185", now, out);
                } else if (state == State.ESTABLISHED) {
                    restartHold(now); // any message proves the peer alive, as for ROUTE-REFRESH; keepalive timer untouched
                    out.add(new Action.Deliver(operational));
                } else {
                    unexpected(now, out);
                }
            }
        }
    }

    /** Event 19 in OpenSent: check the OPEN; KEEPALIVE and OpenConfirm, or NOTIFICATION 2/x. */
    private void openReceived(Open open, long now, List<Action> out) {
        switch (OpenNegotiation.negotiate(config, open, connection)) {
            case OpenNegotiation.Result.Refused refused ->
                sendAndFail(refused.notification(), "OPEN refused: " + refused.reason(), now, out);
            case OpenNegotiation.Result.Accepted accepted -> {
                session = accepted.session();
                holdNanos = session.holdTime() * NANOS_PER_SECOND;
                keepaliveNanos = session.keepaliveTime() * NANOS_PER_SECOND;
                out.add(new Action.Send(connection, Keepalive.INSTANCE));
                // Hold time 0: no HoldTimer, no KeepaliveTimer (section 4.2 / 8.2.2).
                holdDeadline = holdNanos == 0 ? NONE : now + holdNanos;
                keepaliveDeadline = keepaliveNanos == 0 ? NONE : now + keepaliveNanos;
                move(State.OPEN_CONFIRM, connection, out);
            }
        }
    }

    /** Event 26 in OpenConfirm. */
    private void established(long now, List<Action> out) {
        restartHold(now);
        backoff.reset();
        move(State.ESTABLISHED, connection, out);
        out.add(new Action.Established(session));
    }

    private void restartHold(long now) {
        if (holdNanos != 0) {
            holdDeadline = now + holdNanos;
        }
    }

    /** A message the state does not allow: FSM error 5/1, 5/2 or 5/3 (RFC 6608 section 4). */
    private void unexpected(long now, List<Action> out) {
        int subcode = switch (state) {
            case OPEN_SENT -> ErrorCodes.FSM_UNEXPECTED_IN_OPENSENT;
            case OPEN_CONFIRM -> ErrorCodes.FSM_UNEXPECTED_IN_OPENCONFIRM;
            case ESTABLISHED -> ErrorCodes.FSM_UNEXPECTED_IN_ESTABLISHED;
            case IDLE, CONNECT, ACTIVE -> ErrorCodes.FSM_UNSPECIFIED;
        };
        sendAndFail(new Notification(ErrorCodes.FSM, subcode), "unexpected message in " + state, now, out);
    }

    private void sendAndFail(Notification notification, String reason, long now, List<Action> out) {
        out.add(new Action.Send(connection, notification));
        fail(reason + "; sent NOTIFICATION " + CeaseNotifications.describe(notification), notification, now, out);
    }

    /** The error path: close, Idle, Down, and an automatic restart after the backoff unless stopped. */
    private void fail(String reason, Notification notification, long now, List<Action> out) {
        fail(reason, notification, started ? backoff.nextDelaySeconds() : -1, now, out);
    }

    /** {@code delay}: seconds until the restart, the backoff's next step; -1 (and ignored) when stopped. */
    private void fail(String reason, Notification notification, long delay, long now, List<Action> out) {
        if (started) {
            restartDeadline = now + delay * NANOS_PER_SECOND;
        }
        tearDown(reason, notification, started ? delay : -1, out);
    }

    private void tearDown(String reason, Notification notification, long restartDelaySeconds, List<Action> out) {
        boolean wasEstablished = state == State.ESTABLISHED;
        Direction via = connection;
        if (via != null) {
            out.add(new Action.Close(via));
        }
        clearTimers();
        connection = null;
        session = null;
        move(State.IDLE, via, out);
        String restart = restartDelaySeconds < 0 || !started ? "" : Action.Down.restartNote(restartDelaySeconds);
        out.add(new Action.Down(reason + restart, notification, wasEstablished));
    }

    private void clearTimers() {
        connectRetryDeadline = NONE;
        holdDeadline = NONE;
        holdSuspended = false;
        keepaliveDeadline = NONE;
        holdNanos = 0;
        keepaliveNanos = 0;
    }

    private void move(State to, Direction via, List<Action> out) {
        State from = state;
        state = to;
        out.add(new Action.StateChanged(via, from, to));
    }
}
