package dev.twinbgp.speaker.api;

import dev.twinbgp.bgp.rib.Route;
import dev.twinbgp.speaker.config.FlowConfig;
import dev.twinbgp.bgp.wire.family.RouteKey;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.family.Prefix;
import dev.twinbgp.speaker.config.RouteConfig;
import dev.twinbgp.speaker.config.IpAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Runs parsed commands against the neighbors. Any thread may call it; everything that touches a peer goes
 * through {@code PeerDriver} (queued onto the peer's loop), so nothing here blocks a loop. A command that
 * fails is refused whole before anything changes (every route is converted first).
 */
final class CommandExecutor {
    static final String HELP = String.join("\n",
            "announce route PREFIX next-hop IP [ATTRIBUTES]",
            "announce ipv4|ipv6 unicast PREFIX next-hop IP [ATTRIBUTES]",
            "announce attributes next-hop IP [ATTRIBUTES] nlri PREFIX [PREFIX ...]",
            "announce eor [AFI SAFI]",
            "announce route-refresh AFI SAFI",
            "announce watchdog NAME | withdraw watchdog NAME",
            OperationalCommand.FORM,
            "group COMMAND ; COMMAND ...  (announces / withdrawals applied together)",
            "group start ... group end  (an API process: the route changes between applied together)",
            "withdraw route PREFIX [ATTRIBUTES]",
            "withdraw attributes [ATTRIBUTES] nlri PREFIX [PREFIX ...]",
            "show neighbor [FILTER] [summary|extensive|configuration] [json]",
            "show adj-rib in|out [IP] [inet|flow|l2vpn] [extensive] [json]",
            "flush adj-rib out | flush route",
            "clear adj-rib in|out",
            "teardown [IP] [CEASE-SUBCODE]",
            "shutdown [restart]",
            "reload",
            "version",
            "help",
            "ping [UUID [TIMESTAMP]] | ping text",
            "create neighbor IP SETTING VALUE ... [family AFI SAFI] [api PROCESS] | delete neighbor IP",
            "enable-ack | disable-ack | silence-ack",
            "any command may start with: neighbor IP [local-ip IP] [local-as ASN] [peer-as ASN] [router-id ID]"
                    + " [, neighbor ...] or neighbor *");

    /** This daemon's id in {@code ping} answers (ExaBGP's daemon UUID): one per process run. */
    static final String DAEMON_ID = java.util.UUID.randomUUID().toString();

    /** What {@code create neighbor} / {@code delete neighbor} need from the daemon (the API owns speaker and processes). */
    interface NeighborControl {
        CompletableFuture<Reply> create(Command.CreateNeighbor create, ApiProcess from);

        CompletableFuture<Reply> delete(Command.DeleteNeighbor delete);

        /** Reads the configuration again and applies the difference ({@code reload}, SIGUSR1, SIGHUP). */
        CompletableFuture<Reply> reload();

        NeighborControl NONE = new NeighborControl() {
            @Override
            public CompletableFuture<Reply> create(Command.CreateNeighbor create, ApiProcess from) {
                return CompletableFuture.completedFuture(Reply.error("neighbors cannot be created here"));
            }

            @Override
            public CompletableFuture<Reply> delete(Command.DeleteNeighbor delete) {
                return CompletableFuture.completedFuture(Reply.error("neighbors cannot be deleted here"));
            }

            @Override
            public CompletableFuture<Reply> reload() {
                return CompletableFuture.completedFuture(Reply.error("there is no configuration file to reload here"));
            }
        };
    }

    // Copy-on-write: read by every command, changed by create / delete neighbor (synchronized writers).
    private volatile List<Neighbor> neighbors;
    private final RouteConverter converter;
    private NeighborControl control = NeighborControl.NONE;
    private final Runnable shutdown;
    private Runnable restartStop = () -> { };
    private final String version;
    private final Clock clock;

    CommandExecutor(List<Neighbor> neighbors, RouteConverter converter, Runnable shutdown, String version, Clock clock) {
        this.neighbors = List.copyOf(neighbors);
        this.converter = converter;
        this.shutdown = shutdown;
        this.version = version;
        this.clock = clock;
    }

    List<Neighbor> neighbors() {
        return neighbors;
    }

    /** What {@code shutdown restart} runs (on a thread of its own). */
    void restartStop(Runnable action) {
        this.restartStop = action;
    }

    void control(NeighborControl c) {
        this.control = c;
    }

    synchronized void add(Neighbor n) {
        List<Neighbor> next = new ArrayList<>(neighbors);
        next.add(n);
        neighbors = List.copyOf(next);
    }

    /** A neighbor whose configuration changed without its session (a reload that changed only its routes). */
    synchronized void replace(Neighbor old, Neighbor now) {
        List<Neighbor> next = new ArrayList<>(neighbors);
        int at = next.indexOf(old);
        if (at < 0) {
            next.add(now);
        } else {
            next.set(at, now);
        }
        neighbors = List.copyOf(next);
    }

    synchronized void remove(Neighbor n) {
        List<Neighbor> next = new ArrayList<>(neighbors);
        next.remove(n);
        neighbors = List.copyOf(next);
    }

    /** {@link RouteConverter#pathIgnoresPrefix} of the converter this executor's routes go through. */
    boolean pathIgnoresPrefix() {
        return converter.pathIgnoresPrefix();
    }

    /** Commands that join a burst ({@link RouteBatch}): announce, withdraw, {@code clear adj-rib out}. */
    static boolean isRouteChange(Command c) {
        return c instanceof Command.Announce || c instanceof Command.Withdraw || c instanceof Command.Group
                || c instanceof Command.ClearAdjRib clear && !clear.in();
    }

    /** The neighbors a request addresses: its selectors over all neighbors, else the source's {@code scope}. */
    List<Neighbor> select(Request request, List<Neighbor> scope) {
        if (request.selectors().isEmpty()) {
            return scope;
        }
        List<Neighbor> out = new ArrayList<>();
        for (Neighbor n : neighbors) {
            if (request.selectors().stream().anyMatch(s -> s.matches(n.config()))) {
                out.add(n);
            }
        }
        return out;
    }

    /** Adds an announce or withdraw to {@code batch} (nothing is added when it fails). */
    void addTo(RouteBatch batch, Request request, List<Neighbor> scope) throws CommandException {
        if (request.command() instanceof Command.Group g) {
            // All or none: every member is converted into a scratch batch first (never submitted), so a member
            // that fails leaves the real batch untouched. One command for the acknowledgement, as ExaBGP.
            RouteBatch scratch = new RouteBatch();
            for (Request r : g.requests()) {
                addTo(scratch, r, scope);
            }
            for (Request r : g.requests()) {
                addOne(batch, r, scope);
            }
            batch.countCommand();
            return;
        }
        addOne(batch, request, scope);
        batch.countCommand();
    }

    private void addOne(RouteBatch batch, Request request, List<Neighbor> scope) throws CommandException {
        if (request.command() instanceof Command.ClearAdjRib) {
            for (Neighbor n : targets(request, scope)) {
                holdUnlessAutoFlush(batch, n);
                batch.clear(n.driver());
            }
            return;
        }
        List<Neighbor> targets = select(request, scope);
        if (targets.isEmpty()) {
            throw new CommandException(request.selectors().isEmpty()
                    ? "no neighbor to send this to (no neighbor's api names this process: start with 'neighbor IP')"
                    : "no configured neighbor matches the selector");
        }
        switch (request.command()) {
            case Command.Announce a when targets.size() == 1 && a.routes().size() == 1 && a.flows().isEmpty() -> {
                // The line of a bulk injection (one route, one neighbor): what the general case below does, without
                // its lists per line (issue 18: 1,000,000 lines), and a small method for the JIT to compile.
                Neighbor n = targets.get(0);
                List<Route> routes = converted(n, a.routes().get(0));
                holdUnlessAutoFlush(batch, n);
                batch.announce(n.driver(), routes);
            }
            case Command.Announce a -> {
                // A list, not a map keyed by Neighbor: a record's hash reads its whole configuration (every
                // configured route), once per command line (issue 18).
                List<Map.Entry<Neighbor, List<Route>>> converted = new ArrayList<>(targets.size());
                for (Neighbor n : targets) {
                    List<Route> routes = new ArrayList<>();
                    for (RouteConfig r : a.routes()) {
                        routes.addAll(converted(n, r));
                    }
                    for (FlowConfig f : a.flows()) {
                        if (!n.config().families().contains(f.family())) {
                            throw new CommandException("neighbor " + n.name() + " is not configured for "
                                    + f.family() + " (family { } block)");
                        }
                        try {
                            routes.add(converter.toRoute(n.config(), f));
                        } catch (IllegalArgumentException e) {
                            throw new CommandException("neighbor " + n.name() + ": " + e.getMessage());
                        }
                    }
                    converted.add(Map.entry(n, routes));
                }
                converted.forEach(e -> {
                    holdUnlessAutoFlush(batch, e.getKey());
                    batch.announce(e.getKey().driver(), e.getValue());
                });
            }
            case Command.Withdraw w -> {
                List<RouteKey> prefixes = new ArrayList<>();
                for (RouteConfig r : w.routes()) {
                    prefixes.addAll(converter.toPrefixes(r));
                }
                for (FlowConfig f : w.flows()) {
                    prefixes.add(f.rule().route());
                }
                for (Neighbor n : targets) {
                    holdUnlessAutoFlush(batch, n);
                    // a withdrawal even for a route not held (ExaBGP)
                    batch.withdraw(n.driver(), prefixes, true, attributed(n, w));
                }
            }
            default -> throw new IllegalArgumentException("not a route change: " + request.command());
        }
    }

    /** The wire routes of {@code r} for neighbor {@code n}; refused when the neighbor cannot take them. */
    private List<Route> converted(Neighbor n, RouteConfig r) throws CommandException {
        if (!n.config().families().contains(r.family())) {
            throw new CommandException("neighbor " + n.name() + " is not configured for "
                    + r.family() + " (family { } block)");
        }
        try {
            return converter.toRoutes(n.config(), r);
        } catch (IllegalArgumentException e) {
            throw new CommandException("neighbor " + n.name() + ": " + e.getMessage());
        }
    }

    /**
     * The withdraw command's rules and routes of families other than IPv4 unicast/multicast, with the command's
     * attributes as an announcement would carry them: what ExaBGP sends, with no NLRI, for a withdrawal held back
     * in the session's first batch ({@link dev.twinbgp.speaker.session.RibChange.Withdraw}). A line that would not
     * make an announcement (a route without the next hop its family needs) gives none: its withdrawal is sent as
     * usual.
     */
    private List<Route> attributed(Neighbor n, Command.Withdraw w) {
        List<Route> out = new ArrayList<>(0);
        for (FlowConfig f : w.flows()) {
            try {
                out.add(converter.toRoute(n.config(), f));
            } catch (IllegalArgumentException e) {
                // not an announcement: no attributes to send
            }
        }
        for (RouteConfig r : w.routes()) {
            if (r.family().equals(Family.IPV4_UNICAST) || r.family().equals(Family.IPV4_MULTICAST)) {
                continue; // ExaBGP's encoder sends nothing for these (bgp/message/update messages())
            }
            try {
                out.addAll(converter.toRoutes(n.config(), r));
            } catch (IllegalArgumentException e) {
                // not an announcement: no attributes to send
            }
        }
        return out;
    }

    /** {@code auto-flush false}: the neighbor's route changes wait for {@code flush route}. */
    private static void holdUnlessAutoFlush(RouteBatch batch, Neighbor n) {
        if (!n.config().autoFlush()) {
            batch.hold(n.driver());
        }
    }

    /** Runs any command; the future never completes exceptionally (failures are {@code error} replies). */
    CompletableFuture<Reply> execute(Request request, List<Neighbor> scope) {
        return execute(request, scope, null);
    }

    /** {@link #execute(Request, List)} for a command from process {@code from} (null: the control socket). */
    CompletableFuture<Reply> execute(Request request, List<Neighbor> scope, ApiProcess from) {
        try {
            if (request.command() instanceof Command.CreateNeighbor c) {
                return control.create(c, from);
            }
            return run(request, scope).exceptionally(e -> Reply.error("failed: " + rootMessage(e)));
        } catch (CommandException e) {
            return CompletableFuture.completedFuture(Reply.error(e.getMessage()));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(Reply.error("failed: " + rootMessage(e)));
        }
    }

    private CompletableFuture<Reply> run(Request request, List<Neighbor> scope) throws CommandException {
        Command command = request.command();
        return switch (command) {
            case Command.Announce a -> routeChange(request, scope);
            case Command.Withdraw w -> routeChange(request, scope);
            case Command.Group g -> routeChange(request, scope);
            case Command.EndOfRib e -> {
                for (Neighbor n : targets(request, scope)) {
                    n.driver().sendEndOfRib(e.family().orElse(null));
                }
                yield done(List.of());
            }
            case Command.RouteRefresh r -> routeRefresh(targets(request, scope), r);
            case Command.Operational o -> operational(targets(request, scope), o);
            case Command.FlushRoute f -> {
                for (Neighbor n : targets(request, scope)) {
                    n.driver().flushPending();
                }
                yield done(List.of());
            }
            case Command.FlushAdjRibOut f -> {
                for (Neighbor n : targets(request, scope)) {
                    n.driver().resendAdjRibOut();
                }
                yield done(List.of());
            }
            case Command.ShowNeighbor s -> showNeighbor(request, s);
            case Command.ShowAdjRib s -> adjRib(shown(request, s.peer()), s);
            case Command.ClearAdjRib c -> c.in() ? clear(targets(request, scope), true) : routeChange(request, scope);
            case Command.Teardown t -> teardown(request, scope, t);
            case Command.Shutdown s -> {
                Thread.ofPlatform().name("twinbgp-api-shutdown").daemon(false).start(s.forRestart() ? restartStop : shutdown);
                yield done(List.of());
            }
            case Command.Version v -> done(List.of("twinbgp " + version));
            case Command.Help h -> done(List.of(HELP.split("\n")));
            case Command.Watchdog d -> watchdog(targets(request, scope), d);
            case Command.CreateNeighbor c -> control.create(c, null);
            case Command.DeleteNeighbor d -> control.delete(d);
            case Command.Reload r -> control.reload();
            case Command.Ping p -> done(List.of(p.text() ? "pong " + DAEMON_ID + " active=true"
                    : "{ \"pong\": \"" + DAEMON_ID + "\", \"active\": true }"));
            case Command.SetAck s -> done(List.of());
            case Command.GroupStart g -> throw new CommandException("group start / group end: only an API process groups"
                    + " lines; here write 'group COMMAND ; COMMAND ...' on one line");
            case Command.GroupEnd g -> throw new CommandException("group end: not in a group block (group start first)");
        };
    }

    /** Announces or withdraws, on each target, the configured routes tagged with the watchdog's name. */
    private CompletableFuture<Reply> watchdog(List<Neighbor> targets, Command.Watchdog d) {
        RouteBatch batch = new RouteBatch();
        for (Neighbor n : targets) {
            List<RouteConfig> tagged = n.config().routes().stream().filter(r -> r.watchedBy(d.name()))
                    .map(RouteConfig::announced).toList();
            if (d.announce()) {
                List<Route> routes = new ArrayList<>();
                tagged.forEach(r -> routes.addAll(converter.toRoutes(n.config(), r)));
                batch.announce(n.driver(), routes);
            } else {
                List<RouteKey> prefixes = new ArrayList<>();
                tagged.forEach(r -> prefixes.addAll(converter.toPrefixes(r)));
                batch.withdraw(n.driver(), prefixes);
            }
        }
        batch.countCommand();
        return batch.submit().thenApply(v -> Reply.done());
    }

    private CompletableFuture<Reply> routeChange(Request request, List<Neighbor> scope) throws CommandException {
        RouteBatch batch = new RouteBatch();
        addTo(batch, request, scope);
        return batch.submit().thenApply(v -> Reply.done());
    }

    /** ROUTE-REFRESH to each target; an error when none of them has the session and capability for it. */
    private CompletableFuture<Reply> routeRefresh(List<Neighbor> targets, Command.RouteRefresh r) {
        List<CompletableFuture<Boolean>> sent = new ArrayList<>();
        for (Neighbor n : targets) {
            sent.add(n.driver().requestRouteRefresh(r.family()));
        }
        return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).thenApply(v -> {
            if (sent.stream().noneMatch(CompletableFuture::join)) {
                return Reply.error("announce route-refresh: no established session negotiated route refresh for "
                        + r.family());
            }
            return Reply.done();
        });
    }

    /** OPERATIONAL to each target; an error when none has an established session that negotiated capability 185. */
    private CompletableFuture<Reply> operational(List<Neighbor> targets, Command.Operational o) {
        List<CompletableFuture<Boolean>> sent = new ArrayList<>();
        for (Neighbor n : targets) {
            sent.add(n.driver().sendOperational(o::message));
        }
        return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).thenApply(v -> {
            if (sent.stream().noneMatch(CompletableFuture::join)) {
                return Reply.error("operational: no established session negotiated the operational capability");
            }
            return Reply.done();
        });
    }

    private List<Neighbor> targets(Request request, List<Neighbor> scope) throws CommandException {
        List<Neighbor> targets = select(request, scope);
        if (targets.isEmpty()) {
            throw new CommandException(request.selectors().isEmpty()
                    ? "no neighbor to apply this to (no neighbor's api names this process: start with 'neighbor IP')"
                    : "no configured neighbor matches the selector");
        }
        return targets;
    }

    /**
     * The neighbors a {@code show} command reports: every neighbor (as ExaBGP's show commands, which read all its
     * peers whichever process asks - a process's scope limits what it changes, not what it sees), narrowed by a
     * selector and by the address written in the command ({@code show neighbor 192.0.2.1 summary}).
     */
    private List<Neighbor> shown(Request request, Optional<IpAddress> peer) {
        List<Neighbor> selected = select(request, neighbors);
        if (peer.isEmpty()) {
            return selected;
        }
        return selected.stream().filter(n -> n.config().peerAddress().equals(peer.get())).toList();
    }

    /**
     * {@code show neighbor}, its filter as ExaBGP's (reactor/api/command/neighbor.py): {@code summary} the neighbor
     * whose address it is ({@code limit != neighbor_ip}), {@code extensive} and {@code configuration} those whose
     * ExaBGP name holds it ({@code limit not in neighbor_name}: {@code 127.0.0} or {@code 65003} match),
     * {@code json} every neighbor (ExaBGP's json reads no filter; {@code neighbor IP show neighbor json} selects one).
     */
    private CompletableFuture<Reply> showNeighbor(Request request, Command.ShowNeighbor show) {
        if (show.json()) {
            return showNeighbor(select(request, neighbors), show);
        }
        return switch (show.view()) {
            case SUMMARY -> showNeighbor(withAddress(request, show.filter()), show);
            case EXTENSIVE -> showNeighbor(named(request, show.filter()), show);
            case CONFIGURATION -> done(configuration(request, show.filter()));
        };
    }

    /** The neighbors whose ExaBGP name ({@link NeighborConfigText#name}) holds the filter. */
    private List<Neighbor> named(Request request, Optional<String> filter) {
        return select(request, neighbors).stream()
                .filter(n -> filter.isEmpty() || NeighborConfigText.name(n.config()).contains(filter.get())).toList();
    }

    /** The neighbors whose address the filter is; a filter that is no address matches none (ExaBGP: an equality). */
    private List<Neighbor> withAddress(Request request, Optional<String> filter) {
        if (filter.isEmpty()) {
            return shown(request, Optional.empty());
        }
        try {
            return shown(request, Optional.of(IpAddress.parse(filter.get())));
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }

    /**
     * {@code show neighbor configuration}: each neighbor's block as ExaBGP prints it ({@link NeighborConfigText}),
     * those whose ExaBGP name holds the filter (ExaBGP: {@code limit not in neighbor_name}, a substring).
     */
    private List<String> configuration(Request request, Optional<String> filter) {
        List<String> lines = new ArrayList<>();
        for (Neighbor n : named(request, filter)) {
            lines.addAll(NeighborConfigText.lines(n.config()));
        }
        return lines;
    }

    /** {@code show neighbor}: the counters, and what each Adj-RIB-In holds per family (read on its loop). */
    private CompletableFuture<Reply> showNeighbor(List<Neighbor> targets, Command.ShowNeighbor show) {
        List<CompletableFuture<Map<Family, Integer>>> held = new ArrayList<>();
        for (Neighbor n : targets) {
            held.add(n.driver().query(() -> n.driver().adjRibIn().sizesByFamily()));
        }
        return CompletableFuture.allOf(held.toArray(CompletableFuture[]::new)).thenApply(v -> {
            Map<Neighbor, Map<Family, Integer>> accepted = new LinkedHashMap<>();
            for (int i = 0; i < targets.size(); i++) {
                accepted.put(targets.get(i), held.get(i).join());
            }
            return Reply.done(NeighborReport.render(accepted, show, clock));
        });
    }

    private CompletableFuture<Reply> adjRib(List<Neighbor> targets, Command.ShowAdjRib show) {
        List<CompletableFuture<List<Route>>> tables = new ArrayList<>();
        for (Neighbor n : targets) {
            tables.add(n.driver().query(() -> {
                List<Route> routes = show.in() ? n.driver().adjRibIn().routes() : n.driver().adjRibOut().routes();
                return show.kind().isEmpty() ? routes
                        : routes.stream().filter(r -> show.kind().get().matches(r.family())).toList();
            }));
        }
        return CompletableFuture.allOf(tables.toArray(CompletableFuture[]::new)).thenApply(v -> {
            Map<Neighbor, List<Route>> byNeighbor = new LinkedHashMap<>();
            for (int i = 0; i < targets.size(); i++) {
                byNeighbor.put(targets.get(i), tables.get(i).join());
            }
            return Reply.done(RouteReport.render(byNeighbor, show));
        });
    }

    /**
     * {@code clear adj-rib in}: forget what the peer sent (on its loop). {@code clear adj-rib out}: withdraw
     * every route we announced - the table is read on the loop, then withdrawn by a task queued behind it.
     */
    private CompletableFuture<Reply> clear(List<Neighbor> targets, boolean in) {
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (Neighbor n : targets) {
            if (in) {
                all.add(n.driver().query(() -> {
                    n.driver().adjRibIn().clear();
                    return Boolean.TRUE;
                }));
            } else {
                all.add(n.driver().query(() -> {
                    List<RouteKey> prefixes = n.driver().adjRibOut().routes().stream().map(Route::key).toList();
                    n.driver().withdraw(prefixes);
                    return Boolean.TRUE;
                }).thenCompose(v -> n.driver().query(() -> Boolean.TRUE)));
            }
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(v -> Reply.done());
    }

    private CompletableFuture<Reply> teardown(Request request, List<Neighbor> scope, Command.Teardown t)
            throws CommandException {
        List<Neighbor> targets;
        if (t.address().isPresent()) {
            targets = neighbors.stream().filter(n -> n.config().peerAddress().equals(t.address().get())).toList();
            if (targets.isEmpty()) {
                throw new CommandException("teardown: no configured neighbor " + t.address().get());
            }
        } else {
            targets = targets(request, scope);
        }
        for (Neighbor n : targets) {
            n.driver().teardown(t.subcode(), null); // reconnects after the connect retry time, as ExaBGP does
        }
        return done(List.of());
    }

    private static CompletableFuture<Reply> done(List<String> lines) {
        return CompletableFuture.completedFuture(Reply.done(lines));
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

}
