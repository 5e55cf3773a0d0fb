package dev.twinbgp.speaker.config;

import dev.twinbgp.bgp.wire.family.Family;

/**
 * One entry of {@code nexthop { ipv4 unicast ipv6; }}: routes of {@code family} may carry a next hop of
 * {@code nextHopAfi} (RFC 8950 section 4, the Extended Next Hop Encoding capability tuple).
 */
public record NextHopEncoding(Family family, int nextHopAfi) {
    @Override
    public String toString() {
        return family + " " + Family.afiName(nextHopAfi);
    }
}
