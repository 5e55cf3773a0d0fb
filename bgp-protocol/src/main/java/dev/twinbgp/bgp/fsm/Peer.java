package dev.twinbgp.bgp.fsm;

import dev.twinbgp.bgp.wire.Open;
import java.util.ArrayList;
import java.util.List;

/**
 * One configured peer: a {@link SessionFsm} per TCP connection, at most one outgoing and one
 * incoming, and connection collision detection between them (RFC 4271 section 6.8). Pure, like
 * the FSM: events in, actions out. With a peer that is only active or only passive there is never
 * a second connection and this is a thin wrapper around one {@link SessionFsm}.
 *
 * <p>A second connection arrives while the first is in OpenSent, OpenConfirm or Established; it
 * gets its own FSM, which sends our OPEN. When an OPEN arrives on one connection while the other is
 * in OpenConfirm, the identifiers decide ({@link CollisionResolver}) and the loser is closed with
 * Cease 6/7; while the other is Established, the new connection loses. (Our FSM has no DelayOpen,
 * so a connection in OpenSent never knows the remote identifier: OpenSent/OpenSent is not a
 * collision yet, the second OPEN to arrive resolves it.) When one connection fails while the other
 * lives, the survivor carries on and no restart is scheduled.
 *
 * <p>The driver identifies connections by {@link Direction} only: it must refuse by itself a
 * connection in a direction for which it already holds one (such an event is ignored here).
 */
public final class Peer {
    private final SessionConfig config;
    private final RestartBackoff backoff = new RestartBackoff();
    /** The more advanced of the two connections (or the only FSM). */
    private SessionFsm primary;
    /** The other connection's FSM during a collision, else null. */
    private SessionFsm secondary;

    public Peer(SessionConfig config) {
        this.config = config;
        this.primary = new SessionFsm(config, backoff);
    }

    public SessionConfig config() {
        return config;
    }

    /** The state of the most advanced connection. */
    public State state() {
        return primary.state();
    }

    /** The negotiated session from OpenConfirm on, else null. */
    public Session session() {
        return primary.session();
    }

    /** The session negotiated on {@code via} (from OpenConfirm on), else null: what that connection's codec uses. */
    public Session session(Direction via) {
        SessionFsm fsm = owner(via);
        return fsm == null ? null : fsm.session();
    }

    /** The state of the FSM owning {@code via}, or null when no FSM owns it. */
    public State connectionState(Direction via) {
        SessionFsm fsm = owner(via);
        return fsm == null ? null : fsm.state();
    }

    public long nextDeadline() {
        return secondary == null ? primary.nextDeadline() : Math.min(primary.nextDeadline(), secondary.nextDeadline());
    }

    public List<Action> onEvent(Event event, long now) {
        List<Action> out = switch (event) {
            case Event.Start ignored -> primary.onEvent(event, now);
            case Event.Stop ignored -> stop(event, now);
            case Event.TcpConnected ignored -> newConnection(Direction.OUTGOING, event, now);
            case Event.TcpAccepted ignored -> newConnection(Direction.INCOMING, event, now);
            case Event.TcpFailed failed -> route(failed.direction(), event, now);
            case Event.MessageReceived m -> m.message() instanceof Open open
                    ? openReceived(m.direction(), open, event, now)
                    : route(m.direction(), event, now);
            case Event.DecodeFailed d -> route(d.direction(), event, now);
        };
        settle();
        return out;
    }

    /** See {@link SessionFsm#onUpdateReceived}: empty in Established, the caller delivers the UPDATE. */
    public List<Action> onUpdateReceived(Direction via, long now) {
        SessionFsm fsm = owner(via);
        if (fsm == null) {
            return List.of();
        }
        List<Action> out = fsm.onUpdateReceived(via, now);
        if (!out.isEmpty()) {
            settle();
        }
        return out;
    }

    /** Sending an UPDATE restarts the KeepaliveTimer (RFC 4271 section 8.2.2). */
    public void onUpdateSent(long now) {
        primary.onUpdateSent(now);
    }

    /** See {@link SessionFsm#suspendHold}: our side stopped reading {@code via}. */
    public void suspendHold(Direction via) {
        SessionFsm fsm = owner(via);
        if (fsm != null) {
            fsm.suspendHold();
        }
    }

    /** See {@link SessionFsm#resumeHold}: our side reads {@code via} again. */
    public void resumeHold(Direction via, long now) {
        SessionFsm fsm = owner(via);
        if (fsm != null) {
            fsm.resumeHold(now);
        }
    }

    public List<Action> onTimer(long now) {
        List<Action> out = primary.onTimer(now);
        if (secondary != null) {
            List<Action> more = secondary.onTimer(now);
            if (!more.isEmpty()) {
                out = concat(out, more);
            }
        }
        if (!out.isEmpty()) {
            settle();
        }
        return out;
    }

