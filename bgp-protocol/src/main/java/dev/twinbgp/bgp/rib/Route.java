package dev.twinbgp.bgp.rib;

import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.family.Prefix;

/** A prefix (with its path id under ADD-PATH) and its path. */
public record Route(Prefix prefix, Path path) {
    public Family family() {
        return prefix.isIpv6() ? Family.IPV6_UNICAST : Family.IPV4_UNICAST;
    }
}
