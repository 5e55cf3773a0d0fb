package dev.twinbgp.speaker.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.twinbgp.speaker.config.ApiConfig;
import dev.twinbgp.speaker.config.ConfigParser;
import dev.twinbgp.speaker.config.Configuration;
import dev.twinbgp.speaker.config.NeighborConfig;
import dev.twinbgp.speaker.config.ProcessConfig;
import dev.twinbgp.speaker.config.ProcessPrograms;
import dev.twinbgp.speaker.json.ExaJson;
import dev.twinbgp.speaker.mapping.PeerSettingsMapper;
import dev.twinbgp.speaker.session.BgpSpeaker;
import dev.twinbgp.speaker.session.PeerDriver;
import dev.twinbgp.speaker.session.PeerSettings;
import dev.twinbgp.speaker.session.SessionListener;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ExaBGP's API for a running speaker: the configured {@code process}es (started, fed their events, read for
 * commands, restarted when they exit) and the control socket {@code twinbgp ctl} talks to.
 *
 * <p>Wiring, in this order (the listener must exist before the speaker starts; commands need the speaker):
 * <pre>
 *   Api api = Api.create(configuration, Api.Options.defaults().withShutdown(() -&gt; ...));
 *   BgpSpeaker speaker = BgpSpeaker.start(reactor, reactorConfig, peers, api.listener());  // or a fan-out
 *   api.start(speaker);     // starts the processes and opens the control socket
 *   ...
 *   api.stopCommands();     // no more commands, the control socket removed; events still go to the processes
 *   speaker.shutdown(...);  // the processes see their sessions go down
 *   api.close();            // tells the processes ("shutdown") and stops them
 * </pre>
 * Events that happen between {@code create} and {@code start} wait in the processes' queues.
 */
public final class Api implements AutoCloseable {
    /** The environment variable every process gets: its name in the configuration ({@code process NAME { ... }}). */
    public static final String PROCESS_ENV = "TWINBGP_PROCESS";

    private static final Logger LOG = LoggerFactory.getLogger(Api.class);

    /**
     * @param controlSocket  where to listen; null for {@link ControlSocket#defaultPath()} (created in a private
     *                       directory when needed)
     * @param controlEnabled open the control socket at all
     * @param queueCapacity  events and answers waiting for each process, at most
     * @param routes         configuration routes to wire routes (the configuration mapping, {@link MappingRouteConverter})
     * @param shutdown       what the {@code shutdown} command runs (on a thread of its own)
     * @param clock          wall clock for uptimes and JSON {@code time}
     * @param version        what {@code version} prints
     * @param peerPort       the TCP port a neighbor created with {@code create neighbor} (or added by a reload) connects
     *                       to when its configuration gives no {@code connect}
     * @param reloadSource   what {@code reload} (and SIGUSR1/SIGHUP) reads; null: the configuration's file again
     * @param restartStop    what {@code shutdown restart} runs (on a thread of its own): the stop before a restart
     */
    public record Options(Path controlSocket, boolean controlEnabled, int queueCapacity, RouteConverter routes,
                          Runnable shutdown, Clock clock, String version, int peerPort, ConfigSource reloadSource,
                          Runnable restartStop) {
        public static Options defaults() {
            return new Options(null, true, 65_536, MappingRouteConverter.INSTANCE,
                    () -> LOG.warn("shutdown requested, but nothing is wired to act on it"), Clock.systemUTC(),
                    versionOfJar(), dev.twinbgp.speaker.mapping.PeerSettingsMapper.BGP_PORT, null,
                    () -> LOG.warn("shutdown restart requested, but nothing is wired to act on it"));
        }

        public Options withDefaultPeerPort(int port) {
            return new Options(controlSocket, controlEnabled, queueCapacity, routes, shutdown, clock, version, port, reloadSource, restartStop);
        }

        public Options withControlSocket(Path path) {
            return new Options(path, true, queueCapacity, routes, shutdown, clock, version, peerPort, reloadSource, restartStop);
        }

        public Options withoutControlSocket() {
            return new Options(null, false, queueCapacity, routes, shutdown, clock, version, peerPort, reloadSource, restartStop);
        }

        public Options withQueueCapacity(int capacity) {
            return new Options(controlSocket, controlEnabled, capacity, routes, shutdown, clock, version, peerPort, reloadSource, restartStop);
        }

        public Options withRoutes(RouteConverter converter) {
            return new Options(controlSocket, controlEnabled, queueCapacity, converter, shutdown, clock, version, peerPort, reloadSource, restartStop);
        }

        public Options withShutdown(Runnable action) {
            return new Options(controlSocket, controlEnabled, queueCapacity, routes, action, clock, version, peerPort, reloadSource, restartStop);
        }

        public Options withClock(Clock c) {
            return new Options(controlSocket, controlEnabled, queueCapacity, routes, shutdown, c, version, peerPort, reloadSource, restartStop);
        }

        /** What {@code shutdown restart} runs (on a thread of its own): the stop before a restart. */
        public Options withRestartStop(Runnable action) {
            return new Options(controlSocket, controlEnabled, queueCapacity, routes, shutdown, clock, version, peerPort,
                    reloadSource, action);
        }

        /** Where a reload reads the configuration from (default: the file the configuration was read from). */
        public Options withReloadSource(ConfigSource source) {
            return new Options(controlSocket, controlEnabled, queueCapacity, routes, shutdown, clock, version, peerPort, source, restartStop);
        }

        private static String versionOfJar() {
            String v = Api.class.getPackage().getImplementationVersion();
            return v == null ? "dev" : v;
        }
    }

