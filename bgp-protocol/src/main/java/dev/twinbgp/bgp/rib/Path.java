package dev.twinbgp.bgp.rib;

import dev.twinbgp.bgp.wire.attribute.Attributes;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * What a route carries besides its prefix: the path attributes and the next hop. One instance is
 * shared by every prefix of an UPDATE (and of a configured group), so a RIB pays for it once.
 *
 * @param attributes the path attributes, without MP_REACH_NLRI / MP_UNREACH_NLRI (RFC 4760)
 * @param nextHop    the MP_REACH next hop (4, 16 or 32 octets), or an empty array when the next hop
 *                   is the NEXT_HOP attribute inside {@code attributes} (IPv4 unicast, RFC 4271)
 */
public record Path(Attributes attributes, byte[] nextHop) {
    private static final byte[] NONE = new byte[0];

    public Path {
        nextHop = nextHop == null || nextHop.length == 0 ? NONE : nextHop.clone();
    }

    public Path(Attributes attributes) {
        this(attributes, NONE);
    }

    @Override
    public byte[] nextHop() {
        return nextHop.clone();
    }

    /** This path with its attributes in the form a RIB keeps ({@link Attributes#compactBuilt}): equal to this. */
    Path compact() {
        Attributes c = attributes.compactBuilt();
        return c == attributes ? this : new Path(c, nextHop);
    }

    public boolean hasMpNextHop() {
        return nextHop.length > 0;
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof Path p && p.attributes.equals(attributes) && Arrays.equals(p.nextHop, nextHop);
    }

    @Override
    public int hashCode() {
        return attributes.hashCode() * 31 + Arrays.hashCode(nextHop);
    }

    @Override
    public String toString() {
        return "Path[" + attributes + (nextHop.length == 0 ? "" : " nh=" + HexFormat.of().formatHex(nextHop)) + "]";
    }
}
