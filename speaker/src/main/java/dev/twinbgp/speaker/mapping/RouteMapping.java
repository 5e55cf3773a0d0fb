package dev.twinbgp.speaker.mapping;

import dev.twinbgp.bgp.rib.Path;
import dev.twinbgp.bgp.rib.Route;
import dev.twinbgp.bgp.wire.attribute.Attribute;
import dev.twinbgp.bgp.wire.attribute.Attributes;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.family.LabelStack;
import dev.twinbgp.bgp.wire.family.Prefix;
import dev.twinbgp.bgp.wire.family.RouteDistinguisher;
import dev.twinbgp.bgp.wire.family.RouteKey;
import dev.twinbgp.bgp.wire.family.vpn.LabeledRoute;
import dev.twinbgp.speaker.config.FlowConfig;
import dev.twinbgp.speaker.config.IpAddress;
import dev.twinbgp.speaker.config.NeighborConfig;
import dev.twinbgp.speaker.config.NextHop;
import dev.twinbgp.speaker.config.NextHopEncoding;
import dev.twinbgp.speaker.config.RouteAttributes;
import dev.twinbgp.speaker.config.RouteConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One neighbor's configured routes as RIB routes ({@link Route}: wire prefix with its ADD-PATH path id, and a
 * {@link Path}). Next hops:
 * <ul>
 *   <li>IPv4 route, IPv4 next hop: the NEXT_HOP attribute (RFC 4271 section 5.1.3);</li>
 *   <li>IPv6 route: an IPv6 next hop of 16 octets in MP_REACH_NLRI (RFC 4760 section 3, RFC 2545 section 3), 32 with
 *       {@code local-link-local} and the link-local next hop capability ({@link #withLinkLocal});</li>
 *   <li>IPv4 route, IPv6 next hop: MP_REACH_NLRI for IPv4 with the 16-octet next hop, allowed only when the
 *       neighbor has the {@code nexthop { ipv4 unicast ipv6; }} encoding (RFC 8950 section 3);</li>
 *   <li>{@code self}: the neighbor's {@code local-address}, which must then be given.</li>
 * </ul>
 * Routes that share their attributes and next hop share one {@link Path} instance, so its wire form is encoded
 * once however many prefixes use it (a {@code split /24} of a /8 is 65536 routes and one Path).
 */
final class RouteMapping {
    private final NeighborConfig neighbor;
    // Both maps made on first use: the API's conversion of one route (one) makes a mapping per new attribute set
    // and uses neither (issue 18).
    private Map<Path, Path> paths;
    /**
     * The path made for each attribute set and family: a route's path depends on nothing else, so routes written
     * with the same attributes (the configuration parser shares equal sets) are mapped once per set, not once per
     * route (issue 18: a million configured routes).
     */
    private Map<PathKey, Path> pathsByAttributes;

    private record PathKey(RouteAttributes attributes, Family family) {
    }

    /*
     * The path made last and for what: consecutive routes of a table mostly share one attribute set instance (the
     * parser shares equal sets), so they take it without hashing the set's 22 components again.
     */
    private RouteAttributes lastAttributes;
    private Family lastFamily;
    private Path lastPath;

    RouteMapping(NeighborConfig neighbor) {
        this.neighbor = neighbor;
    }

    /**
     * Every route of the neighbor, {@code split} expanded, in configuration order; a route written with
     * {@code withdraw} starts withdrawn (its watchdog announces it, ExaBGP) and is not in the initial table.
     */
    List<Route> routes() {
        List<Route> out = new ArrayList<>(neighbor.routes().size() + neighbor.flows().size()); // more only with split
        for (RouteConfig configured : neighbor.routes()) {
            if (configured.attributes().withdrawn()) {
                continue;
            }
            for (RouteConfig route : configured.expandSplit()) {
                out.add(route(route, configured));
            }
        }
        for (FlowConfig flow : neighbor.flows()) {
            out.add(flow(flow));
        }
        return out;
    }

    /**
     * A route of a codec's family (FlowSpec, EVPN, VPLS, MCAST-VPN, ...): its rule as the RIB key, its attributes with the defaults, and as next hop the one a
     * redirect or {@code next-hop} gave (MP_REACH_NLRI, RFC 8955 section 4), else none (length 0).
     */
    Route flow(FlowConfig flow) {
        try {
            AttributeSet attributes = PathAttributes.of(flow.attributes(), neighbor);
            attributes.remove(Attribute.NEXT_HOP);
            byte[] nextHop = null;
            if (flow.attributes().nextHop().isPresent()) {
                IpAddress address = switch (flow.attributes().nextHop().get()) {
                    case NextHop.Address a -> a.address();
                    case NextHop.Self s -> neighbor.localAddress().orElseThrow(() -> new Refused(
                            "next-hop self needs the neighbor's local-address"));
                };
                nextHop = flow.rule().nextHop(address.bytes());
                if (flow.rule().nextHopAttribute() && nextHop.length == 4 && !attributes.contains(Attribute.NEXT_HOP)) {
                    attributes.put(Attribute.NEXT_HOP, new Attribute.NextHop((int) address.toUnsignedInt()));
                }
            }
            Path path = new Path(attributes.toAttributes(), nextHop);
            return new Route(flow.rule().route(), shared(path));
        } catch (IllegalArgumentException e) {
            throw new Refused(flow.rule() + ": " + e.getMessage());
        }
    }

    /**
     * One route written without {@code split} or {@code withdraw}, as {@link #routes} maps it, without the maps that
     * share paths between routes: the API's conversion of a new attribute set (issue 18).
     */
    Route one(RouteConfig route) {
        try {
            return new Route(key(route), path(route, route.family()));
        } catch (Refused e) {
            throw new Refused("route " + route.prefix() + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new Refused("route " + route.prefix() + ": " + e.getMessage());
        }
    }

    /** The RIB key: the prefix with its path id, as a multicast route, or a labeled NLRI. */
    private static RouteKey key(RouteConfig route) {
        Prefix prefix = Prefix.of(route.prefix().address().bytes(), route.prefix().length());
        if (route.attributes().pathInformation().isPresent()) {
            prefix = prefix.withPathId(route.attributes().pathInformation().getAsLong()); // RFC 7911 section 3
        }
        if (route.multicast()) {
            return prefix.multicast(); // RFC 4760 section 3: SAFI 2 goes in MP_REACH_NLRI with its next hop
        }
        if (route.family().safi() != Family.SAFI_UNICAST) {
            return labeled(route, prefix);
        }
        return prefix;
    }

    private Route route(RouteConfig route, RouteConfig asWritten) {
        try {
            Family family = route.family();
            RouteKey key = key(route);
            if (route.attributes() == lastAttributes && family.equals(lastFamily)) {
                return new Route(key, lastPath);
            }
            if (pathsByAttributes == null) {
                pathsByAttributes = new HashMap<>();
            }
            PathKey made = new PathKey(route.attributes(), family);
            Path path = pathsByAttributes.get(made);
            if (path == null) {
                path = shared(path(route, family));
                pathsByAttributes.put(made, path);
            }
            lastAttributes = route.attributes();
            lastFamily = family;
            lastPath = path;
            return new Route(key, path);
        } catch (Refused e) {
            throw new Refused("route " + asWritten.prefix() + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new Refused("route " + asWritten.prefix() + ": " + e.getMessage());
        }
    }

    /** The instance of a path equal to {@code path} made before for this neighbor, else {@code path}. */
    private Path shared(Path path) {
        if (paths == null) {
            paths = new HashMap<>();
        }
        return paths.computeIfAbsent(path, p -> p);
    }

    /** The path of a route: its attributes with the neighbor's defaults, and its next hop where the family puts it. */
    private Path path(RouteConfig route, Family family) {
        AttributeSet attributes = PathAttributes.of(route.attributes(), neighbor);
        IpAddress nextHop = nextHop(route);
        byte[] mpNextHop = null;
        if (nextHop.isIpv4()) {
            if (!attributes.contains(Attribute.NEXT_HOP)) { // a raw attribute [ 0x03 ... ] wins
                attributes.put(Attribute.NEXT_HOP, new Attribute.NextHop((int) nextHop.toUnsignedInt()));
            }
        } else {
            attributes.remove(Attribute.NEXT_HOP);
            mpNextHop = withLinkLocal(nextHop);
        }
        if (route.multicast()) {
            // RFC 4760 section 3: NEXT_HOP stays, as for labeled routes
            if (mpNextHop == null) {
                mpNextHop = nextHop.bytes();
            }
        } else if (family.safi() != Family.SAFI_UNICAST) {
            mpNextHop = labeledNextHop(family, nextHop); // NEXT_HOP stays too, as ExaBGP sends it
        }
        return new Path(attributes.toAttributes(), mpNextHop);
    }

    /**
     * RFC 2545 section 3: an IPv6 next hop of 32 octets, the global address then our link-local one, when the link-local
     * next hop capability is on and {@code local-link-local} is given (conf-llnh-update.ci); a next hop that is itself
     * link-local (fe80::/10), or without those settings, 16 octets.
     */
    private byte[] withLinkLocal(IpAddress nextHop) {
        byte[] global = nextHop.bytes();
        if (!neighbor.capabilities().linkLocalNextHop() || neighbor.localLinkLocal().isEmpty()
                || ((global[0] & 0xFF) == 0xFE && (global[1] & 0xC0) == 0x80)) {
            return global;
        }
        byte[] both = java.util.Arrays.copyOf(global, 32);
        System.arraycopy(neighbor.localLinkLocal().get().bytes(), 0, both, 16, 16);
        return both;
    }

    /**
     * The NLRI of a labeled route (RFC 8277) or a VPN route (RFC 4364, RFC 4659); a route without a label (a
     * withdrawal) gets the withdrawal label 0x800000 (RFC 8277 section 2.4).
     */
    static RouteKey labeled(RouteConfig route, Prefix prefix) {
        List<Integer> labels = route.attributes().labels();
        LabelStack stack = labels.isEmpty() ? LabelStack.withdrawal() : LabelStack.of(labels);
        RouteDistinguisher rd = route.attributes().rd().orElse(null);
        return new LabeledRoute(route.family(), stack, rd, prefix).route();
    }

    /**
     * The MP_REACH_NLRI next hop of a labeled route: the address (RFC 8277 section 2); of a VPN route, an RD of
     * zero and the address (RFC 4364 section 4.3.2; RFC 4659 section 3.2.1.1 and RFC 8950 for IPv6 addresses).
     */
    private static byte[] labeledNextHop(Family family, IpAddress nextHop) {
        byte[] address = nextHop.bytes();
        if (family.safi() != Family.SAFI_MPLS_VPN) {
            return address;
        }
        byte[] out = new byte[RouteDistinguisher.LENGTH + address.length];
        System.arraycopy(address, 0, out, RouteDistinguisher.LENGTH, address.length);
        return out;
    }

    private IpAddress nextHop(RouteConfig route) {
        NextHop configured = route.attributes().nextHop()
                .orElseThrow(() -> new Refused("has no next-hop"));
        IpAddress address = switch (configured) {
            case NextHop.Address a -> a.address();
            case NextHop.Self s -> neighbor.localAddress().orElseThrow(() -> new Refused(
                    "next-hop self needs the neighbor's local-address (twinbgp resolves it when the configuration is read)"));
        };
        boolean ipv4Route = route.family().afi() == Family.AFI_IPV4;
        if (ipv4Route && !address.isIpv4() && !nextHopAllowed(route.family(), Family.AFI_IPV6)) {
            throw new Refused("the IPv6 next hop " + address + " of an IPv4 route needs the extended next hop encoding"
                    + " (nexthop { ipv4 unicast ipv6; }, RFC 8950)");
        }
        if (!ipv4Route && address.isIpv4()) {
            if (!nextHopAllowed(route.family(), Family.AFI_IPV4)) {
                throw new Refused("an IPv6 route needs an IPv6 next hop, not " + address + " (RFC 2545 section 3;"
                        + " nexthop { " + route.family() + " ipv4; } allows an IPv4 one)");
            }
            // nexthop { ipv6 unicast ipv4; }: the IPv4 address as an IPv4-mapped IPv6 address (RFC 4291 section
            // 2.5.5.2), the 16-octet form every IPv6 receiver accepts (RFC 4798 section 2 does the same)
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xFF;
            mapped[11] = (byte) 0xFF;
            System.arraycopy(address.bytes(), 0, mapped, 12, 4);
            return new IpAddress(mapped);
        }
        return address;
    }

    /** True when {@code nexthop { FAMILY AFI; }} allows a next hop of {@code afi} for {@code family} (RFC 8950). */
    private boolean nextHopAllowed(Family family, int afi) {
        for (NextHopEncoding e : neighbor.nextHopEncodings()) {
            if (e.family().equals(family) && e.nextHopAfi() == afi) {
                return true;
            }
        }
        return false;
    }
}
