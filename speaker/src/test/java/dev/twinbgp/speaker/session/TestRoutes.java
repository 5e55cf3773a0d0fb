package dev.twinbgp.speaker.session;

import dev.twinbgp.bgp.fsm.SessionConfig;
import dev.twinbgp.bgp.rib.Path;
import dev.twinbgp.bgp.rib.Route;
import dev.twinbgp.bgp.wire.attribute.Attribute;
import dev.twinbgp.bgp.wire.attribute.Attributes;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.family.Prefix;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** Generated tables and peer settings for tests. */
final class TestRoutes {
    private TestRoutes() {
    }

    /** {@code count} IPv4 /24s from {@code firstOctet}.0.0.0 on, eBGP-style attributes from {@code asn}. */
    static List<Route> ipv4(int firstOctet, int count, long asn, String nextHop) {
        Attributes attrs = Attributes.of(new Attribute.Origin(Attribute.Origin.IGP), Attribute.AsPath.sequence(asn),
                new Attribute.MultiExitDisc(20), new Attribute.Communities(List.of(asn << 16 | 7)));
        Path path = new Path(attrs, address(nextHop).getAddress());
        List<Route> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(new Route(Prefix.ipv4(firstOctet << 24 | i << 8, 24), path));
        }
        return out;
    }

    /** {@code count} IPv6 /48s under 2001:db8:{@code block}::/32-ish space. */
    static List<Route> ipv6(int block, int count, long asn, String nextHop) {
        Attributes attrs = Attributes.of(new Attribute.Origin(Attribute.Origin.IGP), Attribute.AsPath.sequence(asn));
        Path path = new Path(attrs, address(nextHop).getAddress());
        List<Route> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] a = new byte[16];
            a[0] = 0x20;
            a[1] = 0x01;
            a[2] = 0x0d;
            a[3] = (byte) 0xb8;
            a[4] = (byte) block;
            a[5] = (byte) i;
            out.add(new Route(Prefix.of(a, 48), path));
        }
        return out;
    }

    static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static SessionConfig.Builder session(long localAs, long peerAs, String routerId) {
        return SessionConfig.builder(localAs, peerAs, address(routerId).hashCode() & 0xFFFF_FFFFL)
                .holdTime(3).connectRetryTime(1)
                .families(List.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST));
    }

    static PeerSettings peer(String peerAddress, int port, String localAddress, SessionConfig session, List<Route> routes) {
        return new PeerSettings(address(peerAddress), port, address(localAddress), port, session, true, false, routes);
    }
}
