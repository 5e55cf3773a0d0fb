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

    /**
     * Remove routes. {@code always}: a withdrawal goes out for every key, held or not (ExaBGP's API withdraw, see
     * {@link PeerDriver#withdraw(java.util.Collection, boolean)}); otherwise only for routes the peer has.
     */
    record Withdraw(List<? extends RouteKey> keys, boolean always, List<Route> attributed) implements RibChange {
        /**
         * @param attributed the withdraw command's routes with its attributes, for families other than IPv4
         *                   unicast/multicast: in the session's first batch ExaBGP sends, for each withdrawal it
         *                   holds back, an UPDATE with those attributes and no NLRI (see {@link PeerDriver#apply})
         */
        public Withdraw {
            attributed = List.copyOf(attributed);
        }

        public Withdraw(List<? extends RouteKey> keys, boolean always) {
            this(keys, always, List.of());
        }
    }

    /** {@code clear adj-rib out}: remove every route. */
    record Clear() implements RibChange {
    }
}
