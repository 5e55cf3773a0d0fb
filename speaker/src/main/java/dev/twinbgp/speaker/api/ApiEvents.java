package dev.twinbgp.speaker.api;

import dev.twinbgp.bgp.fsm.Action;
import dev.twinbgp.bgp.fsm.Direction;
import dev.twinbgp.bgp.fsm.Session;
import dev.twinbgp.bgp.fsm.SessionConfig;
import dev.twinbgp.bgp.wire.BgpMessage;
import dev.twinbgp.bgp.wire.Keepalive;
import dev.twinbgp.bgp.wire.Notification;
import dev.twinbgp.bgp.wire.Open;
import dev.twinbgp.bgp.wire.RouteRefresh;
import dev.twinbgp.bgp.wire.Update;
import dev.twinbgp.speaker.config.ApiConfig;
import dev.twinbgp.speaker.config.ProcessConfig;
import dev.twinbgp.speaker.json.ExaJson;
import dev.twinbgp.speaker.json.NeighborContext;
import dev.twinbgp.speaker.json.SessionState;
import dev.twinbgp.speaker.session.Backlog;
import dev.twinbgp.speaker.session.PeerDriver;
import dev.twinbgp.speaker.session.PeerSettings;
import dev.twinbgp.speaker.session.SessionListener;
import java.net.Inet6Address;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link SessionListener} that feeds processes their events (a neighbor's {@code api { receive { } send { }
 * neighbor-changes; }}) and keeps the counters {@code show neighbor} prints. Runs on the loop threads: it
 * formats each event once per encoder and offers it to each process's bounded queue, which never blocks
 * ({@link ApiProcess#offer}); a full queue is counted there, not here.
 */
final class ApiEvents implements SessionListener {
    private static final Logger LOG = LoggerFactory.getLogger(ApiEvents.class);

    private final ExaJson json;
    private final Clock clock;
    private final Map<String, List<Subscription>> subscriptions;
    private final Map<String, PeerStats> stats = new ConcurrentHashMap<>();
    private final Map<String, NeighborContext> contexts = new ConcurrentHashMap<>();

    ApiEvents(ExaJson json, Clock clock, Map<String, List<Subscription>> subscriptions) {
        this.json = json;
        this.clock = clock;
        this.subscriptions = new ConcurrentHashMap<>(subscriptions);
        anyPackets = packetsAnywhere();
    }

    /**
     * Some process of some neighbor has {@code packets}: {@link #wantsOctets}, asked for every message, is one
     * volatile read while none has (the usual case), not a lookup per message.
     */
    private volatile boolean anyPackets;

    private boolean packetsAnywhere() {
        for (List<Subscription> subs : subscriptions.values()) {
            for (Subscription s : subs) {
                if (s.receive().contains(ApiConfig.Message.PACKETS) || s.send().contains(ApiConfig.Message.PACKETS)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Events of {@code peer} (a neighbor created at run time) go to these processes from now on. */
    synchronized void subscribe(String peer, List<Subscription> subs) {
        subscriptions.put(peer, List.copyOf(subs));
        anyPackets = packetsAnywhere();
    }

    synchronized void unsubscribe(String peer) {
        subscriptions.remove(peer);
        anyPackets = packetsAnywhere();
    }

    PeerStats stats(String peer) {
        return stats.computeIfAbsent(peer, k -> new PeerStats(clock.millis()));
    }

    @Override
    public void connected(PeerDriver peer, Direction via) {
        state(peer, SessionState.CONNECTED, null);
    }

    @Override
    public void established(PeerDriver peer, Session session) {
        stats(peer.name()).sessionUp(clock.millis());
        state(peer, SessionState.UP, null);
    }

    @Override
    public void down(PeerDriver peer, String reason, Notification notification, boolean wasEstablished) {
        PeerStats s = stats(peer.name());
        s.sessionDown(clock.millis(), wasEstablished);
        s.lastDown = PeerStats.LastDown.of(reason, clock.millis());
        state(peer, SessionState.DOWN, Action.Down.cause(reason)); // as ExaBGP: no restart note
    }

    @Override
    public void restartScheduled(PeerDriver peer, long seconds) {
        PeerStats s = stats(peer.name());
        PeerStats.LastDown last = s.lastDown;
        if (last != null) {
            s.lastDown = new PeerStats.LastDown(last.cause(), clock.millis() + seconds * 1000);
        }
    }

    @Override
    public void received(PeerDriver peer, BgpMessage message) {
        received(peer, message, null);
    }

    @Override
    public void received(PeerDriver peer, BgpMessage message, byte[] octets) {
        if (message instanceof Update u) {
            PeerStats s = stats(peer.name());
            s.updatesReceived.incrementAndGet();
            s.count(u, true);
        } else {
            stats(peer.name()).other(message, true);
        }
        message(peer, message, true, octets);
    }

    @Override
    public void sent(PeerDriver peer, BgpMessage message) {
        sent(peer, message, null);
    }

    @Override
    public void sent(PeerDriver peer, BgpMessage message, byte[] octets) {
        if (message instanceof Update u) {
            PeerStats s = stats(peer.name());
            s.updatesSent.incrementAndGet();
            s.count(u, false);
        } else {
            stats(peer.name()).other(message, false);
        }
        message(peer, message, false, octets);
    }

    /**
     * A message that does not decode: its octets go to the processes with {@code packets} (and not
     * {@code consolidate}) for its kind, as ExaBGP writes them before decoding ({@code Protocol.read_message}).
     */
    @Override
    public void receivedUndecodable(PeerDriver peer, byte[] octets) {
        List<Subscription> subs = subscriptions.get(peer.name());
        ApiConfig.Message kind = kind(octets[18] & 0xFF);
        if (subs == null || kind == null) {
            return;
        }
        String jsonLine = null;
        String textLine = null;
        for (Subscription s : subs) {
            Set<ApiConfig.Message> asked = s.receive();
            if (!asked.contains(kind) || !asked.contains(ApiConfig.Message.PACKETS)
                    || asked.contains(ApiConfig.Message.CONSOLIDATE)) {
                continue;
            }
            try {
                if (s.process().encoder() == ProcessConfig.Encoder.JSON) {
                    jsonLine = jsonLine != null ? jsonLine
                            : json.packets(context(peer), dev.twinbgp.speaker.json.Direction.IN, octets);
                    s.process().offer(jsonLine);
                } else {
                    textLine = textLine != null ? textLine : TextEncoder.packets(peer.name(), octets, true);
                    s.process().offer(textLine);
                }
            } catch (RuntimeException e) {
                LOG.warn("peer {}: cannot format an undecodable message's octets: {}", peer.name(), e.toString());
            }
        }
    }

    /** The subscription kind of a message type code (RFC 4271 section 4.1), or null. */
    private static ApiConfig.Message kind(int type) {
        return switch (type) {
            case 1 -> ApiConfig.Message.OPEN;
            case 2 -> ApiConfig.Message.UPDATE;
            case 3 -> ApiConfig.Message.NOTIFICATION;
            case 4 -> ApiConfig.Message.KEEPALIVE;
            case 5 -> ApiConfig.Message.REFRESH;
            case 6 -> ApiConfig.Message.OPERATIONAL;
            default -> null;
        };
    }

    /** A process of this peer has {@code packets} in that direction's {@code receive { }} / {@code send { }}. */
    @Override
    public boolean wantsOctets(PeerDriver peer, boolean received) {
        if (!anyPackets) {
            return false;
        }
        List<Subscription> subs = subscriptions.get(peer.name());
        if (subs == null) {
            return false;
        }
        for (Subscription s : subs) {
            if ((received ? s.receive() : s.send()).contains(ApiConfig.Message.PACKETS)) {
                return true;
            }
        }
        return false;
    }

    /** The stdin queue of a process that gets this peer's events, when it is congested (receive back-pressure). */
    @Override
    public Backlog congestion(PeerDriver peer) {
        List<Subscription> subs = subscriptions.get(peer.name());
        if (subs == null) {
            return null;
        }
        for (Subscription s : subs) {
            Backlog b = s.process().backlog();
            if (b.congested()) {
                return b;
            }
        }
        return null;
    }

    private void state(PeerDriver peer, SessionState state, String reason) {
        List<Subscription> subs = subscriptions.get(peer.name());
        if (subs == null) {
            return;
        }
        String jsonLine = null;
        String textLine = null;
        for (Subscription s : subs) {
            if (!s.neighborChanges()) {
                continue;
            }
            try {
                if (s.process().encoder() == ProcessConfig.Encoder.JSON) {
                    jsonLine = jsonLine != null ? jsonLine : json.state(context(peer), state, reason);
                    s.process().offer(jsonLine);
                } else {
                    textLine = textLine != null ? textLine : TextEncoder.state(peer.name(), state.text(), reason);
                    s.process().offer(textLine);
                }
            } catch (RuntimeException e) {
                LOG.warn("peer {}: cannot format a {} event: {}", peer.name(), state.text(), e.toString());
            }
        }
    }

    /**
     * Offers one message to the processes that subscribed to its kind, in the forms each asked for, as ExaBGP's
     * {@code Protocol._to_api} / {@code read_message} do:
     * <ul>
     *   <li>{@code consolidate}: one line, the parsed message, with its octets ({@code header}, {@code body}) when
     *       {@code packets} is there too;</li>
     *   <li>otherwise {@code packets} gives the octets alone (ExaBGP's {@code packets} line), then {@code parsed}
     *       the parsed line: two lines when both are there.</li>
     * </ul>
     * A direction with none of {@code parsed}, {@code packets}, {@code consolidate} gets the parsed line (where
     * ExaBGP would send nothing at all: twinbgp's default since before these options worked). Each form is
     * formatted once per message, whatever the number of processes; {@code octets} is null when no process of
     * this peer asked for {@code packets}.
     */
    private void message(PeerDriver peer, BgpMessage message, boolean received, byte[] octets) {
        List<Subscription> subs = subscriptions.get(peer.name());
        if (subs == null) {
            return;
        }
        ApiConfig.Message kind = kind(message);
        Forms lines = null;
        for (Subscription s : subs) {
            Set<ApiConfig.Message> asked = received ? s.receive() : s.send();
            if (!asked.contains(kind)) {
                continue;
            }
            lines = lines != null ? lines : new Forms(peer, message, received, octets);
            try {
                boolean packets = asked.contains(ApiConfig.Message.PACKETS);
                boolean json = s.process().encoder() == ProcessConfig.Encoder.JSON;
                if (asked.contains(ApiConfig.Message.CONSOLIDATE)) {
                    lines.consolidated(json, packets && octets != null).forEach(s.process()::offer);
                    continue;
                }
                if (packets && octets != null) {
                    s.process().offer(lines.packets(json));
                }
                if (asked.contains(ApiConfig.Message.PARSED) || !packets) {
                    lines.parsed(json).forEach(s.process()::offer);
                }
            } catch (RuntimeException e) {
                // The encoders handle every decoded message; if one throws it is a bug, and the session goes on.
                LOG.warn("peer {}: cannot format a {} event: {}", peer.name(), message.type(), e.toString());
            }
        }
    }

    /** The lines of one message in each form and encoder, each made once, when a process first needs it. */
    private final class Forms {
        private final PeerDriver peer;
        private final BgpMessage message;
        private final boolean received;
        private final byte[] octets;
        private List<String> jsonParsed;
        private List<String> jsonConsolidated;
        private String jsonPackets;
        private List<String> textParsed;
        private List<String> textConsolidated;
        private String textPackets;

        Forms(PeerDriver peer, BgpMessage message, boolean received, byte[] octets) {
            this.peer = peer;
            this.message = message;
            this.received = received;
            this.octets = octets;
        }

        private dev.twinbgp.speaker.json.Direction direction() {
            return received ? dev.twinbgp.speaker.json.Direction.IN : dev.twinbgp.speaker.json.Direction.OUT;
        }

        List<String> parsed(boolean json) {
            if (json) {
                return jsonParsed != null ? jsonParsed
                        : (jsonParsed = List.of(ApiEvents.this.json.message(message, context(peer), direction())));
            }
            return textParsed != null ? textParsed : (textParsed = TextEncoder.message(peer.name(), message, received));
        }

        /** {@code consolidate}: the parsed line(s), with the octets when {@code withOctets}. */
        List<String> consolidated(boolean json, boolean withOctets) {
            if (!withOctets) {
                return parsed(json);
            }
            if (json) {
                return jsonConsolidated != null ? jsonConsolidated : (jsonConsolidated =
                        List.of(ApiEvents.this.json.message(message, context(peer), direction(), octets)));
            }
            return textConsolidated != null ? textConsolidated
                    : (textConsolidated = TextEncoder.message(peer.name(), message, received, octets));
        }

        String packets(boolean json) {
            if (json) {
                return jsonPackets != null ? jsonPackets
                        : (jsonPackets = ApiEvents.this.json.packets(context(peer), direction(), octets));
            }
            return textPackets != null ? textPackets : (textPackets = TextEncoder.packets(peer.name(), octets, received));
        }
    }

    private static ApiConfig.Message kind(BgpMessage message) {
        return switch (message) {
            case Update u -> ApiConfig.Message.UPDATE;
            case Open o -> ApiConfig.Message.OPEN;
            case Notification n -> ApiConfig.Message.NOTIFICATION;
            case Keepalive k -> ApiConfig.Message.KEEPALIVE;
            case RouteRefresh r -> ApiConfig.Message.REFRESH;
            case dev.twinbgp.bgp.wire.Operational p -> ApiConfig.Message.OPERATIONAL;
        };
    }

    private NeighborContext context(PeerDriver peer) {
        return contexts.computeIfAbsent(peer.name(), k -> context(peer.settings()));
    }

    /** The JSON {@code neighbor} block: configured addresses, AS numbers and our router id. */
    private static NeighborContext context(PeerSettings settings) {
        SessionConfig s = settings.session();
        String local = settings.localAddress() != null ? settings.localAddress().getHostAddress()
                : settings.peerAddress() instanceof Inet6Address ? "::" : "0.0.0.0";
        long id = s.localId();
        String routerId = (id >>> 24 & 0xFF) + "." + (id >>> 16 & 0xFF) + "." + (id >>> 8 & 0xFF) + "." + (id & 0xFF);
        return new NeighborContext(local, settings.peerAddress().getHostAddress(), s.localAs(), s.peerAs(), routerId);
    }
}
