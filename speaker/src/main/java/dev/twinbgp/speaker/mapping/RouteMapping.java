package dev.twinbgp.speaker.mapping;

import dev.twinbgp.bgp.rib.Path;
import dev.twinbgp.bgp.rib.Route;
import dev.twinbgp.bgp.wire.attribute.Attribute;
import dev.twinbgp.bgp.wire.attribute.Attributes;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.family.Prefix;
import dev.twinbgp.speaker.config.FlowConfig;
import dev.twinbgp.speaker.config.IpAddress;
import dev.twinbgp.speaker.config.NeighborConfig;
import dev.twinbgp.speaker.config.NextHop;
import dev.twinbgp.speaker.config.NextHopEncoding;
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
 *   <li>IPv6 route: an IPv6 next hop of 16 octets in MP_REACH_NLRI (RFC 4760 section 3, RFC 2545 section 3);</li>
 *   <li>IPv4 route, IPv6 next hop: MP_REACH_NLRI for IPv4 with the 16-octet next hop, allowed only when the
 *       neighbor has the {@code nexthop { ipv4 unicast ipv6; }} encoding (RFC 8950 section 3);</li>
 *   <li>{@code self}: the neighbor's {@code local-address}, which must then be given.</li>
 * </ul>
 * Routes that share their attributes and next hop share one {@link Path} instance, so its wire form is encoded
 * once however many prefixes use it (a {@code split /24} of a /8 is 65536 routes and one Path).
 */
final class RouteMapping {
    private final NeighborConfig neighbor;
    private final Map<Path, Path> paths = new HashMap<>();

    RouteMapping(NeighborConfig neighbor) {
        this.neighbor = neighbor;
    }

    /**
     * Every route of the neighbor, {@code split} expanded, in configuration order; a route written with
     * {@code withdraw} starts withdrawn (its watchdog announces it, ExaBGP) and is not in the initial table.
     */
    List<Route> routes() {
        List<Route> out = new ArrayList<>();
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
            Map<Integer, Attribute> attributes = PathAttributes.of(flow.attributes(), neighbor);
            attributes.remove(Attribute.NEXT_HOP);
            byte[] nextHop = null;
            if (flow.attributes().nextHop().isPresent()) {
                IpAddress address = switch (flow.attributes().nextHop().get()) {
                    case NextHop.Address a -> a.address();
                    case NextHop.Self s -> neighbor.localAddress().orElseThrow(() -> new Refused(
                            "next-hop self needs the neighbor's local-address"));
                };
                nextHop = address.bytes();
                if (flow.rule().nextHopAttribute() && address.isIpv4() && !attributes.containsKey(Attribute.NEXT_HOP)) {
                    attributes.put(Attribute.NEXT_HOP, new Attribute.NextHop((int) address.toUnsignedInt()));
                }
            }
            Path path = new Path(Attributes.of(attributes.values()), nextHop);
            return new Route(flow.rule().route(), paths.computeIfAbsent(path, p -> p));
        } catch (IllegalArgumentException e) {
            throw new Refused(flow.rule() + ": " + e.getMessage());
        }
    }

    private Route route(RouteConfig route, RouteConfig asWritten) {
        try {
            Prefix prefix = Prefix.of(route.prefix().address().bytes(), route.prefix().length());
            if (route.attributes().pathInformation().isPresent()) {
                prefix = prefix.withPathId(route.attributes().pathInformation().getAsLong()); // RFC 7911 section 3
            }
            Map<Integer, Attribute> attributes = PathAttributes.of(route.attributes(), neighbor);
            IpAddress nextHop = nextHop(route);
            byte[] mpNextHop = null;
            if (nextHop.isIpv4()) {
                if (!attributes.containsKey(Attribute.NEXT_HOP)) { // a raw attribute [ 0x03 ... ] wins
                    attributes.put(Attribute.NEXT_HOP, new Attribute.NextHop((int) nextHop.toUnsignedInt()));
                }
            } else {
                attributes.remove(Attribute.NEXT_HOP);
                mpNextHop = nextHop.bytes();
            }
            Path path = new Path(Attributes.of(attributes.values()), mpNextHop);
            return new Route(prefix, paths.computeIfAbsent(path, p -> p));
        } catch (Refused e) {
            throw new Refused("route " + asWritten.prefix() + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new Refused("route " + asWritten.prefix() + ": " + e.getMessage());
        }
    }

    private IpAddress nextHop(RouteConfig route) {
        NextHop configured = route.attributes().nextHop()
                .orElseThrow(() -> new Refused("has no next-hop"));
        IpAddress address = switch (configured) {
            case NextHop.Address a -> a.address();
            case NextHop.Self s -> neighbor.localAddress().orElseThrow(() -> new Refused(
                    "next-hop self needs the neighbor's local-address (twinbgp resolves it when the configuration is read)"));
        };
        boolean ipv4Route = route.family().equals(Family.IPV4_UNICAST);
        if (ipv4Route && !address.isIpv4() && !ipv6NextHopAllowedForIpv4()) {
            throw new Refused("the IPv6 next hop " + address + " of an IPv4 route needs the extended next hop encoding"
                    + " (nexthop { ipv4 unicast ipv6; }, RFC 8950)");
        }
        if (!ipv4Route && address.isIpv4()) {
            throw new Refused("an IPv6 route needs an IPv6 next hop, not " + address + " (RFC 2545 section 3)");
        }
        return address;
    }

    private boolean ipv6NextHopAllowedForIpv4() {
        for (NextHopEncoding e : neighbor.nextHopEncodings()) {
            if (e.family().equals(Family.IPV4_UNICAST) && e.nextHopAfi() == Family.AFI_IPV6) {
                return true;
            }
        }
        return false;
    }
}
