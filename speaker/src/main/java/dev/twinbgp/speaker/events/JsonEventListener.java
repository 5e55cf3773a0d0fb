package dev.twinbgp.speaker.events;

import dev.twinbgp.bgp.fsm.Action;
import dev.twinbgp.bgp.fsm.Direction;
import dev.twinbgp.bgp.fsm.SessionConfig;
import dev.twinbgp.bgp.fsm.Session;
import dev.twinbgp.bgp.wire.BgpMessage;
import dev.twinbgp.bgp.wire.Keepalive;
import dev.twinbgp.bgp.wire.Notification;
import dev.twinbgp.bgp.wire.Update;
import dev.twinbgp.speaker.json.ExaJson;
import dev.twinbgp.speaker.json.JsonBytes;
import dev.twinbgp.speaker.json.NeighborContext;
import dev.twinbgp.speaker.json.SessionState;
import dev.twinbgp.speaker.session.PeerDriver;
import dev.twinbgp.speaker.session.PeerSettings;
import java.net.Inet6Address;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns session events into ExaBGP JSON lines ({@link ExaJson}) and hands them to an
 * {@link EventSink} (the {@link EventWriter}, or a parity trace). Runs on the reactor loop threads: it takes the
 * time and the counter and offers the decoded message to the writer's bounded queue, which never blocks; the
 * writer's thread formats it ({@link EventLine}), the common UPDATE straight from its received octets.
 *
 * <p>Reported, as ExaBGP does with {@code receive { parsed; update; notification; ... }}:
 * <ul>
 *   <li>{@code state}: {@code connected} (TCP up), {@code up} (Established), {@code down} with the reason;</li>
 *   <li>{@code open}, {@code update}, {@code notification}, {@code refresh} received (direction {@code in});</li>
 *   <li>{@code notification} sent (direction {@code out}).</li>
 * </ul>
 * KEEPALIVEs are not reported (one per peer per keepalive interval is noise for a consumer), and
 * neither is a connection attempt that failed before a TCP connection was up: {@code down}
 * follows a {@code connected}, so a peer that is not there yet does not fill the stream.
 */
public final class JsonEventListener implements dev.twinbgp.speaker.session.SessionListener {
    private static final Logger LOG = LoggerFactory.getLogger(JsonEventListener.class);

    private final ExaJson json;
    private final EventSink writer;
    /** Per peer name: its neighbor block and the counter of its lines (no lookup by the block per event). */
    private final Map<String, PeerLines> neighbors = new ConcurrentHashMap<>();
    /** Peers with a {@code connected} not yet followed by a {@code down}; each peer touches only its own key. */
    private final Map<String, Boolean> connected = new ConcurrentHashMap<>();

    public JsonEventListener(ExaJson json, EventSink writer) {
        this.json = json;
        this.writer = writer;
    }

    /** The JSON {@code neighbor} block for a peer: its configured addresses, AS numbers and our router id. */
    static NeighborContext neighbor(PeerSettings settings) {
        SessionConfig s = settings.session();
        String local = settings.localAddress() != null ? settings.localAddress().getHostAddress()
                : settings.peerAddress() instanceof Inet6Address ? "::" : "0.0.0.0";
        long id = s.localId();
        String routerId = (id >>> 24 & 0xFF) + "." + (id >>> 16 & 0xFF) + "." + (id >>> 8 & 0xFF) + "." + (id & 0xFF);
        return new NeighborContext(local, settings.peerAddress().getHostAddress(), s.localAs(), s.peerAs(), routerId);
    }

    private PeerLines lines(PeerDriver peer) {
        PeerLines p = neighbors.get(peer.name());
        if (p == null) {
            p = neighbors.computeIfAbsent(peer.name(), k -> {
                NeighborContext n = neighbor(peer.settings());
                return new PeerLines(n, json.counter(n));
            });
        }
        return p;
    }

    /** A peer's neighbor block and the counter its lines are stamped with ({@link ExaJson#counter}). */
    private record PeerLines(NeighborContext neighbor, AtomicLong counter) {
    }