    private List<Action> stop(Event event, long now) {
        List<Action> out = primary.onEvent(event, now);
        if (secondary != null) {
            out = concat(out, secondary.onEvent(event, now));
            secondary.discard();
            secondary = null;
        }
        return out;
    }

    private List<Action> newConnection(Direction via, Event event, long now) {
        if (via == Direction.OUTGOING && secondary != null && secondary.state() == State.CONNECT) {
            return secondary.onEvent(event, now); // our attempt, kept alive beside an accepted connection
        }
        if (via == Direction.INCOMING && primary.state() == State.CONNECT && config.passive() && secondary == null) {
            // Both sides connect at once (both active and passive): keep our outgoing attempt - the
            // peer may already hold it as its incoming connection - and run the accepted one beside
            // it; the OPENs then resolve the collision (section 6.8) the same way on both ends.
            // Adopting the incoming one here and dropping our attempt made both ends close the
            // connection the other had chosen, again and again.
            List<Action> out = new ArrayList<>(3);
            secondary = SessionFsm.forSecondConnection(config, backoff, via, now, out);
            return out;
        }
        if (!primary.state().hasConnection()) {
            return primary.onEvent(event, now); // Idle refuses, Connect/Active adopt
        }
        if (secondary != null || primary.connection() == via) {
            return List.of(); // the driver already holds a connection this way (see class comment)
        }
        boolean allowed = via == Direction.OUTGOING ? config.active() : config.passive();
        if (!allowed) {
            return List.of(new Action.Close(via));
        }
        List<Action> out = new ArrayList<>(3);
        secondary = SessionFsm.forSecondConnection(config, backoff, via, now, out);
        return out;
    }

    /** Section 6.8: collision detection when an OPEN arrives and the other connection is past OpenSent. */
    private List<Action> openReceived(Direction via, Open open, Event event, long now) {
        SessionFsm target = owner(via);
        SessionFsm other = target == primary ? secondary : primary;
        if (target == null || other == null || target.state() != State.OPEN_SENT) {
            return route(via, event, now);
        }
        Direction otherVia = other.connection();
        switch (other.state()) {
            case ESTABLISHED -> {
                return lose(target, "connection collision (RFC 4271 section 6.8): the session is already established on the "
                        + otherVia + " connection, closing the " + via + " one");
            }
            case OPEN_CONFIRM -> {
                Direction loser = CollisionResolver.loser(config.localId(), open.bgpIdentifier(), config.localAs(),
                        open.asn());
                String reason = "connection collision (RFC 4271 section 6.8): local id " + RouterIds.format(config.localId())
                        + ", peer id " + RouterIds.format(open.bgpIdentifier()) + ", closing the " + loser + " connection";
                if (loser == via) {
                    return lose(target, reason);
                }
                List<Action> out = lose(other, reason);
                return concat(out, target.onEvent(event, now));
            }
            default -> {
                return route(via, event, now);
            }
        }
    }

    private List<Action> lose(SessionFsm fsm, String reason) {
        List<Action> out = fsm.loseCollision(reason);
        fsm.discard();
        if (fsm == primary) {
            primary = secondary;
        }
        secondary = null;
        return out;
    }

    private List<Action> route(Direction via, Event event, long now) {
        SessionFsm fsm = owner(via);
        return fsm == null ? List.of() : fsm.onEvent(event, now);
    }

    /** The FSM that owns a connection in {@code via}; an FSM in Connect owns the pending outgoing attempt. */
    private SessionFsm owner(Direction via) {
        if (primary.connection() == via || (via == Direction.OUTGOING && primary.state() == State.CONNECT)) {
            return primary;
        }
        if (secondary != null && (secondary.connection() == via
                || (via == Direction.OUTGOING && secondary.state() == State.CONNECT))) {
            return secondary;
        }
        return null;
    }

    /** Drops an FSM that went to Idle while the other lives; keeps the more advanced one primary. */
    private void settle() {
        if (secondary == null) {
            return;
        }
        if (secondary.state() == State.IDLE) {
            secondary.discard();
            secondary = null;
        } else if (primary.state() == State.IDLE) {
            primary.discard();
            primary = secondary;
            secondary = null;
        } else if (secondary.state().ordinal() > primary.state().ordinal()) {
            SessionFsm swap = primary;
            primary = secondary;
            secondary = swap;
        }
    }

    private static List<Action> concat(List<Action> a, List<Action> b) {
        List<Action> all = new ArrayList<>(a.size() + b.size());
        all.addAll(a);
        all.addAll(b);
        return all;
    }
}
