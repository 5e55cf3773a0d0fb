package dev.twinbgp.speaker.mapping;

import dev.twinbgp.bgp.fsm.SessionConfig;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.speaker.config.Capabilities;
import dev.twinbgp.speaker.config.NeighborConfig;
import dev.twinbgp.speaker.config.NextHopEncoding;

/**
 * A neighbor's FSM settings and the capabilities of our OPEN, as ExaBGP advertises them for the same
 * configuration (the conformance vectors compare our OPEN with ExaBGP's byte for byte):
 * <ul>
 *   <li>multiprotocol for every configured family (RFC 4760 section 8), in configuration order;</li>
 *   <li>4-octet AS unless {@code asn4 disable} (RFC 6793);</li>
 *   <li>{@code route-refresh enable} advertises both route refresh (RFC 2918) and enhanced route refresh
 *       (RFC 7313), as ExaBGP does;</li>
 *   <li>ADD-PATH with the configured mode for every configured family (RFC 7911 section 4);</li>
 *   <li>graceful restart with the configured time (RFC 4724 section 3), forwarding state not claimed;</li>
 *   <li>extended message unless disabled (RFC 8654, on by default as in ExaBGP);</li>
 *   <li>FQDN (draft-walton-bgp-hostname-capability) only when {@code host-name} or {@code domain-name} is given;</li>
 *   <li>software version {@code twinbgp/VERSION} when enabled ({@link SoftwareVersion});</li>
 *   <li>extended next hop (RFC 8950) for the {@code nexthop { }} encodings that apply;</li>
 *   <li>link-local next hop (code 77) with {@code link-local-nexthop enable}.</li>
 * </ul>
 * {@code passive}: we only accept. Otherwise we connect, and also accept when {@code listen PORT} is given
 * (both sides may then open a connection; RFC 4271 section 6.8 resolves the collision).
 */
final class SessionMapping {
    private SessionMapping() {
    }

    static SessionConfig of(NeighborConfig neighbor) {
        long routerId = neighbor.routerId().orElseThrow(() -> new Refused(
                "needs a router-id (or an IPv4 local-address to take it from)")).toUnsignedInt();
        Capabilities caps = neighbor.capabilities();
        SessionConfig.Builder b = SessionConfig.builder(neighbor.localAs(), neighbor.peerAs(), routerId)
                .holdTime(neighbor.holdTime())
                .active(!neighbor.passive())
                .passive(neighbor.passive() || neighbor.listenPort().isPresent())
                .families(neighbor.families())
                .asn4(caps.asn4())
                .routeRefresh(caps.routeRefresh())
                .enhancedRouteRefresh(caps.routeRefresh())
                .extendedMessage(caps.extendedMessage())
                .gracefulRestartTime(caps.gracefulRestart().orElse(-1))
                .operational(caps.operational())
                .multiSession(caps.multiSession());
        caps.addPath().ifPresent(mode -> {
            for (Family family : neighbor.families()) {
                if (caps.addPathFamilies().isEmpty() || caps.addPathFamilies().contains(family)) {
                    b.addPath(family, mode);
                    int limit = caps.pathsLimit().getOrDefault(family, 0);
                    if (limit > 0 && mode != dev.twinbgp.bgp.wire.capability.AddPathMode.SEND) {
                        b.pathsLimit(family, limit); // ExaBGP: only where we receive paths
                    }
                }
            }
        });
        if (neighbor.hostName().isPresent() || neighbor.domainName().isPresent()) {
            b.fqdn(neighbor.hostName().orElse(""), neighbor.domainName().orElse(""));
        }
        if (caps.softwareVersion()) {
            b.softwareVersion(SoftwareVersion.text());
        }
        b.linkLocalNextHop(caps.linkLocalNextHop());
        b.aigp(caps.aigp());
        for (NextHopEncoding encoding : neighbor.nextHopEncodings()) {
            b.extendedNextHop(encoding.family(), encoding.nextHopAfi());
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new Refused(e.getMessage());
        }
    }
}
