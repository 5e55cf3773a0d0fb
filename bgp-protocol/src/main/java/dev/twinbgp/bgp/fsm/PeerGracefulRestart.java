package dev.twinbgp.bgp.fsm;

import dev.twinbgp.bgp.wire.family.Family;
import java.util.Set;

/**
 * The peer's graceful restart capability (RFC 4724 section 3), which we use as the receiving
 * speaker (section 4.2): how long to keep its routes after it goes down, and for which families.
 *
 * @param restartTime         seconds the peer expects to take to come back
 * @param restarting          the R bit: the peer has just restarted
 * @param families            families the peer can preserve forwarding state for
 * @param forwardingPreserved those of {@code families} whose F bit was set in this OPEN
 */
public record PeerGracefulRestart(int restartTime, boolean restarting, Set<Family> families,
                                  Set<Family> forwardingPreserved) {
    public PeerGracefulRestart {
        families = Set.copyOf(families);
        forwardingPreserved = Set.copyOf(forwardingPreserved);
    }
}