    /** Reads the configuration a reload applies. */
    @FunctionalInterface
    public interface ConfigSource {
        Configuration read() throws dev.twinbgp.speaker.config.ConfigException;
    }

    private volatile Configuration configuration; // replaced by a successful reload, under this object's lock
    private final Options options;
    private final Map<String, ApiProcess> processes = new LinkedHashMap<>();
    private final ApiEvents events;
    private final ExaJson json;
    private volatile CommandExecutor executor;
    private BgpSpeaker speaker;
    private final Map<String, Neighbor> created = new HashMap<>(); // by peer name, guarded by this
    /** The settings each neighbor runs with now, by peer name (a reload diffs against them), guarded by this. */
    private final Map<String, PeerSettings> running = new HashMap<>();
    private ControlServer control;
    private boolean closed;
    /**
     * Set by {@link #stopCommands} (and {@link #close}), under this object's lock: a command applied under the lock
     * ({@code create neighbor}, {@code delete neighbor}, {@code reload}) checks it once it holds the lock and is
     * refused ({@value ControlServer#STOPPING}).
     */
    private boolean stopping;

    private Api(Configuration configuration, Options options) {
        this.configuration = configuration;
        this.options = options;
        for (ProcessConfig p : configuration.processes()) {
            processes.put(p.name(), new ApiProcess(p, options.queueCapacity(), this::reportStall));
        }
        Map<String, List<Subscription>> subscriptions = new HashMap<>();
        for (NeighborConfig n : configuration.neighbors()) {
            List<Subscription> subs = subscriptions(n);
            if (!subs.isEmpty()) {
                subscriptions.put(address(n).getHostAddress(), subs);
            }
        }
        this.json = new ExaJson(options.clock(), dev.twinbgp.speaker.json.ProcessInfo.current());
        this.events = new ApiEvents(json, options.clock(), subscriptions);
    }

