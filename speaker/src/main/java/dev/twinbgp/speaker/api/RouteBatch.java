package dev.twinbgp.speaker.api;

import dev.twinbgp.bgp.rib.Route;
import dev.twinbgp.bgp.wire.family.RouteKey;
import dev.twinbgp.speaker.session.PeerDriver;
import dev.twinbgp.speaker.session.RibChange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Route changes from consecutive commands, per peer and in command order, merged into as few
 * {@link PeerDriver#announce} / {@link PeerDriver#withdraw} calls as order allows: a run of announces is one
 * call, a following withdrawal starts the next; a peer whose part mixes them gets it as one burst. Each call is one task on the peer's loop, so a burst of
 * 100,000 lines is a few hundred tasks, between which the loop runs its timers (keepalives) and I/O.
 */
final class RouteBatch {
    private sealed interface Op {
    }

    private record Announce(List<Route> routes) implements Op {
    }

    private record Withdraw(List<RouteKey> prefixes, boolean always, List<Route> attributed) implements Op {
    }

    private record Clear() implements Op {
    }

    private final Map<PeerDriver, List<Op>> ops = new LinkedHashMap<>();
    /** Peers whose neighbor has {@code auto-flush false}: their changes wait for {@code flush route}. */
    private final java.util.Set<PeerDriver> held = new java.util.HashSet<>();
    private int commands;
    /** Routes announced so far, and the last of them: what {@link AnnounceShortcut} learns a line's path from. */
    private int announced;
    private Route lastAnnounced;

    /** The changes for {@code peer} stay unsent until it is flushed ({@code auto-flush false}). */
    void hold(PeerDriver peer) {
        held.add(peer);
    }

    void announce(PeerDriver peer, List<Route> routes) {
        if (routes.size() == 1) {
            announce(peer, routes.get(0)); // a bulk injection's line: no array copy of a one-route list
            return;
        }
        List<Op> list = ops.computeIfAbsent(peer, k -> new ArrayList<>());
        if (!list.isEmpty() && list.get(list.size() - 1) instanceof Announce a) {
            a.routes.addAll(routes);
        } else {
            list.add(new Announce(new ArrayList<>(routes)));
        }
        announced += routes.size();
        lastAnnounced = routes.isEmpty() ? lastAnnounced : routes.get(routes.size() - 1);
    }

    void announce(PeerDriver peer, Route route) {
        List<Op> list = ops.computeIfAbsent(peer, k -> new ArrayList<>());
        if (!list.isEmpty() && list.get(list.size() - 1) instanceof Announce a) {
            a.routes.add(route);
        } else {
            List<Route> routes = new ArrayList<>();
            routes.add(route);
            list.add(new Announce(routes));
        }
        announced++;
        lastAnnounced = route;
    }

    /** The number of routes announced into this batch so far (not reset by {@link #submit}). */
    int announced() {
        return announced;
    }

    /** The route announced last, or null. */
    Route lastAnnounced() {
        return lastAnnounced;
    }

    /** Routes withdrawn: only those the peer has (a watchdog, a reload). */
    void withdraw(PeerDriver peer, List<? extends RouteKey> prefixes) {
        withdraw(peer, prefixes, false);
    }

    /** Routes withdrawn; {@code always}: a withdrawal for each, held or not (an API withdraw, as ExaBGP). */
    void withdraw(PeerDriver peer, List<? extends RouteKey> prefixes, boolean always) {
        withdraw(peer, prefixes, always, List.of());
    }

    /** {@code attributed}: the withdraw command's routes with its attributes ({@link RibChange.Withdraw}). */
    void withdraw(PeerDriver peer, List<? extends RouteKey> prefixes, boolean always, List<Route> attributed) {
        List<Op> list = ops.computeIfAbsent(peer, k -> new ArrayList<>());
        if (!list.isEmpty() && list.get(list.size() - 1) instanceof Withdraw w && w.always == always) {
            w.prefixes.addAll(prefixes);
            w.attributed.addAll(attributed);
        } else {
            list.add(new Withdraw(new ArrayList<>(prefixes), always, new ArrayList<>(attributed)));
        }
    }

    /** {@code clear adj-rib out}: every route of the peer withdrawn, at its turn in the burst. */
    void clear(PeerDriver peer) {
        ops.computeIfAbsent(peer, k -> new ArrayList<>()).add(new Clear());
    }

    void countCommand() {
        commands++;
    }

    /** Commands merged so far. */
    int commands() {
        return commands;
    }

    boolean isEmpty() {
        return commands == 0;
    }

    /** What the batch holds, to compare two batches in tests: each peer then its changes, the held peers, the count. */
    List<Object> contents() {
        List<Object> out = new ArrayList<>();
        ops.forEach((peer, list) -> {
            out.add(peer);
            out.addAll(list);
        });
        out.add(held);
        out.add(commands);
        return out;
    }

    /**
     * Hands everything to the peers' loops, in order, and empties the batch. A peer with one run of announces (or
     * of withdrawals) gets it as one {@link PeerDriver#announce} ({@link PeerDriver#withdraw}): the bulk path, taken
     * a bounded step per loop turn. A peer with a mix gets the whole burst as one {@link PeerDriver#apply}, so only
     * its net effect goes on the wire (an announce then a {@code clear adj-rib out} sends nothing). The future
     * completes when every loop has applied its part (a no-op query queued behind the changes), which bounds work
     * in flight.
     */
    CompletableFuture<Void> submit() {
        List<CompletableFuture<?>> applied = new ArrayList<>(ops.size());
        ops.forEach((peer, list) -> {
            boolean flush = !held.contains(peer);
            if (flush && list.size() == 1 && list.get(0) instanceof Announce a) {
                peer.announce(a.routes);
            } else if (flush && list.size() == 1 && list.get(0) instanceof Withdraw w && w.attributed.isEmpty()) {
                peer.withdraw(w.prefixes, w.always);
            } else {
                List<RibChange> burst = new ArrayList<>(list.size());
                for (Op op : list) {
                    burst.add(switch (op) {
                        case Announce a -> new RibChange.Announce(a.routes);
                        case Withdraw w -> new RibChange.Withdraw(w.prefixes, w.always, w.attributed);
                        case Clear c -> new RibChange.Clear();
                    });
                }
                peer.apply(burst, flush);
            }
            applied.add(peer.query(() -> Boolean.TRUE));
        });
        ops.clear();
        held.clear();
        commands = 0;
        return CompletableFuture.allOf(applied.toArray(CompletableFuture[]::new));
    }
}
