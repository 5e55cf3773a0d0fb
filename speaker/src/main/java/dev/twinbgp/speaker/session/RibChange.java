package dev.twinbgp.speaker.session;

import dev.twinbgp.bgp.rib.Route;
import dev.twinbgp.bgp.wire.family.RouteKey;
import java.util.List;

/**
 * One change to a peer's Adj-RIB-Out within a burst of API commands ({@link PeerDriver#apply}): the changes of a
 * burst are applied in order, and only then are UPDATEs made, for what the burst changed as a whole.
 */
public sealed interface RibChange {
    /** Add or replace routes. */
    record Announce(List<Route> routes) implements RibChange {
    }

    /** Remove routes. */
    record Withdraw(List<? extends RouteKey> keys) implements RibChange {
    }

    /** {@code clear adj-rib out}: remove every route. */
    record Clear() implements RibChange {
    }
}
