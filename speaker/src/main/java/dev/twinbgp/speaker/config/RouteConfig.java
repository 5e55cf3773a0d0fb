package dev.twinbgp.speaker.config;

import dev.twinbgp.bgp.wire.family.Family;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * One configured route: a prefix and its attributes as written; {@code multicast} for a route of {@code ipv4 multicast} /
 * {@code ipv6 multicast} (SAFI 2, RFC 4760), as ExaBGP's {@code multicast PREFIX ...} and {@code announce ipv4 multicast}
 * write it.
 */
public record RouteConfig(Prefix prefix, RouteAttributes attributes, boolean multicast) {

    /** A route of the unicast family (or labeled/VPN, as its attributes make it). */
    public RouteConfig(Prefix prefix, RouteAttributes attributes) {
        this(prefix, attributes, false);
    }

    /** The same route in the multicast family of its AFI. */
    public RouteConfig asMulticast() {
        return new RouteConfig(prefix, attributes, true);
    }

    /** The most routes one {@code split} may produce (2^16); the parser refuses larger splits. */
    public static final int MAX_SPLIT_ROUTES = 1 << 16;

    /** This route as {@code announce watchdog NAME} announces it (its {@code withdraw} flag cleared). */
    public RouteConfig announced() {
        return new RouteConfig(prefix, attributes.announced(), multicast);
    }

    /** True when this route carries {@code watchdog name}. */
    public boolean watchedBy(String name) {
        return attributes.watchdog().filter(name::equals).isPresent();
    }

    /**
     * The route's family: mpls-vpn with an RD (RFC 4364), nlri-mpls with labels (RFC 8277), else unicast - as
     * ExaBGP decides it for a {@code route} line.
     */
    public Family family() {
        Family unicast = prefix.family();
        if (multicast) {
            return new Family(unicast.afi(), Family.SAFI_MULTICAST);
        }
        if (attributes.rd().isPresent()) {
            return new Family(unicast.afi(), Family.SAFI_MPLS_VPN);
        }
        return attributes.labels().isEmpty() ? unicast : new Family(unicast.afi(), Family.SAFI_MPLS_LABEL);
    }

    /**
     * The routes to announce: this one, or, with {@code split /N} longer than the prefix, the 2^(N - length)
     * sub-prefixes of length N in address order, each without {@code split} (ExaBGP's behaviour; a split not
     * longer than the prefix leaves the route as it is).
     */
    public List<RouteConfig> expandSplit() {
        if (attributes.split().isEmpty()) {
            return List.of(this); // the same route: no copy of its attributes per route (issue 18)
        }
        if (attributes.split().getAsInt() <= prefix.length()) {
            return List.of(new RouteConfig(prefix, attributes.withoutSplit(), multicast));
        }
        int cut = attributes.split().getAsInt();
        int bits = prefix.maxLength();
        BigInteger first = new BigInteger(1, prefix.address().bytes());
        BigInteger step = BigInteger.ONE.shiftLeft(bits - cut);
        int count = 1 << (cut - prefix.length());
        RouteAttributes plain = attributes.withoutSplit();
        List<RouteConfig> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            BigInteger address = first.add(step.multiply(BigInteger.valueOf(i)));
            out.add(new RouteConfig(new Prefix(new IpAddress(toBytes(address, bits / 8)), cut), plain, multicast));
        }
        return List.copyOf(out);
    }

    private static byte[] toBytes(BigInteger value, int size) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[size];
        int copy = Math.min(raw.length, size);
        System.arraycopy(raw, raw.length - copy, out, size - copy, copy);
        return out;
    }
}
