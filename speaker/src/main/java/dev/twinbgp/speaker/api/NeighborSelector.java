package dev.twinbgp.speaker.api;

import dev.twinbgp.speaker.config.IpAddress;
import dev.twinbgp.speaker.config.NeighborConfig;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code neighbor IP [local-ip IP] [local-as ASN] [peer-as ASN] [router-id ID] [family-allowed FAMILIES]}, or
 * {@code neighbor *}
 * (every neighbor): what ExaBGP matches a command's target against.
 *
 * @param peer empty for {@code *}
 */
public record NeighborSelector(Optional<IpAddress> peer, Optional<IpAddress> localIp, OptionalLong localAs,
                               OptionalLong peerAs, Optional<IpAddress> routerId, Optional<String> familyAllowed) {

    static final NeighborSelector ANY = new NeighborSelector(Optional.empty(), Optional.empty(),
            OptionalLong.empty(), OptionalLong.empty(), Optional.empty(), Optional.empty());

    public NeighborSelector(Optional<IpAddress> peer, Optional<IpAddress> localIp, OptionalLong localAs,
                            OptionalLong peerAs, Optional<IpAddress> routerId) {
        this(peer, localIp, localAs, peerAs, routerId, Optional.empty());
    }

    /**
     * ExaBGP's {@code family-allowed} part of a neighbor's name (bgp/neighbor/neighbor.py {@code name()}): with the
     * multi-session capability its families, {@code AFI-SAFI} sorted and joined by {@code /} (e.g.
     * {@code ipv4-unicast/ipv6-unicast}); without it {@code in-open}.
     */
    static String familyAllowed(NeighborConfig n) {
        if (!n.capabilities().multiSession()) {
            return "in-open";
        }
        return n.families().stream()
                .sorted(java.util.Comparator.comparingInt(dev.twinbgp.bgp.wire.family.Family::afi)
                        .thenComparingInt(dev.twinbgp.bgp.wire.family.Family::safi))
                .map(f -> f.toString().replace(' ', '-'))
                .collect(java.util.stream.Collectors.joining("/"));
    }

    boolean matches(NeighborConfig n) {
        return peer.map(p -> p.equals(n.peerAddress())).orElse(true)
                && localIp.map(ip -> n.localAddress().map(ip::equals).orElse(false)).orElse(true)
                && (localAs.isEmpty() || localAs.getAsLong() == n.localAs())
                && (peerAs.isEmpty() || peerAs.getAsLong() == n.peerAs())
                && routerId.map(id -> n.routerId().map(id::equals).orElse(false)).orElse(true)
                && familyAllowed.map(f -> f.equals(familyAllowed(n))).orElse(true);
    }
}
