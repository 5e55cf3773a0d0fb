package dev.twinbgp.speaker.api;

import dev.twinbgp.bgp.rib.Route;
import dev.twinbgp.bgp.wire.family.RouteKey;
import dev.twinbgp.speaker.session.PeerDriver;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Route changes from consecutive commands, per peer and in command order, merged into as few
 * {@link PeerDriver#announce} / {@link PeerDriver#withdraw} calls as order allows: a run of announces is one
 * call, a following withdrawal starts the next. Each call is one task on the peer's loop, so a burst of
 * 100,000 lines is a few hundred tasks, between which the loop runs its timers (keepalives) and I/O.
 */
final class RouteBatch {
    private sealed interface Op {
    }

    private record Announce(List<Route> routes) implements Op {
    }

    private record Withdraw(List<RouteKey> prefixes) implements Op {
    }

    private final Map<PeerDriver, List<Op>> ops = new LinkedHashMap<>();
    private int commands;

    void announce(PeerDriver peer, List<Route> routes) {
        List<Op> list = ops.computeIfAbsent(peer, k -> new ArrayList<>());
        if (!list.isEmpty() && list.get(list.size() - 1) instanceof Announce a) {
            a.routes.addAll(routes);
        } else {
            list.add(new Announce(new ArrayList<>(routes)));
        }
    }

    void withdraw(PeerDriver peer, List<? extends RouteKey> prefixes) {
        List<Op> list = ops.computeIfAbsent(peer, k -> new ArrayList<>());
        if (!list.isEmpty() && list.get(list.size() - 1) instanceof Withdraw w) {
            w.prefixes.addAll(prefixes);
        } else {
            list.add(new Withdraw(new ArrayList<>(prefixes)));
        }
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

    /**
     * Hands everything to the peers' loops, in order, and empties the batch. The future completes when every
     * loop has applied its part (a no-op query queued behind the changes), which bounds work in flight.
     */
    CompletableFuture<Void> submit() {
        List<CompletableFuture<?>> applied = new ArrayList<>(ops.size());
        ops.forEach((peer, list) -> {
            for (Op op : list) {
                switch (op) {
                    case Announce a -> peer.announce(a.routes);
                    case Withdraw w -> peer.withdraw(w.prefixes);
                }
            }
            applied.add(peer.query(() -> Boolean.TRUE));
        });
        ops.clear();
        commands = 0;
        return CompletableFuture.allOf(applied.toArray(CompletableFuture[]::new));
    }
}
