package dev.twinbgp.speaker.api;

import dev.twinbgp.bgp.rib.Path;
import dev.twinbgp.bgp.rib.Route;
import dev.twinbgp.bgp.wire.AsPathSegment;
import dev.twinbgp.bgp.wire.Attribute;
import dev.twinbgp.bgp.wire.Attributes;
import dev.twinbgp.bgp.wire.Prefix;
import dev.twinbgp.speaker.config.ExtendedCommunity;
import dev.twinbgp.speaker.config.GenericAttribute;
import dev.twinbgp.speaker.config.IpAddress;
import dev.twinbgp.speaker.config.LargeCommunity;
import dev.twinbgp.speaker.config.NeighborConfig;
import dev.twinbgp.speaker.config.NextHop;
import dev.twinbgp.speaker.config.Origin;
import dev.twinbgp.speaker.config.RouteAttributes;
import dev.twinbgp.speaker.config.RouteConfig;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A small, self-contained {@link RouteConverter} for IPv4/IPv6 unicast: ORIGIN (default IGP), AS_PATH
 * (on eBGP, when none is given, our AS alone - RFC 4271 section 5.1.2), NEXT_HOP or the MP_REACH next hop
 * (RFC 4760 section 3; {@code self} is the neighbor's {@code local-address}), MED, LOCAL_PREF (given, else
 * the iBGP default), ATOMIC_AGGREGATE, AGGREGATOR, communities (RFC 1997, 4360, 8092), ORIGINATOR_ID,
 * CLUSTER_LIST and generic attributes. A stand-in until the configuration mapping offers its conversion:
 * the lead swaps it through {@link Api.Options#routes}.
 */
public final class BasicRouteConverter implements RouteConverter {
    public static final BasicRouteConverter INSTANCE = new BasicRouteConverter();

    private BasicRouteConverter() {
    }

    @Override
    public List<Route> toRoutes(NeighborConfig neighbor, RouteConfig route) {
        List<RouteConfig> expanded = route.expandSplit();
        Path path = path(neighbor, route);
        List<Route> out = new ArrayList<>(expanded.size());
        for (RouteConfig r : expanded) {
            out.add(new Route(prefix(r), path));
        }
        return out;
    }

    static Prefix prefix(RouteConfig route) {
        Prefix p = Prefix.of(route.prefix().address().bytes(), route.prefix().length());
        return route.attributes().pathInformation().isPresent() ? p.withPathId(route.attributes().pathInformation().getAsLong()) : p;
    }

    private static Path path(NeighborConfig neighbor, RouteConfig route) {
        RouteAttributes a = route.attributes();
        List<Attribute> list = new ArrayList<>();
        list.add(new Attribute.Origin(a.origin().map(Origin::code).orElse(Attribute.Origin.IGP)));
        if (a.asPath().isPresent()) {
            List<AsPathSegment> segments = new ArrayList<>();
            for (dev.twinbgp.speaker.config.AsPathSegment s : a.asPath().get()) {
                segments.add(new AsPathSegment(s.type().code(), s.asns()));
            }
            list.add(new Attribute.AsPath(segments));
        } else {
            list.add(neighbor.isIbgp() ? Attribute.AsPath.EMPTY : Attribute.AsPath.sequence(neighbor.localAs()));
        }
        byte[] nextHop = nextHop(neighbor, route);
        boolean ipv4 = route.prefix().address().isIpv4();
        if (ipv4 && nextHop.length == 4) {
            list.add(new Attribute.NextHop(ByteBuffer.wrap(nextHop).getInt()));
        }
        a.med().ifPresent(v -> list.add(new Attribute.MultiExitDisc(v)));
        if (a.localPreference().isPresent()) {
            list.add(new Attribute.LocalPref(a.localPreference().getAsLong()));
        } else {
            neighbor.defaultLocalPreference().ifPresent(v -> list.add(new Attribute.LocalPref(v)));
        }
        if (a.atomicAggregate()) {
            list.add(new Attribute.AtomicAggregate());
        }
        a.aggregator().ifPresent(g -> list.add(new Attribute.Aggregator(g.asn(), (int) g.address().toUnsignedInt())));
        if (!a.communities().isEmpty()) {
            list.add(new Attribute.Communities(a.communities().stream().map(c -> c.value()).toList()));
        }
        a.originatorId().ifPresent(id -> list.add(new Attribute.OriginatorId((int) id.toUnsignedInt())));
        if (!a.clusterList().isEmpty()) {
            list.add(new Attribute.ClusterList(a.clusterList().stream().map(id -> (int) id.toUnsignedInt()).toList()));
        }
        if (!a.extendedCommunities().isEmpty()) {
            list.add(new Attribute.ExtendedCommunities(a.extendedCommunities().stream()
                    .map(ExtendedCommunity::octets).map(o -> ByteBuffer.wrap(o).getLong()).toList()));
        }
        if (!a.largeCommunities().isEmpty()) {
            List<Attribute.LargeCommunity> large = new ArrayList<>();
            for (LargeCommunity c : a.largeCommunities()) {
                large.add(new Attribute.LargeCommunity(c.globalAdministrator(), c.localData1(), c.localData2()));
            }
            list.add(new Attribute.LargeCommunities(large));
        }
        for (GenericAttribute g : a.genericAttributes()) {
            list.add(new Attribute.Unknown(g.flags(), g.code(), g.value()));
        }
        Attributes attributes = Attributes.of(list);
        return ipv4 && nextHop.length == 4 ? new Path(attributes) : new Path(attributes, nextHop);
    }

    private static byte[] nextHop(NeighborConfig neighbor, RouteConfig route) {
        NextHop nh = route.attributes().nextHop().orElse(new NextHop.Self());
        IpAddress address = switch (nh) {
            case NextHop.Address given -> given.address();
            case NextHop.Self self -> neighbor.localAddress().orElseThrow(() ->
                    new IllegalArgumentException("next-hop self needs the neighbor's local-address"));
        };
        return address.bytes();
    }
}
