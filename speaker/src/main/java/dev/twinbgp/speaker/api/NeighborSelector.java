package dev.twinbgp.speaker.api;

import dev.twinbgp.speaker.config.IpAddress;
import dev.twinbgp.speaker.config.NeighborConfig;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code neighbor IP [local-ip IP] [local-as ASN] [peer-as ASN] [router-id ID]}, or {@code neighbor *}
 * (every neighbor): what ExaBGP matches a command's target against.
 *
 * @param peer empty for {@code *}
 */
public record NeighborSelector(Optional<IpAddress> peer, Optional<IpAddress> localIp, OptionalLong localAs,
                               OptionalLong peerAs, Optional<IpAddress> routerId) {

    static final NeighborSelector ANY = new NeighborSelector(Optional.empty(), Optional.empty(),
            OptionalLong.empty(), OptionalLong.empty(), Optional.empty());

    boolean matches(NeighborConfig n) {
        return peer.map(p -> p.equals(n.peerAddress())).orElse(true)
                && localIp.map(ip -> n.localAddress().map(ip::equals).orElse(false)).orElse(true)
                && (localAs.isEmpty() || localAs.getAsLong() == n.localAs())
                && (peerAs.isEmpty() || peerAs.getAsLong() == n.peerAs())
                && routerId.map(id -> n.routerId().map(id::equals).orElse(false)).orElse(true);
    }
}
