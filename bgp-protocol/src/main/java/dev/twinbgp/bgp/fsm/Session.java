package dev.twinbgp.bgp.fsm;

import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.capability.Negotiated;
import dev.twinbgp.bgp.wire.Open;
import java.util.Set;

/**
 * What an OPEN exchange agreed (RFC 4271 section 6.2, RFC 5492), fixed for the session's life.
 *
 * @param connection           the connection the session runs on
 * @param localOpen            the OPEN we sent
 * @param remoteOpen           the OPEN the peer sent
 * @param peerAs               the peer's AS (4-octet capability when present, RFC 6793)
 * @param peerId               the peer's BGP identifier, unsigned 32-bit
 * @param holdTime             negotiated seconds: min(ours, theirs); 0 = no hold timer and no keepalives
 * @param keepaliveTime        seconds between our KEEPALIVEs: holdTime / 3 (0 when holdTime is 0)
 * @param negotiated           what the codec needs (AS4, ADD-PATH, extended message)
 * @param families             families both sides advertised (RFC 4760; no Multiprotocol = IPv4 unicast)
 * @param routeRefresh         both advertised route refresh (RFC 2918)
 * @param enhancedRouteRefresh both advertised enhanced route refresh (RFC 7313)
 * @param gracefulRestart      the peer's graceful restart data when both advertised it (RFC 4724), else null
 */
public record Session(Direction connection, Open localOpen, Open remoteOpen, long peerAs, long peerId,
                      int holdTime, int keepaliveTime, Negotiated negotiated, Set<Family> families,
                      boolean routeRefresh, boolean enhancedRouteRefresh, PeerGracefulRestart gracefulRestart) {
    public Session {
        families = Set.copyOf(families);
    }

    /**
     * Both OPENs carry ExaBGP's operational capability (185): OPERATIONAL messages (type 6) may be
     * exchanged; otherwise a received one is an unknown message type (RFC 4271 section 6.1, 1/3).
     */
    public boolean operational() {
        return has(localOpen, SessionConfig.OPERATIONAL) && has(remoteOpen, SessionConfig.OPERATIONAL);
    }

    private static boolean has(Open open, int code) {
        for (dev.twinbgp.bgp.wire.capability.Capability c : open.capabilities()) {
            if (c.code() == code) {
                return true;
            }
        }
        return false;
    }
}
