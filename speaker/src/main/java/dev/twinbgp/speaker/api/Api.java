package dev.twinbgp.speaker.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.twinbgp.speaker.config.ApiConfig;
import dev.twinbgp.speaker.config.ConfigParser;
import dev.twinbgp.speaker.config.Configuration;
import dev.twinbgp.speaker.config.NeighborConfig;
import dev.twinbgp.speaker.config.ProcessConfig;
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
import java.util.Set;
import java.util.concurrent.CompletableFuture;
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
 *   api.close();            // stops the processes, removes the socket; then speaker.shutdown(...)
 * </pre>
 * Events that happen between {@code create} and {@code start} wait in the processes' queues.
 */
public final class Api implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Api.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param controlSocket  where to listen; null for {@link ControlSocket#defaultPath()} (created in a private
     *                       directory when needed)
     * @param controlEnabled open the control socket at all
     * @param queueCapacity  events and answers waiting for each process, at most
     * @param routes         configuration routes to wire routes (the configuration mapping, {@link MappingRouteConverter})
     * @param shutdown       what the {@code shutdown} command runs (on a thread of its own)
     * @param clock          wall clock for uptimes and JSON {@code time}
     * @param version        what {@code version} prints
     * @param peerPort       the TCP port a neighbor created with {@code create neighbor} connects to
     */
    public record Options(Path controlSocket, boolean controlEnabled, int queueCapacity, RouteConverter routes,
                          Runnable shutdown, Clock clock, String version, int peerPort) {
        public static Options defaults() {
            return new Options(null, true, 65_536, MappingRouteConverter.INSTANCE,
                    () -> LOG.warn("shutdown requested, but nothing is wired to act on it"), Clock.systemUTC(),
                    versionOfJar(), dev.twinbgp.speaker.mapping.PeerSettingsMapper.BGP_PORT);
        }

        public Options withDefaultPeerPort(int port) {
            return new Options(controlSocket, controlEnabled, queueCapacity, routes, shutdown, clock, version, port);
        }

        public Options withControlSocket(Path path) {
            return new Options(path, true, queueCapacity, routes, shutdown, clock, version, peerPort);
        }

        public Options withoutControlSocket() {
            return new Options(null, false, queueCapacity, routes, shutdown, clock, version, peerPort);
        }

        public Options withQueueCapacity(int capacity) {
            return new Options(controlSocket, controlEnabled, capacity, routes, shutdown, clock, version, peerPort);
        }

        public Options withRoutes(RouteConverter converter) {
            return new Options(controlSocket, controlEnabled, queueCapacity, converter, shutdown, clock, version, peerPort);
        }

        public Options withShutdown(Runnable action) {
            return new Options(controlSocket, controlEnabled, queueCapacity, routes, action, clock, version, peerPort);
        }

        public Options withClock(Clock c) {
            return new Options(controlSocket, controlEnabled, queueCapacity, routes, shutdown, c, version, peerPort);
        }

        private static String versionOfJar() {
            String v = Api.class.getPackage().getImplementationVersion();
            return v == null ? "dev" : v;
        }
    }

    private final Configuration configuration;
    private final Options options;
    private final Map<String, ApiProcess> processes = new LinkedHashMap<>();
    private final ApiEvents events;
    private volatile CommandExecutor executor;
    private BgpSpeaker speaker;
    private final Map<String, Neighbor> created = new HashMap<>(); // by peer name, guarded by this
    private ControlServer control;
    private boolean closed;

    private Api(Configuration configuration, Options options) {
        this.configuration = configuration;
        this.options = options;
        for (ProcessConfig p : configuration.processes()) {
            processes.put(p.name(), new ApiProcess(p, options.queueCapacity(), this::reportStall));
        }
        Map<String, List<Subscription>> subscriptions = new HashMap<>();
        for (NeighborConfig n : configuration.neighbors()) {
            List<Subscription> subs = new ArrayList<>();
            for (ApiConfig api : n.apis()) {
                for (String name : api.processes()) {
                    ApiProcess process = processes.get(name);
                    if (process != null) {
                        subs.add(new Subscription(process, copy(api.receive()), copy(api.send()), api.neighborChanges()));
                    }
                }
            }
            if (!subs.isEmpty()) {
                subscriptions.put(address(n).getHostAddress(), subs);
            }
        }
        this.events = new ApiEvents(new ExaJson(options.clock(), dev.twinbgp.speaker.json.ProcessInfo.current()),
                options.clock(), subscriptions);
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
                    break;
                }
            }
        }
        CommandExecutor ex = new CommandExecutor(neighbors, options.routes(), options.shutdown(), options.version(),
                options.clock());
        executor = ex;
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
                try {
                    Configuration one = ConfigParser.parse("create neighbor", c.config(), configuration.processes());
                    NeighborConfig n = one.neighbors().get(0);
                    PeerSettings s = PeerSettingsMapper.map(one).get(0);
                    if (!c.config().contains(" connect ")) { // the daemon's peer port (ExaBGP's exabgp.tcp.port)
                        s = new PeerSettings(s.peerAddress(), options.peerPort(), s.localAddress(), s.listenPort(),
                                s.session(), s.groupUpdates(), s.manualEor(), s.routes());
                    }
                    List<Subscription> subs = new ArrayList<>();
                    for (ApiConfig api : n.apis()) {
                        for (String name : api.processes()) {
                            subs.add(new Subscription(processes.get(name), copy(api.receive()), copy(api.send()),
                                    api.neighborChanges()));
                        }
                    }
                    events.subscribe(s.name(), subs); // before it starts: its first events reach the processes
                    PeerDriver driver;
                    try {
                        driver = speaker.addPeer(s);
                    } catch (IOException | RuntimeException e) {
                        events.unsubscribe(s.name());
                        throw e;
                    }
                    Neighbor neighbor = new Neighbor(n, driver, events.stats(driver.name()));
                    executor.add(neighbor);
                    subs.forEach(sub -> sub.process().addToScope(neighbor));
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
                executor.remove(n);
                processes.values().forEach(p -> p.removeFromScope(n));
                created.remove(n.name());
                CompletableFuture<Void> stopped = speaker.removePeer(n.name());
                LOG.info("neighbor {} deleted by the API", n.name());
                CompletableFuture<Void> done = stopped == null ? CompletableFuture.completedFuture(null) : stopped;
                return done.thenApply(v -> {
                    events.unsubscribe(n.name());
                    return Reply.done();
                });
            }
        }
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
        ObjectNode tree = JSON.createObjectNode();
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

    /** Stops the processes and closes the control socket; the speaker itself is the caller's to stop. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (control != null) {
            control.close();
        }
        processes.values().forEach(ApiProcess::close);
    }

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