    private static Set<ApiConfig.Message> copy(Set<ApiConfig.Message> s) {
        return s.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(s));
    }

    /** Prepares the processes (not started yet) and the listener that feeds them. */
    public static Api create(Configuration configuration, Options options) {
        return new Api(configuration, options);
    }

    /** Pass this to {@link BgpSpeaker#start} (alone or through {@link #fanOut}). */
    public SessionListener listener() {
        return events;
    }

    /**
     * Starts every process and opens the control socket.
     *
     * @throws IOException when the control socket cannot be opened (no process is started then)
     */
    public synchronized void start(BgpSpeaker speaker) throws IOException {
        List<Neighbor> neighbors = new ArrayList<>();
        for (PeerDriver driver : speaker.peers()) {
            for (NeighborConfig n : configuration.neighbors()) {
                if (address(n).equals(driver.settings().peerAddress())) {
                    neighbors.add(new Neighbor(n, driver, events.stats(driver.name())));
                    running.put(driver.name(), driver.settings());
                    break;
                }
            }
        }
        CommandExecutor ex = new CommandExecutor(neighbors, options.routes(), options.shutdown(), options.version(),
                options.clock());
        executor = ex;
        ex.restartStop(options.restartStop());
        this.speaker = speaker;
        ex.control(new Dynamic());
        if (options.controlEnabled()) {
            Path path = options.controlSocket() != null ? options.controlSocket() : ControlSocket.defaultPath();
            control = ControlServer.open(path, ControlSocket.needsPrivateDirectory(path),
                    () -> executor);
        }
        for (ApiProcess p : processes.values()) {
            List<Neighbor> scope = neighbors.stream()
                    .filter(n -> n.config().apis().stream().anyMatch(a -> a.processes().contains(p.name()))).toList();
            p.start(ex, scope);
        }
    }

    /** {@code create neighbor} and {@code delete neighbor}: neighbors added and removed while the daemon runs. */
    private final class Dynamic implements CommandExecutor.NeighborControl {
        @Override
        public CompletableFuture<Reply> create(Command.CreateNeighbor c, ApiProcess from) {
            synchronized (Api.this) {
                if (stopping) {
                    return refusedStopping("create neighbor");
                }
                try {
                    // Without its block's position: the text is made from the command's words (neighbor IP { ... }),
                    // so a column in it is nowhere in what the user typed; a mapping refusal stays
                    // 'create neighbor: neighbor IP: ...'.
                    Configuration typed = ConfigParser.parse("create neighbor", c.config(), configuration.processes());
                    Configuration one = new Configuration(typed.source(), typed.neighbors(), typed.processes(),
                            typed.reactor());
                    NeighborConfig n = one.neighbors().get(0);
                    PeerSettings s = PeerSettingsMapper.map(one).get(0);
                    // What 'run' refuses at start (adj-rib-in false, MD5 where the host has none, ...), refused here too.
                    Optional<String> cannot = PeerSettingsMapper.cannotRun(one);
                    if (cannot.isPresent()) {
                        LOG.warn("create neighbor refused: {}", cannot.get());
                        return CompletableFuture.completedFuture(Reply.error(cannot.get()));
                    }
                    if (!c.config().contains(" connect ")) { // the daemon's peer port (ExaBGP's exabgp.tcp.port)
                        s = new PeerSettings(s.peerAddress(), options.peerPort(), s.localAddress(), s.listenPort(),
                                s.session(), s.groupUpdates(), s.manualEor(), s.routes());
                    }
                    Neighbor neighbor = addNeighbor(n, s);
                    PeerDriver driver = neighbor.driver();
                    created.put(driver.name(), neighbor);
                    LOG.info("neighbor {} created by the API", driver.name());
                    return CompletableFuture.completedFuture(Reply.done());
                } catch (dev.twinbgp.speaker.config.ConfigException e) {
                    return CompletableFuture.completedFuture(Reply.error(e.getMessage()));
                } catch (IOException | RuntimeException e) {
                    return CompletableFuture.completedFuture(Reply.error("create neighbor: " + e.getMessage()));
                }
            }
        }

        @Override
        public CompletableFuture<Reply> delete(Command.DeleteNeighbor d) {
            synchronized (Api.this) {
                if (stopping) {
                    return refusedStopping("delete neighbor");
                }
                Neighbor gone = null;
                for (Neighbor n : executor.neighbors()) {
                    if (n.config().peerAddress().equals(d.address())) {
                        gone = n;
                    }
                }
                if (gone == null) {
                    return CompletableFuture.completedFuture(Reply.error("delete neighbor: no neighbor " + d.address()));
                }
                Neighbor n = gone;
                created.remove(n.name());
                CompletableFuture<Void> stopped = removeNeighbor(n, dev.twinbgp.bgp.wire.ErrorCodes.CEASE_PEER_DECONFIGURED);
                LOG.info("neighbor {} deleted by the API", n.name());
                return stopped.thenApply(v -> {
                    events.unsubscribe(n.name());
                    return Reply.done();
                });
            }
        }

        @Override
        public CompletableFuture<Reply> reload() {
            return Api.this.reload();
        }
    }

    /** Starts a neighbor (configured at run time or by a reload): subscribed, started, in the processes' scopes. */
    private Neighbor addNeighbor(NeighborConfig n, PeerSettings s) throws IOException {
        events.subscribe(s.name(), subscriptions(n)); // before it starts: its first events reach the processes
        PeerDriver driver;
        try {
            driver = speaker.addPeer(s);
        } catch (IOException | RuntimeException e) {
            events.unsubscribe(s.name());
            throw e;
        }
        Neighbor neighbor = new Neighbor(n, driver, events.stats(driver.name()));
        executor.add(neighbor);
        processes.values().forEach(p -> {
            if (names(n, p)) {
                p.addToScope(neighbor);
            }
        });
        running.put(s.name(), s);
        return neighbor;
    }

    /**
     * Race: a command that passed ControlServer's check (or a process's, before its stopCommands) may be waiting for
     * this object's lock while {@link #stopCommands} holds it, and gets it after the stop began. Checked here, under
     * the lock, it is refused as ControlServer refuses one that comes in after the stop began.
     */
    private static CompletableFuture<Reply> refusedStopping(String command) {
        LOG.info("{} refused: the speaker is stopping", command);
        return CompletableFuture.completedFuture(Reply.error(ControlServer.STOPPING));
    }

    /**
     * The routes API commands put in a neighbor's Adj-RIB-Out (those that are not its configuration's {@code before}),
     * to be announced again after a reset by a reload, as ExaBGP keeps them: its RIB is cached by the neighbor's name
     * (rib/__init__.py: "when we perform a configuration reload using SIGUSR, we must not use the RIB without the
     * cache, all the updates previously sent via the API are lost"), so a neighbor whose name - address, local
     * address, ASNs, router id, families with multi-session - stays the same keeps them; one whose name changed is
     * another neighbor to ExaBGP and starts with its configuration's routes only. Empty when none are kept.
     */
    private static CompletableFuture<List<dev.twinbgp.bgp.rib.Route>> apiRoutes(Neighbor n, PeerSettings before,
                                                                               NeighborConfig next) {
        if (!NeighborConfigText.name(n.config()).equals(NeighborConfigText.name(next))) {
            return CompletableFuture.completedFuture(List.of());
        }
        PeerDriver driver = n.driver();
        Set<dev.twinbgp.bgp.rib.Route> configured = new java.util.HashSet<>(before.routes());
        return driver.query(() -> driver.adjRibOut().routes().stream().filter(r -> !configured.contains(r)).toList())
                .completeOnTimeout(List.of(), RESET_WAIT_SECONDS, TimeUnit.SECONDS)
                .exceptionally(failed -> List.of());
    }

    /**
     * The second half of a reset: the changed neighbor starts again once its old session is closed, with the routes
     * the API had announced to it ({@link #apiRoutes}) after its configuration's.
     */
    private synchronized void restart(NeighborConfig config, PeerSettings settings, List<dev.twinbgp.bgp.rib.Route> api) {
        if (closed || stopping) { // the stop began while the old session closed: the speaker is closing them all
            return;
        }
        try {
            Neighbor neighbor = addNeighbor(config, settings);
            if (!api.isEmpty()) {
                neighbor.driver().announce(api);
                LOG.info("reload: neighbor {}: {} route(s) announced by the API kept", settings.name(), api.size());
            }
            LOG.info("reload: neighbor {} started again with its new settings", settings.name());
        } catch (IOException | RuntimeException e) {
            LOG.error("reload: neighbor {} could not be started again: {}", settings.name(), e.getMessage());
        }
    }

    /** Stops a neighbor with Cease and {@code subcode}; completes when its connection is closed. */
    private CompletableFuture<Void> removeNeighbor(Neighbor n, int subcode) {
        executor.remove(n);
        processes.values().forEach(p -> p.removeFromScope(n));
        running.remove(n.name());
        CompletableFuture<Void> stopped = speaker.removePeer(n.name(), subcode);
        return stopped == null ? CompletableFuture.completedFuture(null) : stopped;
    }

    private List<Subscription> subscriptions(NeighborConfig n) {
        List<Subscription> subs = new ArrayList<>();
        for (ApiConfig api : n.apis()) {
            for (String name : api.processes()) {
                ApiProcess process = processes.get(name);
                if (process != null) {
                    subs.add(new Subscription(process, copy(api.receive()), copy(api.send()), api.neighborChanges()));
                }
            }
        }
        return subs;
    }

    private static boolean names(NeighborConfig n, ApiProcess p) {
        return n.apis().stream().anyMatch(a -> a.processes().contains(p.name()));
    }

    /** How long a reload waits for a changed neighbor's old session to close before it starts the new one. */
    private static final long RESET_WAIT_SECONDS = 5;

    /**
     * {@code reload}, SIGUSR1, SIGHUP, {@code twinbgp ctl reload}: reads the configuration again and applies the
     * difference, as ExaBGP's reactor does on SIGUSR1 (reactor/loop.py {@code reload}):
     * <ul>
     *   <li>a neighbor no longer configured is stopped: Cease / Peer De-configured (RFC 4486 subcode 3);</li>
     *   <li>a neighbor whose settings changed in more than its routes is reset: Cease / Other Configuration Change
     *       (subcode 6, as RFC 4486 section 4 asks; ExaBGP sends 3) and started again with the new settings;</li>
     *   <li>a neighbor that only has other routes keeps its session: the configuration routes it lost are withdrawn,
     *       the new or changed ones announced (routes the API announced are not touched);</li>
     *   <li>a new neighbor is started;</li>
     *   <li>a new process is started, a process no longer configured is stopped, the others run on (ExaBGP's
     *       SIGUSR1; a changed {@code run} takes effect at the process's next start).</li>
     * </ul>
     * A configuration that does not parse or map changes nothing: the error ({@code file:line:column: ...}) is
     * logged and answered; so does one that {@code run} would refuse at start
     * ({@link PeerSettingsMapper#cannotRun}: {@code tcp-ao}, {@code adj-rib-in false}, ...), with its sentence.
     */
    public synchronized CompletableFuture<Reply> reload() {
        if (stopping) { // SIGHUP, ctl or a process's reload that waited for the lock held by the stop
            return refusedStopping("reload");
        }
        if (closed || speaker == null) {
            return CompletableFuture.completedFuture(Reply.error("reload: the daemon is not running"));
        }
        Configuration next;
        List<PeerSettings> mapped;
        try {
            next = options.reloadSource() != null ? options.reloadSource().read()
                    : ConfigParser.parse(Path.of(configuration.source()));
            mapped = PeerSettingsMapper.map(next);
        } catch (dev.twinbgp.speaker.config.ConfigException e) {
            LOG.error("reload refused, nothing changed: {}", e.getMessage());
            return CompletableFuture.completedFuture(Reply.error("reload: " + e.getMessage()));
        } catch (RuntimeException e) {
            LOG.error("reload refused, nothing changed: {}", e.toString());
            return CompletableFuture.completedFuture(Reply.error("reload: " + e.getMessage()));
        }
        // What 'run' refuses at start (tcp-ao, adj-rib-in false, ...) a reload refuses too, before changing anything.
        Configuration read = next;
        Optional<String> cannot = PeerSettingsMapper.cannotRun(next).or(() -> ProcessPrograms.missing(read));
        if (cannot.isPresent()) {
            LOG.error("reload refused, nothing changed: {}", cannot.get());
            return CompletableFuture.completedFuture(Reply.error("reload: " + cannot.get()));
        }
        Map<String, PeerSettings> wanted = new LinkedHashMap<>();
        Map<String, NeighborConfig> wantedConfig = new LinkedHashMap<>();
        for (int i = 0; i < mapped.size(); i++) {
            NeighborConfig n = next.neighbors().get(i);
            PeerSettings s = mapped.get(i);
            if (n.connectPort() == NeighborConfig.DEFAULT_PORT && options.peerPort() != NeighborConfig.DEFAULT_PORT) {
                s = s.withConnectPort(options.peerPort()); // the daemon's peer port, as for create neighbor
            }
            wanted.put(s.name(), s);
            wantedConfig.put(s.name(), n);
        }
        // Processes first: the neighbors' subscriptions name them.
        List<ApiProcess> started = new ArrayList<>();
        for (ProcessConfig p : next.processes()) {
            if (!processes.containsKey(p.name())) {
                ApiProcess process = new ApiProcess(p, options.queueCapacity(), this::reportStall);
                processes.put(p.name(), process);
                started.add(process);
            }
        }
        List<ApiProcess> stopped = new ArrayList<>();
        for (String name : List.copyOf(processes.keySet())) {
            if (next.processes().stream().noneMatch(p -> p.name().equals(name))) {
                stopped.add(processes.remove(name));
            }
        }
        int added = 0;
        int removed = 0;
        int reset = 0;
        int changed = 0;
        List<CompletableFuture<?>> resets = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Neighbor n : executor.neighbors()) {
            seen.add(n.name());
            PeerSettings want = wanted.get(n.name());
            if (want == null && created.containsKey(n.name())) {
                continue; // created by the API, not by the file: a reload keeps it
            }
            if (want == null) {
                LOG.info("reload: neighbor {} is no longer configured: stopping it", n.name());
                created.remove(n.name());
                CompletableFuture<Void> gone = removeNeighbor(n, dev.twinbgp.bgp.wire.ErrorCodes.CEASE_PEER_DECONFIGURED);
                gone.thenRun(() -> events.unsubscribe(n.name()));
                removed++;
                continue;
            }
            NeighborConfig config = wantedConfig.get(n.name());
            PeerSettings before = running.getOrDefault(n.name(), n.driver().settings());
            if (RouteDiff.sessionChanged(before, want)) {
                LOG.info("reload: neighbor {} changed: resetting its session", n.name());
                created.remove(n.name());
                // Asked before the stop is submitted, so the loop answers it while the old session still holds them.
                CompletableFuture<List<dev.twinbgp.bgp.rib.Route>> kept = apiRoutes(n, before, config);
                CompletableFuture<Void> closed = removeNeighbor(n, dev.twinbgp.bgp.wire.ErrorCodes.CEASE_OTHER_CONFIGURATION_CHANGE);
                resets.add(closed.completeOnTimeout(null, RESET_WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS)
                        .thenCombine(kept, (v, routes) -> routes)
                        // Async: the close completes on a loop thread, and starting a peer waits for a loop
                        // (perhaps that same one) to run its Start - never wait for a loop on a loop.
                        .thenAcceptAsync(routes -> restart(config, want, routes)));
                reset++;
                continue;
            }
            RouteDiff diff = RouteDiff.of(before.routes(), want.routes());
            if (!diff.withdrawn().isEmpty()) {
                n.driver().withdraw(diff.withdrawn());
            }
            if (!diff.announced().isEmpty()) {
                n.driver().announce(diff.announced());
            }
            if (!diff.isEmpty()) {
                LOG.info("reload: neighbor {}: {} route(s) withdrawn, {} announced", n.name(), diff.withdrawn().size(),
                        diff.announced().size());
                changed++;
            }
            running.put(n.name(), want);
            Neighbor now = new Neighbor(config, n.driver(), n.stats());
            executor.replace(n, now);
            events.subscribe(n.name(), subscriptions(config));
            processes.values().forEach(p -> {
                p.removeFromScope(n);
                if (names(config, p)) {
                    p.addToScope(now);
                }
            });
        }
        for (Map.Entry<String, PeerSettings> e : wanted.entrySet()) {
            if (!seen.contains(e.getKey())) {
                try {
                    addNeighbor(wantedConfig.get(e.getKey()), e.getValue());
                    LOG.info("reload: neighbor {} added", e.getKey());
                    added++;
                } catch (IOException | RuntimeException failed) {
                    LOG.error("reload: neighbor {} could not be started: {}", e.getKey(), failed.getMessage());
                }
            }
        }
        configuration = next;
        for (ApiProcess p : started) {
            List<Neighbor> scope = executor.neighbors().stream().filter(n -> names(n.config(), p)).toList();
            p.start(executor, scope);
        }
        stopped.forEach(ApiProcess::close);
        LOG.info("reload of {} done: {} neighbor(s) added, {} removed, {} reset, {} with other routes; {} process(es)"
                + " started, {} stopped", next.source(), added, removed, reset, changed, started.size(), stopped.size());
        return CompletableFuture.allOf(resets.toArray(CompletableFuture[]::new)).thenApply(v -> Reply.done());
    }


    /** The command executor (null before {@link #start}): tests apply commands through it as the loops do. */
    CommandExecutor executor() {
        return executor;
    }

    /** The control socket's path, or null when it is not open. */
    public Path controlSocket() {
        return control == null ? null : control.path();
    }

    /** Events dropped for {@code process} because it did not read them (0 for an unknown name). */
    public long dropped(String process) {
        ApiProcess p = processes.get(process);
        return p == null ? 0 : p.dropped();
    }

    /** How many times {@code process} was started (1 + restarts). */
    public long starts(String process) {
        ApiProcess p = processes.get(process);
        return p == null ? 0 : p.starts();
    }

    /** A process stopped reading: tell the others, as ExaBGP reports state changes. */
    private void reportStall(ApiProcess stalled) {
        ObjectNode tree = JsonNodeFactory.instance.objectNode();
        tree.put("exabgp", ExaJson.EXABGP_VERSION);
        tree.put("time", options.clock().millis() / 1000.0);
        tree.put("type", "process");
        ObjectNode process = tree.putObject("process");
        process.put("name", stalled.name());
        process.put("state", "stalled");
        process.put("dropped", stalled.dropped());
        String json = ExaJson.line(tree);
        String text = "process " + stalled.name() + " stalled dropped " + stalled.dropped();
        for (ApiProcess p : processes.values()) {
            if (p != stalled) {
                p.offer(p.encoder() == ProcessConfig.Encoder.JSON ? json : text);
            }
        }
    }

    /**
     * The first step of a stop, before the speaker closes its sessions: the control socket is closed and the
     * processes' commands are no longer applied (nor a process restarted), while events still reach them, so
     * they see their sessions go down - as ExaBGP's processes do ({@code reactor/loop.py} {@code shutdown}: the
     * peers first, then the processes). {@link #close} ends them after that.
     */
    public synchronized void stopCommands() {
        stopping = true; // under the lock: a create/delete/reload waiting for it is refused once it gets it
        if (control != null) {
            control.close();
        }
        processes.values().forEach(ApiProcess::stopCommands);
    }

    /**
     * Ends the processes and closes the control socket; the speaker itself is the caller's to stop (before, with
     * {@link #stopCommands} first, for the processes to see the sessions go down). Each process is told first, as
     * ExaBGP tells its processes before it ends them: {@code { ..., "type": "notification", "notification":
     * "shutdown" }} ({@code shutdown PID PPID} in text), waited for until written ({@value #FAREWELL_MILLIS} ms at
     * most, whatever the number of processes).
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopping = true;
        if (control != null) {
            control.close();
        }
        String jsonLine = json.shutdown();
        String textLine = json.shutdownText();
        List<CompletableFuture<Void>> told = new ArrayList<>();
        for (ApiProcess p : processes.values()) {
            p.stopCommands();
            told.add(p.farewell(p.encoder() == ProcessConfig.Encoder.JSON ? jsonLine : textLine));
        }
        try {
            CompletableFuture.allOf(told.toArray(CompletableFuture[]::new)).get(FAREWELL_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // a process that does not read its input: it is ended all the same
        }
        // Race: the notification is in the pipe, not yet read. A SIGTERM now could end the process before it reads
        // its last lines (a 'cat' lost the down event and the notification). Its input is closed after the
        // notification, so one that reads to the end exits by itself: a short wait for that, shared by all.
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(EXIT_MILLIS);
        for (ApiProcess p : processes.values()) {
            p.awaitExit(TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
        }
        processes.values().forEach(ApiProcess::close);
    }

    /** How long {@link #close} waits for the processes to be given the shutdown notification. */
    static final long FAREWELL_MILLIS = 1000;
    /** How long {@link #close} then waits for the processes to end by themselves before it signals them. */
    static final long EXIT_MILLIS = 500;

    /** One listener calling several, in order (e.g. the JSON event writer and this API). */
    public static SessionListener fanOut(SessionListener... listeners) {
        List<SessionListener> all = List.copyOf(Arrays.asList(listeners));
        return new FanOutListener(all);
    }

    private static InetAddress address(NeighborConfig n) {
        try {
            return InetAddress.getByAddress(n.peerAddress().bytes());
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
