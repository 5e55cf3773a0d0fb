package dev.twinbgp.bgp.rib;

import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.family.Prefix;
import dev.twinbgp.bgp.wire.family.RouteKey;

/** A route of any family - a prefix, or a family codec's NLRI, with its path id under ADD-PATH - and its path. */
public record Route(RouteKey key, Path path) {
    public Family family() {
        return key.family();
    }

    /** True for a unicast prefix route. */
    public boolean isPrefix() {
        return key instanceof Prefix;
    }

    /** The prefix of a unicast route; IllegalStateException for any other family (check {@link #isPrefix}). */
    public Prefix prefix() {
        if (key instanceof Prefix p) {
            return p;
        }
        throw new IllegalStateException("not a prefix route: " + key);
    }

    /**
     * {@code Route[prefix=10.0.0.0/24, path=...]} ({@code prefix=10.0.0.0/24 multicast} for SAFI 2), or
     * {@code Route[nlri=flow ..., path=...]} for another family.
     */
    @Override
    public String toString() {
        // A multicast route says so: its prefix alone would read as the unicast route of that prefix.
        String multicast = key instanceof Prefix p && p.isMulticast() ? " multicast" : "";
        return "Route[" + (isPrefix() ? "prefix=" : "nlri=") + key + multicast + ", path=" + path + "]";
    }
}
