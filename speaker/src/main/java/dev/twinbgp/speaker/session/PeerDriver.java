package dev.twinbgp.speaker.session;

import dev.twinbgp.bgp.fsm.Action;
import dev.twinbgp.bgp.fsm.Direction;
import dev.twinbgp.bgp.fsm.Event;
import dev.twinbgp.bgp.fsm.Peer;
import dev.twinbgp.bgp.fsm.Session;
import dev.twinbgp.bgp.fsm.State;
import dev.twinbgp.bgp.rib.AdjRibIn;
import dev.twinbgp.bgp.rib.AnnounceBatch;
import dev.twinbgp.bgp.rib.AdjRibOut;
import dev.twinbgp.bgp.rib.Path;
import dev.twinbgp.bgp.rib.Route;
import dev.twinbgp.bgp.wire.family.RouteKey;
import dev.twinbgp.bgp.wire.BgpMessage;
import dev.twinbgp.bgp.wire.Decoded;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.Frame;
import dev.twinbgp.bgp.wire.MessageDecoder;
import dev.twinbgp.bgp.wire.MessageEncoder;
import dev.twinbgp.bgp.wire.capability.Negotiated;
import dev.twinbgp.bgp.wire.family.Prefix;
import dev.twinbgp.bgp.wire.RouteRefresh;
import dev.twinbgp.bgp.wire.Update;
import dev.twinbgp.bgp.wire.family.Nlri;
import dev.twinbgp.bgp.wire.WireError;
import dev.twinbgp.reactor.Connection;
import dev.twinbgp.reactor.EventLoop;
import dev.twinbgp.reactor.Reactor;
import dev.twinbgp.reactor.Timer;
import java.io.EOFException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one peer on a reactor: bytes from the peer's connections go through the framer and the
 * decoder into the FSM ({@link Peer}); the FSM's actions become writes, closes, connects, RIB
 * changes and listener calls. This is the one place that joins the protocol core to a reactor,
 * and it is written only against {@code reactor-api}, so both reactors run exactly this code.
 *
 * <p>Threading: everything below runs on {@link #loop()}; the public methods may be called from
 * any thread and hand their work to the loop.
 *
 * <p>Output: FSM messages (OPEN, KEEPALIVE, NOTIFICATION) are written at once; UPDATEs wait in
 * {@link #outbound} (the Adj-RIB-Out as a lazy run, packed only when its turn comes) and are
 * encoded in batches only while the connection is writable, so a slow
 * peer holds back the table instead of our memory (the reactor's high-water mark pauses us,
 * its low-water mark resumes {@link #pump()}).
 *
 * <p>Fairness: one loop serves many peers, and a peer's hold and keepalive timers only run between
 * loop tasks, so no task of this class does work proportional to a table. The requests of the
 * public methods wait in {@link #work}, in order, and run a bounded step at a time (at most
 * {@link #ROUTES_PER_STEP} routes of an {@code announce}/{@code withdraw}); {@link #pump()} writes at
 * most {@link #PUMP_BUDGET_BYTES} per call. Either continues in a fresh loop turn (see
 * {@link #continueLater}), so a full table streaming to one peer never starves another peer's
 * KEEPALIVEs (issue 7, benchmark 3).
 *
 * <p>Input (receive back-pressure): after each UPDATE it delivers, the driver asks the listener whether a
 * buffer its events go to is congested ({@link SessionListener#congestion}); if so it stops reading the
 * connection ({@link Connection#pauseReading()}, TCP then pushes back on the peer) and holds the frames
 * left in the chunk, until the buffer has drained ({@link Backlog#whenClear}, and a re-check every
 * {@link #RECHECK_NANOS}). Memory stays bounded: per paused peer one read chunk of frames. Our hold timer
 * is suspended meanwhile (the peer's KEEPALIVEs wait unread in our socket) and our KEEPALIVEs go on.
 */
public final class PeerDriver {
    private static final int BATCH_BYTES = 64 * 1024;
    /** Encoded UPDATE bytes one {@link #pump()} call may write before it yields the loop. */
    static final int PUMP_BUDGET_BYTES = 256 * 1024;
    /** Routes (or prefixes) one step of an announce or withdraw request handles before it yields. */
    static final int ROUTES_PER_STEP = 4096;
    private static final long NONE = Long.MAX_VALUE;
    /** How long a graceful close may wait for the peer to read our last output (see {@link #detach}). */
    static final long CLOSE_LINGER_NANOS = 10_000_000_000L;
    /** How often a peer paused by receive back-pressure re-checks its congested buffer (besides being woken). */
    static final long RECHECK_NANOS = 1_000_000_000L;

    private final PeerSettings settings;
    /**
     * {@link PeerSettings#name()}, made once: the event listeners ask for it several times per received UPDATE
     * (issue 12/18: a String formatted per call was 90 MB of a 1M-route diverse receive's allocation).
     */
    private final String name;
    private final Reactor reactor;
    private final EventLoop loop;
    private final SessionListener listener;
    private final Logger log;
    private final Peer fsm;
    private final AdjRibIn ribIn = new AdjRibIn();
    /** Families whose routes the peer sent without having negotiated them, logged once per session. */
    private final java.util.Set<Family> ignoredFamilies = new java.util.HashSet<>();
    private final AdjRibOut ribOut = new AdjRibOut();
    /**
     * Configured routes that a later configured route with the same key and another path replaced
     * in the Adj-RIB-Out, in configuration order; sent before the table on the first session only,
     * then forgotten (see {@link #established}).
     */
    private List<Route> superseded;
    private final Map<Direction, Link> links = new EnumMap<>(Direction.class);
    private final List<Link> openLinks = new ArrayList<>(2);
    private final OutboundQueue outbound = new OutboundQueue();
    /** Requests from the public methods, oldest first; the head may take several steps. */
    private final ArrayDeque<Work> work = new ArrayDeque<>();
    private boolean workScheduled;
    private boolean runningWork;
    private boolean pumpScheduled;
    /** The octets of the received message being handled, while a listener wants them (see process()); loop thread only. */
    private byte[] receivedOctets;
    private Link established;
    /**
     * False from Established until the session's first batch of routes has gone out (its initial table, or, when
     * that was empty, the first change applied since): a withdrawal in that batch is not sent, since the peer
     * holds no route of ours yet. ExaBGP's reactor/peer.py does the same ({@code include_withdraw}, False for the
     * first {@code new_update} of a session and True once it is exhausted); RFC 4271 section 9 leaves what to
     * send to the speaker. After it, an API withdraw always sends a withdrawal (see {@link #withdraw(Collection,
     * boolean)}). On the loop only.
     */
    private boolean routesSent;
    /** Set while handling one FSM step: its Close(OUTGOING) dropped an attempt still connecting. */
    private boolean droppedPendingConnect;
    /** Until {@link #releaseConnect()}: the FSM's Connect action is remembered in {@link #connectWanted}, not done. */
    private boolean connectHeld;
    private boolean connectWanted;
    private Timer wakeup;
    private long wakeupAt = NONE;
    private boolean stopping;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private volatile State state = State.IDLE;
    /** Largest {@link Connection#pendingOutputBytes()} seen right after one of our writes. */
    private volatile long maxPendingOutput;
    /** Times reading was paused for receive back-pressure; and frames held while paused, at most at once. */
    private volatile long receivePauses;
    private volatile int maxHeldFrames;
    private volatile long maxHeldBytes;

    PeerDriver(PeerSettings settings, Reactor reactor, EventLoop loop, SessionListener listener) {
        this.settings = settings;
        this.name = settings.name();
        this.reactor = reactor;
        this.loop = loop;
        this.listener = listener;
        this.log = LoggerFactory.getLogger(PeerDriver.class);
        this.fsm = new Peer(settings.session());
        List<Route> configured = settings.routes();
        List<Route> superseded = new ArrayList<>(0);
        for (int i = 0; i < configured.size(); i++) {
            Route r = configured.get(i);
            Path before = ribOut.path(r.key());
            if (before != null && !before.equals(r.path())) {
                superseded.add(lastBefore(configured, i));
            }
            ribOut.announce(r);
        }
        this.superseded = superseded;
    }

    /**
     * The route given last before {@code configured[i]} with the same key (searched backwards: a
     * configuration that gives a route twice is rare, and then the search is short).
     */
    private static Route lastBefore(List<Route> configured, int i) {
        RouteKey key = configured.get(i).key();
        for (int j = i - 1; ; j--) {
            if (configured.get(j).key().equals(key)) {
                return configured.get(j);
            }
        }
    }

    public PeerSettings settings() {
        return settings;
    }

    public String name() {
        return name;
    }

    public EventLoop loop() {
        return loop;
    }

    /** The FSM state (of the most advanced connection); readable from any thread. */
    public State state() {
        return state;
    }

    /**
     * The most output (bytes) that ever waited in one of this peer's connections, read right after
     * each of our writes - pending output only grows on a write, so this is the exact peak. For
     * tests and monitoring of the back-pressure bound; readable from any thread.
     */
    public long maxPendingOutputBytes() {
        return maxPendingOutput;
    }

    /** How many times this peer stopped reading because a buffer of its events was congested; any thread. */
    public long receivePauses() {
        return receivePauses;
    }

    /** The most received frames held at once while reading was paused (one read chunk's worth); any thread. */
    public int maxHeldFrames() {
        return maxHeldFrames;
    }

    /**
     * The most octets of the peer's messages held at once while reading was paused: what a reactor delivered
     * after {@link Connection#pauseReading()} (the rest of the read in which we paused: at most one read,
     * {@link dev.twinbgp.reactor.ReactorConfig#readBudgetBytes()}, when the reactor pauses); any thread.
     */
    public long maxHeldBytes() {
        return maxHeldBytes;
    }

    private long now() {
        return loop.nanoTime();
    }

    private void write(Connection c, ByteBuffer data) {
        c.write(data);
        long pending = c.pendingOutputBytes();
        if (pending > maxPendingOutput) {
            maxPendingOutput = pending; // only the loop thread writes it
        }
    }

    // ---- public, any thread --------------------------------------------------------------

    /** ManualStart (RFC 4271 section 8.1.2, event 1). */
    public void start() {
        start(false);
    }

    /**
     * ManualStart; with {@code holdConnect} the outgoing connection the FSM asks for is not opened until
     * {@link #releaseConnect()}: the speaker starts every FSM (so a connection accepted for it finds it started)
     * and binds its listening sockets before any peer sees a connection from us - a bind that fails then stops
     * the process before anything was sent (see {@link BgpSpeaker#open}).
     */
    void start(boolean holdConnect) {
        submit(() -> {
            connectHeld = holdConnect;
            handle(fsm.onEvent(new Event.Start(), now()));
        });
    }

    /**
     * Opens the outgoing connection held by {@link #start(boolean)}, if the FSM still wants it: an accepted
     * connection (RFC 4271 section 8.2.2, Connect state: TcpConnectionConfirmed) or a stop meanwhile dropped it.
     */
    void releaseConnect() {
        submit(() -> {
            connectHeld = false;
            if (connectWanted && !stopping) {
                connectWanted = false;
                droppedPendingConnect = false; // no attempt was dropped: this is the first
                connect();
            }
        });
    }

    /**
     * ManualStop: Cease with {@code subcode} (and an RFC 9003 shutdown communication when
     * {@code text} is not null) to an established peer, then close. Completes when every
     * connection of the peer is closed.
     */
    public CompletableFuture<Void> stop(int ceaseSubcode, String text) {
        return stop(new Event.Stop(ceaseSubcode, text));
    }

    /**
     * Stops the peer because the process is about to restart: with graceful restart advertised the
     * session closes without a NOTIFICATION, so the peer keeps our routes (RFC 4724 section 4, see
     * {@link Event.Stop#forRestart()}); otherwise as {@link #stop(int, String)} with Administrative Shutdown.
     */
    public CompletableFuture<Void> stopForRestart() {
        return stop(Event.Stop.forRestart());
    }

    private CompletableFuture<Void> stop(Event.Stop event) {
        submit(() -> {
            stopping = true;
            handle(fsm.onEvent(event, now()));
            completeStopIfIdle();
        });
        return stopped;
    }

    /**
     * Tears the session down like {@link #stop} (Cease with {@code ceaseSubcode}), then starts the peer
     * again after its connect retry time, as ExaBGP does after an API {@code teardown}: the neighbor stays
     * configured, only this session ends.
     */
    public void teardown(int ceaseSubcode, String text) {
        submit(() -> {
            if (stopping) {
                return;
            }
            handle(fsm.onEvent(new Event.Stop(ceaseSubcode, text), now()));
            // the down line said nothing of a restart (a stop has none): say when it comes
            int seconds = settings.session().connectRetryTime();
            log.info("peer {}: torn down by the API, starting again in {} s", name(), seconds);
            listener.restartScheduled(this, seconds);
            loop.schedule(seconds * 1_000_000_000L, () -> {
                if (!stopping) {
                    handle(fsm.onEvent(new Event.Start(), now()));
                }
            });
        });
    }

    /**
     * Adds or replaces routes in the Adj-RIB-Out; sent at once when the session is up. A large batch
     * is taken {@link #ROUTES_PER_STEP} routes per loop turn; its UPDATEs are those of
     * {@link AdjRibOut#announce} for the routes that changed, whatever the number of steps.
     */
    public void announce(Collection<Route> routes) {
        submitSteps(new AnnounceRequest(List.copyOf(routes)));
    }

    /** Removes routes from the Adj-RIB-Out; those it held are withdrawn at once when the session is up. */
    public void withdraw(Collection<? extends RouteKey> prefixes) {
        withdraw(prefixes, false);
    }

    /**
     * {@link #withdraw(Collection)}; with {@code always}, a withdrawal goes out for every prefix, also one the
     * Adj-RIB-Out does not hold: ExaBGP's RIB does so for an API withdraw of any family (rib/outgoing.py
     * {@code del_from_rib} records a withdrawal whatever was announced), and its programs rely on it (a
     * withdrawal re-sent to clear a peer's stale state). RFC 4271 section 9 lets a receiver ignore a withdrawal
     * of a route it does not have. Not in the session's first batch of routes, which carries no withdrawal at all
     * ({@link #routesSent}).
     */
    public void withdraw(Collection<? extends RouteKey> prefixes, boolean always) {
        submitSteps(new WithdrawRequest(List.copyOf(prefixes), always));
    }

    /**
     * Applies a burst of changes (the commands an API process wrote back to back) in order, then sends what the
     * burst changed as a whole: a route announced and cleared within the burst, that the peer never had, sends
     * nothing (announced then withdrawn by an {@code always} withdraw: the withdrawal, as ExaBGP); a route replaced twice is announced once, with its last path; a route the peer had and
     * still has unchanged sends nothing. One step: a burst is bounded by the API's batch size.
     */
    public void apply(List<RibChange> changes) {
        apply(changes, true);
    }

    /**
     * {@link #apply(List)}; without {@code flush} (a neighbor with {@code auto-flush false}) the changes stay in the
     * Adj-RIB-Out unsent, with those of earlier bursts, until {@link #flushPending()}.
     */
    public void apply(List<RibChange> changes, boolean flush) {
        submitSteps(new BurstRequest(List.copyOf(changes), flush));
    }

    /**
     * ExaBGP's {@code flush route}: sends what the changes held back since the last flush changed, as one burst's
     * net effect. Nothing when nothing is held or the session is down (its initial table has it all).
     */
    public void flushPending() {
        submit(this::sendPending);
    }

    private static final Object ABSENT = new Object();
    /** Keys changed and not sent yet, with the path the peer has for each (ABSENT: none): on the loop only. */
    private final Map<RouteKey, Object> unsent = new java.util.LinkedHashMap<>();
    /** Keys of {@link #unsent} last withdrawn by an "always" withdraw: their withdrawal goes out in any case. */
    private final java.util.Set<RouteKey> alwaysWithdraw = new java.util.HashSet<>();
    /** Keys of {@link #unsent} with a withdrawal queued (an "always" withdraw, or a route removed) since the last send. */
    private final java.util.Set<RouteKey> withdrawalQueued = new java.util.HashSet<>();
    /**
     * Keys of {@link #unsent} announced after a withdrawal was queued for them: the withdrawal goes out, then the
     * announcement, even when the peer ends with the path it had. ExaBGP's rib/outgoing.py {@code add_to_rib} keeps
     * one pending change per (attributes, NLRI): a withdrawal removes a pending announcement of its NLRI, but an
     * announcement does not remove a pending withdrawal (api-flow.ci: withdraw then announce a rule it holds sends
     * both).
     */
    private final java.util.Set<RouteKey> reannounced = new java.util.HashSet<>();
    /** The attributes of withdraw commands of {@link #unsent} ({@link RibChange.Withdraw#attributed}), per key. */
    private final Map<RouteKey, Route> withdrawnWith = new java.util.HashMap<>();

    private final class BurstRequest implements Work {
        private final List<RibChange> changes;
        private final boolean flush;

        BurstRequest(List<RibChange> changes, boolean flush) {
            this.changes = changes;
            this.flush = flush;
        }

        @Override
        public boolean step() {
            for (RibChange change : changes) {
                switch (change) {
                    case RibChange.Announce a -> {
                        for (Route r : a.routes()) {
                            remember(r.key());
                            ribOut.announce(r);
                            alwaysWithdraw.remove(r.key());
                            if (withdrawalQueued.contains(r.key())) {
                                reannounced.add(r.key());
                            }
                        }
                    }
                    case RibChange.Withdraw w -> {
                        for (RouteKey k : w.keys()) {
                            remember(k);
                            if (ribOut.withdraw(k) || w.always()) {
                                withdrawalQueued.add(k);
                            }
                            if (w.always()) {
                                alwaysWithdraw.add(k);
                            }
                        }
                        for (Route r : w.attributed()) {
                            withdrawnWith.put(r.key(), r);
                        }
                    }
                    case RibChange.Clear c -> {
                        for (Route r : ribOut.routes()) {
                            remember(r.key());
                            ribOut.withdraw(r.key());
                            withdrawalQueued.add(r.key());
                        }
                    }
                }
            }
            if (flush) {
                sendPending();
            }
            return true;
        }

        /** The path the peer has for {@code key} (the Adj-RIB-Out's before the first unsent change of it). */
        private void remember(RouteKey key) {
            if (!unsent.containsKey(key)) {
                dev.twinbgp.bgp.rib.Path had = ribOut.path(key);
                unsent.put(key, had == null ? ABSENT : had);
            }
        }
    }

    /** UPDATEs for the net effect of {@link #unsent}, which is then empty. */
    private void sendPending() {
        if (unsent.isEmpty()) {
            return;
        }
        if (established == null) {
            clearUnsent(); // the next session's initial table holds the result
            return;
        }
        AnnounceBatch announced = new AnnounceBatch(settings.groupUpdates(), ribOut);
        List<RouteKey> withdrawn = new ArrayList<>();
        unsent.forEach((key, had) -> {
            dev.twinbgp.bgp.rib.Path now = ribOut.path(key);
            if (now == null) {
                if (had != ABSENT || alwaysWithdraw.contains(key)) {
                    withdrawn.add(key);
                }
            } else if (reannounced.contains(key)) {
                withdrawn.add(key);
                announced.add(new Route(key, now));
            } else if (!now.equals(had)) {
                announced.add(new Route(key, now));
            }
        });
        Map<RouteKey, Route> attributes = Map.copyOf(withdrawnWith);
        clearUnsent();
        if (!withdrawn.isEmpty() || !announced.isEmpty()) {
            if (firstBatchSent()) {
                queueWithdrawals(withdrawn);
            } else {
                queueHeldBackWithdrawals(withdrawn, attributes);
            }
        }
        if (!announced.isEmpty()) {
            outbound.addLazily(announced.updates(established.negotiated));
        }
        pump();
    }

    private void clearUnsent() {
        unsent.clear();
        alwaysWithdraw.clear();
        withdrawalQueued.clear();
        reannounced.clear();
        withdrawnWith.clear();
    }

    /**
     * The withdrawals of the session's first batch are not sent ({@link #routesSent}), but for a family other than
     * IPv4 unicast/multicast ExaBGP still sends, for each, an UPDATE with the withdraw command's attributes and no
     * NLRI: its bgp/message/update {@code messages()} skips MP_UNREACH_NLRI while {@code include_withdraw} is False
     * and yields the family's message anyway (api-flow.ci expects it). Such an UPDATE is valid (RFC 4271
     * section 5: the well-known mandatory attributes are required only with NLRI) and changes nothing for the peer.
     */
    private void queueHeldBackWithdrawals(List<RouteKey> withdrawn, Map<RouteKey, Route> attributes) {
        for (RouteKey key : withdrawn) {
            Route with = attributes.get(key);
            if (with != null) {
                outbound.addAll(List.of(new Update(Nlri.emptyIpv4(false), with.path().attributes(),
                        Nlri.emptyIpv4(false))));
            }
        }
    }

    /**
     * Whether the session's first batch of routes went out before the batch being sent now, which is then
     * counted as sent: false means this batch is the first, and its withdrawals are not sent ({@link #routesSent}).
     */
    private boolean firstBatchSent() {
        boolean sent = routesSent;
        routesSent = true;
        return sent;
    }

    /** Withdrawals as UPDATEs: packed, or one prefix per UPDATE with group-updates false (ExaBGP). */
    private void queueWithdrawals(List<RouteKey> removed) {
        if (removed.isEmpty()) {
            return;
        }
        if (settings.groupUpdates()) {
            outbound.addAll(AdjRibOut.withdraw(removed, established.negotiated));
        } else {
            for (RouteKey p : removed) {
                outbound.addAll(AdjRibOut.withdraw(List.of(p), established.negotiated));
            }
        }
    }

    /** An {@link #announce}: {@link #ROUTES_PER_STEP} routes into the Adj-RIB-Out per step, then its UPDATEs. */
    private final class AnnounceRequest implements Work {
        private final List<Route> routes;
        private final AnnounceBatch changed = new AnnounceBatch(settings.groupUpdates(), ribOut);
        private int next;

        AnnounceRequest(List<Route> routes) {
            this.routes = routes;
        }

        @Override
        public boolean step() {
            int end = Math.min(routes.size(), next + ROUTES_PER_STEP);
            for (; next < end; next++) {
                Route r = routes.get(next);
                if (ribOut.announce(r)) {
                    changed.add(r);
                }
            }
            if (next < routes.size()) {
                return false;
            }
            // The session may have gone down and come up again between steps: then its initial
            // table held only the routes of the steps before, and this batch (re)announces all.
            if (established != null && !changed.isEmpty()) {
                routesSent = true;
                outbound.addLazily(changed.updates(established.negotiated));
                pump();
            }
            return true;
        }
    }

    /** A {@link #withdraw}: {@link #ROUTES_PER_STEP} prefixes out of the Adj-RIB-Out per step, then its UPDATEs. */
    private final class WithdrawRequest implements Work {
        private final List<? extends RouteKey> prefixes;
        private final boolean always;
        private final List<RouteKey> removed = new ArrayList<>();
        private int next;

        WithdrawRequest(List<? extends RouteKey> prefixes, boolean always) {
            this.prefixes = prefixes;
            this.always = always;
        }

        @Override
        public boolean step() {
            int end = Math.min(prefixes.size(), next + ROUTES_PER_STEP);
            for (; next < end; next++) {
                RouteKey p = prefixes.get(next);
                if (ribOut.withdraw(p) || always) {
                    removed.add(p);
                }
            }
            if (next < prefixes.size()) {
                return false;
            }
            if (established != null && !removed.isEmpty() && firstBatchSent()) {
                queueWithdrawals(removed);
                pump();
            }
            return true;
        }
    }

    /**
     * Sends End-of-RIB (RFC 4724 section 2) for {@code family}, or for every negotiated family when
     * null, behind the UPDATEs already queued. Nothing happens when the session is not up.
     */
    public void sendEndOfRib(Family family) {
        submit(() -> {
            Session s = fsm.session();
            if (established == null || s == null) {
                return;
            }
            for (Family f : settings.session().families()) {
                if (s.families().contains(f) && (family == null || family.equals(f))) {
                    outbound.add(Update.endOfRib(f));
                }
            }
            pump();
        });
    }

    /**
     * Asks the peer to re-advertise {@code family} (ROUTE-REFRESH, RFC 2918 section 3). Returns false,
     * sending nothing, when the session is not up or did not negotiate route refresh or the family.
     */
    public CompletableFuture<Boolean> requestRouteRefresh(Family family) {
        return query(() -> {
            Session s = fsm.session();
            if (established == null || s == null || !s.routeRefresh() || !s.families().contains(family)) {
                return false;
            }
            send(established.via, new RouteRefresh(family));
            return true;
        });
    }

    /**
     * Sends an OPERATIONAL message built from our BGP identifier, when the session is established and both
     * sides advertised the operational capability (185); false otherwise (nothing sent).
     */
    public CompletableFuture<Boolean> sendOperational(java.util.function.LongFunction<dev.twinbgp.bgp.wire.Operational> build) {
        return query(() -> {
            Session s = fsm.session();
            if (established == null || s == null || !s.operational()) {
                return false;
            }
            send(established.via, build.apply(s.localOpen().bgpIdentifier()));
            return true;
        });
    }

    /**
     * Sends the whole Adj-RIB-Out again (ExaBGP's {@code flush adj-rib out}), and no End-of-RIB: ExaBGP's
     * {@code resend} (rib/outgoing.py) queues the cached routes and nothing else. An End-of-RIB here would end a
     * restarting peer's recovery (RFC 4724 section 4.2) before a {@code manual-eor} program's own one.
     */
    public void resendAdjRibOut() {
        submit(() -> {
            sendPending(); // held withdrawals first: the resend only announces
            Session s = fsm.session();
            if (established == null || s == null) {
                return;
            }
            routesSent |= ribOut.size() > 0;
            for (Family f : settings.session().families()) {
                if (s.families().contains(f)) {
                    outbound.addLazily(ribOut.updatesLazily(f, established.negotiated, settings.groupUpdates()));
                }
            }
            pump();
        });
    }

    /**
     * Runs {@code query} on the loop (where the RIBs live), after every request made before it
     * (e.g. a large {@link #announce} is wholly in the Adj-RIB-Out), and hands back its result.
     */
    public <T> CompletableFuture<T> query(Supplier<T> query) {
        CompletableFuture<T> result = new CompletableFuture<>();
        submit(() -> {
            try {
                result.complete(query.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /** The Adj-RIB-In; touch it only inside {@link #query}. */
    public AdjRibIn adjRibIn() {
        return ribIn;
    }

    /** The Adj-RIB-Out; touch it only inside {@link #query}. */
    public AdjRibOut adjRibOut() {
        return ribOut;
    }

    // ---- requests, on the loop ----------------------------------------------------------------

    /** One request: {@link #step} does a bounded part of it and says whether it is finished. */
    @FunctionalInterface
    private interface Work {
        boolean step();
    }

    /** Queues a request that finishes in one step. */
    private void submit(Runnable request) {
        submitSteps(() -> {
            request.run();
            return true;
        });
    }

    /** Queues a request behind the earlier ones: requests run in the order they were made. */
    private void submitSteps(Work request) {
        loop.execute(() -> {
            work.add(request);
            runWork();
        });
    }

    /**
     * Runs queued requests until one needs another step, which then runs in a later loop turn.
     * Requests only ever queue more through {@link #submitSteps} (a separate task), so this never
     * nests; {@link #runningWork} guards it anyway, since a nested call would step the head twice.
     */
    private void runWork() {
        if (runningWork) {
            return;
        }
        runningWork = true;
        try {
            Work head;
            while ((head = work.peek()) != null) {
                boolean finished;
                try {
                    finished = head.step();
                } catch (RuntimeException e) {
                    log.error("peer {}: request failed", name(), e);
                    finished = true;
                }
                if (!finished) {
                    if (!workScheduled) {
                        workScheduled = true;
                        continueLater(() -> {
                            workScheduled = false;
                            runWork();
                        });
                    }
                    return;
                }
                work.poll();
            }
        } finally {
            runningWork = false;
        }
    }

    /**
     * Runs {@code rest} in a later loop turn, after the I/O and the timers that are ready now.
     * Ordering, per reactor: {@code loop.schedule(0, ...)} rather than {@code loop.execute(...)},
     * because Netty's event loop ({@code SingleThreadIoEventLoop.run}: runIo, then
     * {@code runAllTasks(quantum)}) also runs tasks queued <em>during</em> its task phase in that
     * same phase, for up to its task quantum (1 s by default, checked every 64 tasks) - a task that
     * re-queues itself with execute() would hold off reads and timers for up to a second. A
     * scheduled task is moved to the task queue only at the start of the next task phase, after
     * the next runIo, and due timers (our hold and keepalive timers, due earlier) go first, in
     * deadline order. The selector loop runs, per pass, selected keys, then due timers in deadline
     * order, then only the tasks queued before the pass: with either call the rest waits for
     * the next pass's I/O and timers.
     */
    private void continueLater(Runnable rest) {
        loop.schedule(0, rest);
    }

    // ---- reactor callbacks, on the loop ----------------------------------------------------

    /** A handler for a connection the peer opened to us (the speaker's listener matched it). */
    Link newIncomingLink() {
        return new Link(this, Direction.INCOMING);
    }

    void linkOpened(Link link, Connection c) {
        link.connection = c;
        link.attempt = null;
        link.open = true;
        openLinks.add(link);
        if (link.detached || stopping) {
            c.abort(); // an accept while we shut down, or an attempt whose onOpen was on its way when it was cancelled
            return;
        }
        if (link.via == Direction.INCOMING) {
            Link held = links.get(Direction.INCOMING);
            if (held != null && held != link) {
                log.info("peer {}: refusing a second connection ({})", name(), c.remoteAddress());
                link.detached = true;
                c.abort();
                return;
            }
            links.put(Direction.INCOMING, link);
        }
        log.debug("peer {}: connected {} {} -> {}", name(), link.via, c.localAddress(), c.remoteAddress());
        listener.connected(this, link.via);
        handle(fsm.onEvent(link.via == Direction.OUTGOING ? new Event.TcpConnected() : new Event.TcpAccepted(), now()));
    }

    void linkData(Link link, ByteBuffer data) {
        if (link.detached) {
            return;
        }
        WireError error = link.framer.feed(data, frame -> frame(link, frame));
        if (error != null && !link.detached) {
            if (link.receivePaused) {
                link.heldError = error; // after the frames before it
            } else {
                handle(fsm.onEvent(new Event.DecodeFailed(link.via, error), now()));
            }
        }
    }

    private void frame(Link link, Frame frame) {
        if (link.detached) {
            return; // the rest of a chunk after the FSM closed this connection
        }
        if (link.receivePaused) {
            // The rest of the chunk in which we paused (or a chunk a reactor had read already): kept in order.
            link.held.add(frame);
            link.heldBytes += frame.messageLength();
            if (link.held.size() > maxHeldFrames) {
                maxHeldFrames = link.held.size();
            }
            if (link.heldBytes > maxHeldBytes) {
                maxHeldBytes = link.heldBytes;
            }
            return;
        }
        process(link, frame);
        if (frame.type() == dev.twinbgp.bgp.wire.MessageType.UPDATE && !link.detached && link.open) {
            Backlog congested = listener.congestion(this);
            if (congested != null) {
                pauseReceiving(link, congested);
            }
        }
    }

    /**
     * Stops reading {@code link}: a buffer its events go to is congested. Race: the buffer may drain
     * between our check and the registration - {@link Backlog#whenClear} then runs the task at once, which
     * only queues the resume on this loop, after this call.
     */
    private void pauseReceiving(Link link, Backlog congested) {
        link.receivePaused = true;
        receivePauses++; // only the loop thread writes it
        link.connection.pauseReading();
        fsm.suspendHold(link.via);
        log.debug("peer {}: not reading {} while a buffer of its events is congested ({} lines)", name(), link, congested.lines());
        waitFor(link, congested);
    }

    private void waitFor(Link link, Backlog congested) {
        congested.whenClear(link.resumeTask);
        if (link.recheck == null) {
            link.recheck = loop.schedule(RECHECK_NANOS, () -> {
                link.recheck = null;
                resumeReceiving(link);
            });
        }
    }

    /** Woken (or re-checking): processes the held frames while nothing is congested, then reads again. */
    void resumeReceiving(Link link) {
        if (!link.receivePaused || link.detached) {
            return;
        }
        Backlog congested = listener.congestion(this);
        while (congested == null && !link.held.isEmpty() && !link.detached) {
            Frame f = link.held.poll();
            link.heldBytes -= f.messageLength();
            process(link, f);
            if (f.type() == dev.twinbgp.bgp.wire.MessageType.UPDATE) {
                congested = listener.congestion(this);
            }
        }
        if (link.detached) {
            return;
        }
        if (congested != null) {
            waitFor(link, congested);
            return;
        }
        link.receivePaused = false;
        if (link.recheck != null) {
            link.recheck.cancel();
            link.recheck = null;
        }
        fsm.resumeHold(link.via, now());
        rearm();
        WireError error = link.heldError;
        if (error != null) {
            link.heldError = null;
            handle(fsm.onEvent(new Event.DecodeFailed(link.via, error), now()));
            return;
        }
        link.connection.resumeReading();
    }

    private void process(Link link, Frame frame) {
        switch (MessageDecoder.decode(frame, link.negotiated)) {
            case Decoded.Failed failed -> {
                if (listener.wantsOctets(this, true)) {
                    listener.receivedUndecodable(this, frame.octets()); // before its NOTIFICATION, as ExaBGP
                }
                handle(fsm.onEvent(new Event.DecodeFailed(link.via, failed.error()), now()));
            }
            case Decoded.Ok ok -> {
                BgpMessage message = ok.message();
                // The octets only when a listener asks (an API process's 'packets'): a copy per message otherwise.
                byte[] octets = listener.wantsOctets(this, true) ? frame.octets() : null;
                if (!(message instanceof dev.twinbgp.bgp.wire.Operational)) {
                    report(message, octets); // OPERATIONAL is reported once the FSM accepted it (capability 185)
                }
                if (message instanceof Update update) {
                    List<Action> actions = fsm.onUpdateReceived(link.via, now());
                    if (actions.isEmpty()) {
                        deliver(update); // accepted in Established: the hot path, no allocation in the FSM
                    } else {
                        handle(actions);
                    }
                } else {
                    receivedOctets = octets; // for deliver(): an OPERATIONAL the FSM accepts comes back as Deliver
                    try {
                        handle(fsm.onEvent(new Event.MessageReceived(link.via, message), now()));
                    } finally {
                        receivedOctets = null;
                    }
                }
                adoptNegotiated(link);
            }
        }
    }

    /** Tells the listener of a received message, with its octets when it asked for them ({@code octets} not null). */
    private void report(BgpMessage message, byte[] octets) {
        if (octets != null) {
            listener.received(this, message, octets);
        } else {
            listener.received(this, message);
        }
    }

    /** Tells the listener of a sent message; {@code octets} (the array holding it) are copied only when it asks. */
    private void reportSent(BgpMessage message, byte[] octets, int from, int to) {
        if (listener.wantsOctets(this, false)) {
            listener.sent(this, message, from == 0 && to == octets.length ? octets : Arrays.copyOfRange(octets, from, to));
        } else {
            listener.sent(this, message);
        }
    }

    /** From OpenConfirm on, decode and encode with what the OPENs negotiated (AS4, ADD-PATH, size). */
    private void adoptNegotiated(Link link) {
        if (link.negotiated == Negotiated.DEFAULT && !link.detached) {
            Session s = fsm.session(link.via);
            if (s != null) {
                link.negotiated = s.negotiated();
                link.framer.setMaxMessageLength(s.negotiated().maxMessageLength());
                link.framer.setOperational(s.operational());
            }
        }
    }

    void linkClosed(Link link, Throwable cause) {
        link.open = false;
        link.dropHeld();
        openLinks.remove(link);
        if (!link.detached) {
            link.detached = true;
            links.remove(link.via, link);
            if (established == link) {
                established = null;
            }
            String reason = cause == null ? "connection closed"
                    : cause instanceof EOFException ? "the peer closed the connection"
                    : "connection error: " + cause.getMessage();
            handle(fsm.onEvent(new Event.TcpFailed(link.via, reason), now()));
        }
        completeStopIfIdle();
    }

    void connectFailed(Link link, Throwable cause) {
        if (link.detached) {
            return;
        }
        link.detached = true;
        link.attempt = null;
        links.remove(link.via, link);
        // The FSM says "could not connect to the peer: " before it; the address once, then the reason without
        // the address Netty appends to it ("Connection refused: /192.0.2.1:179").
        InetSocketAddress remote = new InetSocketAddress(settings.peerAddress(), settings.connectPort());
        String why = describe(cause);
        if (why.endsWith(": " + remote)) {
            why = why.substring(0, why.length() - remote.toString().length() - 2);
        }
        handle(fsm.onEvent(new Event.TcpFailed(link.via, settings.name() + ":" + settings.connectPort() + ": " + why), now()));
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m;
    }

    // ---- FSM actions -----------------------------------------------------------------------

    private void handle(List<Action> actions) {
        droppedPendingConnect = false;
        for (Action a : actions) {
            switch (a) {
                case Action.Connect c -> connect();
                case Action.Send s -> send(s.via(), s.message());
                case Action.Close c -> close(c.via());
                case Action.StateChanged sc -> {
                    state = fsm.state();
                    log.debug("peer {}: {} -> {}{}", name(), sc.from(), sc.to(), sc.via() == null ? "" : " (" + sc.via() + ")");
                    listener.stateChanged(this, sc.from(), sc.to());
                }
                case Action.Established e -> established(e.session());
                case Action.Down d -> {
                    if (d.wasEstablished()) {
                        int dropped = ribIn.size();
                        ribIn.clear();
                        if (HeapRelease.PROCESS.dropped(dropped, now())) {
                            log.debug("peer {}: dropped {} routes, asked for a full collection (HeapRelease)", name(), dropped);
                        }
                        outbound.clear();
                        established = null;
                    }
                    log.info("peer {} down: {}", name(), d.reason());
                    listener.down(this, d.reason(), d.notification(), d.wasEstablished());
                }
                case Action.Deliver d -> deliver(d.message());
            }
        }
        state = fsm.state();
        rearm();
    }

    private void connect() {
        if (droppedPendingConnect) {
            // Close(OUTGOING) of a pending attempt, then Connect: event 9 in Connect (RFC 4271 section 8.2.2).
            droppedPendingConnect = false;
            listener.connectRetry(this);
        }
        Link old = links.remove(Direction.OUTGOING);
        if (old != null) {
            detach(old);
        }
        if (stopping) {
            return;
        }
        if (connectHeld) {
            connectWanted = true; // opened by releaseConnect(), once the speaker's listeners are bound
            return;
        }
        Link link = new Link(this, Direction.OUTGOING);
        links.put(Direction.OUTGOING, link);
        InetSocketAddress remote = new InetSocketAddress(settings.peerAddress(), settings.connectPort());
        InetSocketAddress bind = settings.localAddress() == null ? null : new InetSocketAddress(settings.localAddress(), 0);
        // The reactor's own timeout is a backstop: in Connect the ConnectRetry timer (same length, started first)
        // expires before it and cancels the attempt (see detach).
        try {
            link.attempt = reactor.connect(loop, remote, bind, link, Duration.ofSeconds(settings.session().connectRetryTime()),
                    settings.socket());
        } catch (IllegalStateException closed) {
            // The reactor is closing (daemon shutdown, a ConnectRetry timer or task that ran just before): no loop is
            // left to report the attempt on, and this peer's loop ends with it - nothing to retry, nothing to tell.
            log.debug("peer {}: not connecting: {}", name(), closed.getMessage());
            link.detached = true;
            links.remove(Direction.OUTGOING, link);
        }
    }

    private void send(Direction via, BgpMessage message) {
        Link link = links.get(via);
        if (link == null || link.connection == null || !link.open) {
            log.debug("peer {}: not sending {} on {}: no connection", name(), message.type(), via);
            return;
        }
        byte[] octets = MessageEncoder.encode(message, link.negotiated);
        write(link.connection, ByteBuffer.wrap(octets));
        reportSent(message, octets, 0, octets.length);
    }

    private void close(Direction via) {
        if (via == Direction.OUTGOING) {
            connectWanted = false; // a held connect the FSM gave up (an accepted connection won, a stop)
        }
        Link link = links.remove(via);
        droppedPendingConnect = via == Direction.OUTGOING && link != null && link.connection == null;
        if (link != null) {
            detach(link);
        }
        if (established == link) {
            established = null;
        }
    }

    /**
     * Stops listening to a link and closes it gracefully (what was written, e.g. a NOTIFICATION, goes
     * out first). A graceful close lasts until the peer has read our pending output; a peer that
     * stopped reading (the usual reason its hold timer expired on us) would hold the connection
     * open for ever, while RFC 4271 section 8.2.2 says to drop it. So the flush gets
     * {@link #CLOSE_LINGER_NANOS}, then the connection is aborted. Race: the close may complete
     * just before the timer fires - {@code link.open} is then already false (linkClosed ran on this
     * same loop), and the timer does nothing.
     */
    private void detach(Link link) {
        link.detached = true;
        link.dropHeld();
        if (link.connection == null && link.attempt != null) {
            // An attempt still connecting: RFC 4271 section 8.2.2 (Connect state) "drops the TCP connection" on
            // ConnectRetryTimer_Expires (event 9) and on ManualStop (event 2), and a collision or an accepted
            // connection in Connect abandons it (section 6.8). Cancelled, its socket is closed now and no callback
            // follows; ignored, it stayed in SYN-SENT until the reactor's timeout, and a handshake completing
            // meanwhile showed the peer a connection we had already given up (opened, then aborted).
            link.attempt.cancel();
            link.attempt = null;
        }
        if (link.connection != null && link.open) {
            Connection c = link.connection;
            c.close();
            loop.schedule(CLOSE_LINGER_NANOS, () -> {
                if (link.open) {
                    log.info("peer {}: {} did not take our last {} bytes within {} s; dropping it", name(),
                            link, c.pendingOutputBytes(), CLOSE_LINGER_NANOS / 1_000_000_000L);
                    c.abort();
                }
            });
        }
    }

    private void established(Session session) {
        ignoredFamilies.clear();
        clearUnsent(); // the initial table below is the Adj-RIB-Out as it is, held changes included
        Link link = links.get(session.connection());
        established = link;
        routesSent = ribOut.size() > 0; // the initial table below is the first batch when it holds a route
        log.info("peer {} up: hold time {} s, families {}, AS4 {}, ADD-PATH receive {} send {}",
                name(), session.holdTime(), session.families(), session.negotiated().asn4(),
                session.negotiated().addPathReceive(), session.negotiated().addPathSend());
        listener.established(this, session);
        List<Route> replaced = superseded;
        superseded = List.of();
        for (Family family : settings.session().families()) {
            if (session.families().contains(family)) {
                // A route the configuration gives twice with other attributes (conf-l2vpn.ci: one VPLS NLRI in
                // the l2vpn section and in the announce block): ExaBGP queues every configured route as a change,
                // grouped by attributes, and an NLRI queued again with other attributes stays in its first group
                // too (its OutgoingRIB._update_rib), so its first session sends both; later sessions send its
                // Adj-RIB-Out. So do we: the replaced ones first, then the table, so the last UPDATE for the NLRI
                // is the route we hold and the peer ends with it (RFC 4271 section 3.1: an advertisement replaces
                // the earlier one of the same NLRI). One withdrawn since (API) is not sent.
                List<Route> first = new ArrayList<>(0);
                for (Route r : replaced) {
                    if (r.family().equals(family) && ribOut.path(r.key()) != null) {
                        first.add(r);
                    }
                }
                if (!first.isEmpty()) {
                    outbound.addAll(AdjRibOut.announce(first, link.negotiated, settings.groupUpdates()));
                }
                // Packed batch by batch in pump(): the peer starts reading the first UPDATEs at once.
                outbound.addLazily(ribOut.updatesLazily(family, link.negotiated, settings.groupUpdates()));
            }
        }
        // RFC 4724 section 2: one End-of-RIB per family once its routes are sent; like ExaBGP, after the routes of
        // every family (a peer reading End-of-RIB as "table complete" then has all of it).
        for (Family family : settings.session().families()) {
            if (session.families().contains(family) && !settings.manualEor()) {
                outbound.add(Update.endOfRib(family));
            }
        }
        pump();
    }

    private void deliver(BgpMessage message) {
        switch (message) {
            case Update update -> {
                Session session = fsm.session();
                Family ignored = ribIn.apply(update, session == null ? null : session.families());
                if (ignored != null && ignoredFamilies.add(ignored)) { // once per family and session
                    log.warn("peer {}: ignoring routes of {}, a family this session did not negotiate (RFC 4760 section 6)",
                            name(), ignored);
                }
                if (update.isEndOfRib()) {
                    // One line per family and session: says when the peer's table is complete (RFC 4724
                    // section 2), which the daemon benchmark also reads to time a transfer without polling.
                    log.info("peer {}: End-of-RIB received for {}, {}", name(),
                            update.endOfRibFamily().orElseThrow(), routesHeld(ribIn.size()));
                }
            }
            case RouteRefresh refresh -> refresh(refresh);
            case dev.twinbgp.bgp.wire.Operational operational -> report(operational, receivedOctets);
            default -> log.debug("peer {}: ignoring delivered {}", name(), message.type());
        }
    }

    /** RFC 2918 section 4: re-advertise the family's Adj-RIB-Out; RFC 7313 section 4 adds BoRR/EoRR. */
    private void refresh(RouteRefresh request) {
        if (established == null || request.subtype() != RouteRefresh.NORMAL) {
            return;
        }
        Family family = request.family();
        boolean enhanced = fsm.session() != null && fsm.session().enhancedRouteRefresh();
        if (enhanced) {
            outbound.add(new RouteRefresh(family.afi(), RouteRefresh.BEGIN_OF_RR, family.safi()));
        }
        routesSent |= ribOut.size() > 0;
        outbound.addLazily(ribOut.updatesLazily(family, established.negotiated, settings.groupUpdates()));
        outbound.add(enhanced ? new RouteRefresh(family.afi(), RouteRefresh.END_OF_RR, family.safi()) : Update.endOfRib(family));
        pump();
    }

    /**
     * Writes queued UPDATEs in batches while the connection takes them, at most
     * {@link #PUMP_BUDGET_BYTES} per call: on loopback a fast reader keeps the connection writable,
     * so without the budget one call would pack and write a whole table. The rest continues in a
     * later loop turn ({@link #continueLater}); a connection that is no longer writable resumes
     * us from the reactor's writability callback instead.
     */
    void pump() {
        Link link = established;
        if (link == null || link.detached || !link.open) {
            return;
        }
        Connection c = link.connection;
        Negotiated negotiated = link.negotiated;
        long budget = PUMP_BUDGET_BYTES;
        while (!outbound.isEmpty() && c.isWritable()) {
            if (budget <= 0) {
                if (!pumpScheduled) {
                    pumpScheduled = true;
                    continueLater(() -> {
                        pumpScheduled = false;
                        pump();
                    });
                }
                return;
            }
            ByteBuffer batch = null;
            BgpMessage m;
            while ((m = outbound.peek()) != null) {
                int length = MessageEncoder.encodedLength(m, negotiated);
                if (batch == null) {
                    batch = ByteBuffer.allocate(Math.max(BATCH_BYTES, length));
                } else if (length > batch.remaining()) {
                    break;
                }
                int start = batch.position();
                MessageEncoder.encode(m, negotiated, batch);
                outbound.remove();
                reportSent(m, batch.array(), batch.arrayOffset() + start, batch.arrayOffset() + batch.position());
            }
            budget -= batch.position();
            write(c, batch.flip());
            fsm.onUpdateSent(now()); // RFC 4271 section 4.4: an UPDATE also restarts the KeepaliveTimer
        }
    }

    // ---- timers ------------------------------------------------------------------------------

    /**
     * Keeps one reactor timer armed at the FSM's next deadline. Deadlines usually move later (the
     * hold timer on every message), so an armed earlier timer is left alone: it fires, finds
     * nothing due, and re-arms for the new deadline - cheaper than re-arming per message.
     */
    private void rearm() {
        long next = fsm.nextDeadline();
        if (next == NONE) {
            if (wakeup != null) {
                wakeup.cancel();
                wakeup = null;
                wakeupAt = NONE;
            }
            return;
        }
        if (wakeup != null && wakeupAt <= next) {
            return;
        }
        if (wakeup != null) {
            wakeup.cancel();
        }
        wakeupAt = next;
        wakeup = loop.schedule(Math.max(0, next - now()), this::onWakeup);
    }

    private void onWakeup() {
        wakeup = null;
        wakeupAt = NONE;
        handle(fsm.onTimer(now()));
    }

    private void completeStopIfIdle() {
        if (stopping && openLinks.isEmpty()) {
            if (wakeup != null) {
                wakeup.cancel();
                wakeup = null;
                wakeupAt = NONE;
            }
            stopped.complete(null);
        }
    }

    @Override
    public String toString() {
        return "peer " + settings.name() + " (" + state + ")";
    }

    /** The count of the End-of-RIB line: {@code 1 route held}, {@code N routes held} (jmh's TwinbgpDaemon reads it). */
    static String routesHeld(long n) {
        return n + (n == 1 ? " route held" : " routes held");
    }
}