    @Override
    public void connected(PeerDriver peer, Direction via) {
        connected.put(peer.name(), Boolean.TRUE);
        emitState(peer, SessionState.CONNECTED, null);
    }

    @Override
    public void established(PeerDriver peer, Session session) {
        emitState(peer, SessionState.UP, null);
    }

    @Override
    public void down(PeerDriver peer, String reason, Notification notification, boolean wasEstablished) {
        if (connected.remove(peer.name()) != null || wasEstablished) {
            // ExaBGP's "reason" says why the session ended; the FSM's "; restarting in N s" is for the log
            emitState(peer, SessionState.DOWN, Action.Down.cause(reason));
        }
    }

    @Override
    public void received(PeerDriver peer, BgpMessage message) {
        if (message instanceof Update u) {
            // The UPDATE first, by instanceof: the pattern switch's type test is a class generated at run time,
            // which the AOT cache's trained profiles never cover - C2 compiled it (inlined into the loop's receive
            // path) for UPDATEs alone and threw that code away at the next OPEN or NOTIFICATION (issue 18, "recv2").
            emitMessage(peer, u, dev.twinbgp.speaker.json.Direction.IN);
        } else if (!(message instanceof Keepalive)) {
            // OPEN, NOTIFICATION, ROUTE-REFRESH, OPERATIONAL; KEEPALIVEs are not reported, see the class comment
            emitMessage(peer, message, dev.twinbgp.speaker.json.Direction.IN);
        }
    }

    @Override
    public void sent(PeerDriver peer, BgpMessage message) {
        if (message instanceof Notification n) {
            emitMessage(peer, n, dev.twinbgp.speaker.json.Direction.OUT);
        }
    }

    /** The event writer's queue, when it is congested: the peer stops reading (receive back-pressure). */
    @Override
    public dev.twinbgp.speaker.session.Backlog congestion(PeerDriver peer) {
        dev.twinbgp.speaker.session.Backlog b = writer.backlog();
        return b != null && b.congested() ? b : null;
    }

    // Every line is formatted lazily - by the writer's thread when the sink has one (or here, when its queue is
    // filling up) - with the time and counter taken here, when it happened.

    private void emitState(PeerDriver peer, SessionState state, String reason) {
        PeerLines p = lines(peer);
        NeighborContext n = p.neighbor();
        ExaJson.Stamp at = json.stamp(p.counter());
        writer.offerLazily(() -> {
            try {
                return json.state(n, state, reason, at);
            } catch (RuntimeException e) {
                LOG.warn("peer {}: cannot format a {} event: {}", peer.name(), state.text(), e.toString());
                return null;
            }
        });
    }

    private void emitMessage(PeerDriver peer, BgpMessage message, dev.twinbgp.speaker.json.Direction direction) {
        PeerLines p = lines(peer);
        // The time as a number, not a Stamp: one object per UPDATE on the loop thread, not three
        long micros = json.nowMicros();
        writer.offerLazily(new MessageLine(json, peer.name(), p.neighbor(), message, direction, micros,
                p.counter().incrementAndGet()));
    }

    /**
     * A message's line, formatted when it is written: as octets straight into the {@link EventWriter}'s buffer on
     * its thread (the common UPDATE from its received octets), or as text for a sink without a thread.
     */
    private record MessageLine(ExaJson json, String peer, NeighborContext neighbor, BgpMessage message,
                               dev.twinbgp.speaker.json.Direction direction, long micros, long counter)
            implements EventLine {
        @Override
        public String get() {
            try {
                return json.message(message, neighbor, direction, ExaJson.Stamp.of(micros, counter));
            } catch (RuntimeException e) {
                failed(e);
                return null;
            }
        }

        @Override
        public void writeTo(JsonBytes out) {
            int mark = out.length();
            try {
                json.message(message, neighbor, direction, micros, counter, out);
            } catch (RuntimeException e) {
                out.truncate(mark); // no part of a line
                failed(e);
            }
        }

        private void failed(RuntimeException e) {
            // The encoder handles every decoded message; if it throws, it is a bug: the session goes on.
            LOG.warn("peer {}: cannot format a {} event: {}", peer, message.type(), e.toString());
        }
    }
}
