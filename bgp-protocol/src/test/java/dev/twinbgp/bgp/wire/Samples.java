package dev.twinbgp.bgp.wire;

import dev.twinbgp.bgp.wire.capability.AddPathMode;
import dev.twinbgp.bgp.wire.attribute.AsPathSegment;
import dev.twinbgp.bgp.wire.attribute.Attribute;
import dev.twinbgp.bgp.wire.attribute.PrefixSidTlv;
import dev.twinbgp.bgp.wire.attribute.Attributes;
import dev.twinbgp.bgp.wire.capability.Capability;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.capability.Negotiated;
import dev.twinbgp.bgp.wire.family.Nlri;
import dev.twinbgp.bgp.wire.capability.OptionalParameter;
import dev.twinbgp.bgp.wire.family.Prefix;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Valid messages of every kind, for round trips and as seeds of the property test. */
public final class Samples {
    private Samples() {
    }

    public static final Negotiated ASN4 = new Negotiated(true, Set.of(), Set.of(), false);
    public static final Negotiated ADD_PATH_ALL = new Negotiated(true, Set.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST),
            Set.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST), false);
    public static final Negotiated EXTENDED = new Negotiated(true, Set.of(), Set.of(), true);
    public static final List<Negotiated> CONTEXTS = List.of(Negotiated.DEFAULT, ASN4, ADD_PATH_ALL, EXTENDED);

    public static Open open() {
        return new Open(4, Open.AS_TRANS, 180, 0x0A000001L, List.of(
                new OptionalParameter.Capabilities(List.of(new Capability.Multiprotocol(Family.IPV4_UNICAST),
                        new Capability.Multiprotocol(Family.IPV6_UNICAST))),
                new OptionalParameter.Capabilities(List.of(new Capability.RouteRefresh(), new Capability.EnhancedRouteRefresh(),
                        new Capability.ExtendedMessage(),
                        new Capability.ExtendedNextHop(List.of(new Capability.ExtendedNextHop.Entry(1, 1, 2))),
                        new Capability.GracefulRestart(8, 120, List.of(new Capability.GracefulRestart.Entry(Family.IPV4_UNICAST, 0x80))),
                        new Capability.FourOctetAs(4200000000L),
                        new Capability.AddPath(List.of(new Capability.AddPath.Entry(Family.IPV4_UNICAST, AddPathMode.BOTH))),
                        new Capability.Fqdn("router1", "example.net"),
                        new Capability.SoftwareVersion("twinbgp/0.1"),
                        new Capability.Unknown(66, "loremipsum".getBytes(java.nio.charset.StandardCharsets.US_ASCII))))),
                false);
    }

    public static Attributes fullAttributes() {
        return Attributes.of(
                new Attribute.Origin(Attribute.Origin.IGP),
                new Attribute.AsPath(List.of(AsPathSegment.sequence(65001L, 4200000000L, 3L), AsPathSegment.set(7L, 8L),
                        new AsPathSegment(AsPathSegment.AS_CONFED_SEQUENCE, List.of(64512L)),
                        new AsPathSegment(AsPathSegment.AS_CONFED_SET, List.of(64513L, 64514L)))),
                Attribute.NextHop.of("192.0.2.1"),
                new Attribute.MultiExitDisc(200),
                new Attribute.LocalPref(100),
                new Attribute.AtomicAggregate(),
                new Attribute.Aggregator(65001, Bytes.parseIpv4("192.0.2.9")),
                new Attribute.Communities(List.of(65000L << 16 | 100, Attribute.Communities.NO_EXPORT)),
                new Attribute.OriginatorId(Bytes.parseIpv4("10.0.0.1")),
                new Attribute.ClusterList(List.of(Bytes.parseIpv4("10.0.0.2"), Bytes.parseIpv4("10.0.0.3"))),
                new Attribute.ExtendedCommunities(List.of(0x0002FDE800000064L, 0x0102C0000201FDE8L)),
                new Attribute.LargeCommunities(List.of(new Attribute.LargeCommunity(4200000000L, 1, 2))),
                Attribute.Aigp.of(100),
                new Attribute.PrefixSid(List.of(new PrefixSidTlv.LabelIndex(0, 777),
                        new PrefixSidTlv.OriginatorSrgb(0, List.of(new PrefixSidTlv.SrgbRange(800000, 4096))),
                        new PrefixSidTlv.Srv6Service(PrefixSidTlv.SRV6_L3_SERVICE, List.of(new PrefixSidTlv.SidInformation(
                                Bytes.parseIpv6("2001:db8:1:1::"), 0, 0x48,
                                List.of(new PrefixSidTlv.SidStructure(64, 24, 16, 0, 0, 0))))),
                        new PrefixSidTlv.Opaque(9, new byte[] {1, 2}))),
                new Attribute.Unknown(0xE0, 0x99, new byte[] {1, 2, 3}),
                new Attribute.Unknown(0x90, 0x9A, new byte[] {4}));
    }

    public static Nlri ipv4(boolean ids, String... prefixes) {
        Nlri.Builder b = Nlri.builder(Family.IPV4_UNICAST, ids);
        long id = 1;
        for (String p : prefixes) {
            Prefix x = Prefix.parse(p);
            b.add(ids ? x.withPathId(id++) : x);
        }
        return b.build();
    }

    public static Nlri ipv6(boolean ids, String... prefixes) {
        Nlri.Builder b = Nlri.builder(Family.IPV6_UNICAST, ids);
        long id = 7;
        for (String p : prefixes) {
            Prefix x = Prefix.parse(p);
            b.add(ids ? x.withPathId(id++) : x);
        }
        return b.build();
    }

    /** UPDATEs valid for {@code neg} (path ids as its ADD-PATH says). */
    public static List<Update> updates(Negotiated neg) {
        boolean v4 = neg.addPathReceive().contains(Family.IPV4_UNICAST);
        boolean v6 = neg.addPathReceive().contains(Family.IPV6_UNICAST);
        Attributes full = fullAttributes();
        if (!neg.asn4()) {
            full = full.with(new Attribute.AsPath(List.of(AsPathSegment.sequence(65001L, (long) Open.AS_TRANS))))
                    .with(new Attribute.As4Path(List.of(AsPathSegment.sequence(65001L, 4200000000L))))
                    .with(new Attribute.As4Aggregator(4200000001L, 1));
        }
        Attributes noNextHop = full.without(Attribute.NEXT_HOP);
        List<Update> out = new ArrayList<>();
        out.add(Update.endOfRib(Family.IPV4_UNICAST));
        out.add(Update.endOfRib(Family.IPV6_UNICAST));
        out.add(new Update(ipv4(v4, "10.9.0.0/16"), full, ipv4(v4, "10.0.0.0/24", "10.0.1.0/24", "0.0.0.0/0", "192.0.2.1/32", "10.128.0.0/9")));
        out.add(Update.withdraw(ipv4(v4, "10.0.0.0/8", "172.16.0.0/12")));
        out.add(new Update(Nlri.empty(Family.IPV4_UNICAST, v4), noNextHop,
                new Attribute.MpReach(Family.IPV6_UNICAST, Bytes.parseIpv6("2001:db8::1"), ipv6(v6, "2001:db8::/32", "::/0", "2001:db8:1:2::/64")),
                new Attribute.MpUnreach(Family.IPV6_UNICAST, ipv6(v6, "2001:db8:ffff::/48")),
                Nlri.empty(Family.IPV4_UNICAST, v4)));
        byte[] nh32 = new byte[32];
        System.arraycopy(Bytes.parseIpv6("2001:db8::1"), 0, nh32, 0, 16);
        System.arraycopy(Bytes.parseIpv6("fe80::1"), 0, nh32, 16, 16);
        out.add(new Update(Nlri.empty(Family.IPV4_UNICAST, v4), noNextHop,
                new Attribute.MpReach(Family.IPV6_UNICAST, nh32, ipv6(v6, "2001:db8::/32")), null, Nlri.empty(Family.IPV4_UNICAST, v4)));
        // RFC 8950: IPv4 NLRI with an IPv6 next hop, in MP_REACH_NLRI.
        out.add(new Update(Nlri.empty(Family.IPV4_UNICAST, v4), noNextHop,
                new Attribute.MpReach(Family.IPV4_UNICAST, Bytes.parseIpv6("2001:db8::1"), ipv4(v4, "198.51.100.0/24")),
                null, Nlri.empty(Family.IPV4_UNICAST, v4)));
        // The typed families (EVPN, VPLS, MCAST-VPN, MUP): a route of each announced, and withdrawn.
        dev.twinbgp.bgp.wire.family.RouteDistinguisher rd = dev.twinbgp.bgp.wire.family.RouteDistinguisher.parse("65000:7");
        byte[] a4 = Bytes.parseIpv6("::ffff:192.0.2.1");
        a4 = java.util.Arrays.copyOfRange(a4, 12, 16);
        for (dev.twinbgp.bgp.wire.family.FamilyRoute r : List.of(
                dev.twinbgp.bgp.wire.family.evpn.EvpnRoute.macIp(rd, new byte[10], 100, new byte[] {0, 0x11, 0x22, 0x33, 0x44, 0x55}, a4, 1000),
                dev.twinbgp.bgp.wire.family.evpn.EvpnRoute.prefix(rd, new byte[10], 0, a4, 24, new byte[4], 2000),
                new dev.twinbgp.bgp.wire.family.vpls.VplsRoute(rd, 5, 1, 8, 10702),
                dev.twinbgp.bgp.wire.family.mvpn.MvpnRoute.join(true, rd, 65000, a4, a4),
                dev.twinbgp.bgp.wire.family.mup.MupRoute.t2st(rd, a4, 12345, 32))) {
            Nlri block = Nlri.builder(r.family(), false).add(r.route()).build();
            out.add(new Update(Nlri.empty(Family.IPV4_UNICAST, v4), noNextHop, new Attribute.MpReach(r.family(), a4, block),
                    null, Nlri.empty(Family.IPV4_UNICAST, v4)));
            out.add(new Update(Nlri.empty(Family.IPV4_UNICAST, v4), Attributes.of(List.of()), null,
                    new Attribute.MpUnreach(r.family(), block), Nlri.empty(Family.IPV4_UNICAST, v4)));
        }
        // Every other family twinbgp knows (FamilyCoverageTest keeps this list complete): a route announced and withdrawn.
        for (java.util.Map.Entry<Family, dev.twinbgp.bgp.wire.family.RouteKey> e : otherFamilyRoutes().entrySet()) {
            Family f = e.getKey();
            Nlri block = Nlri.builder(f, false).add(e.getValue()).build();
            out.add(new Update(Nlri.empty(Family.IPV4_UNICAST, v4), noNextHop, new Attribute.MpReach(f, nextHop(f), block),
                    null, Nlri.empty(Family.IPV4_UNICAST, v4)));
            out.add(new Update(Nlri.empty(Family.IPV4_UNICAST, v4), Attributes.of(List.of()), null,
                    new Attribute.MpUnreach(f, block), Nlri.empty(Family.IPV4_UNICAST, v4)));
        }
        return out;
    }

    /** The next hop a route of {@code f} carries: none for FlowSpec (RFC 8955), RD 0 + address for VPNs (RFC 4364). */
    static byte[] nextHop(Family f) {
        boolean v6 = f.afi() == Family.AFI_IPV6;
        byte[] address = v6 ? Bytes.parseIpv6("2001:db8::1") : v4("192.0.2.1");
        if (f.safi() == Family.SAFI_FLOW || f.safi() == Family.SAFI_FLOW_VPN) {
            return new byte[0];
        }
        if (f.safi() == Family.SAFI_MPLS_VPN) {
            byte[] b = new byte[8 + address.length];
            System.arraycopy(address, 0, b, 8, address.length);
            return b;
        }
        return address;
    }

    /**
     * One valid route of each family not sampled above, by family: multicast (RFC 4760), labeled unicast and L3VPN
     * (RFC 8277, RFC 4364/4659), Route Target Constraint (RFC 4684), FlowSpec and flow-vpn (RFC 8955, RFC 8956),
     * MCAST-VPN and MUP over IPv6, BGP-LS and BGP-LS-VPN (RFC 9552), SR Policy (RFC 9830); the vectors above only
     * announce BGP-LS and SR Policy.
     */
    public static java.util.Map<Family, dev.twinbgp.bgp.wire.family.RouteKey> otherFamilyRoutes() {
        dev.twinbgp.bgp.wire.family.RouteDistinguisher rd = dev.twinbgp.bgp.wire.family.RouteDistinguisher.parse("65000:7");
        byte[] v6 = Bytes.parseIpv6("2001:db8::7");
        java.util.Map<Family, dev.twinbgp.bgp.wire.family.RouteKey> m = new java.util.LinkedHashMap<>();
        m.put(Family.IPV4_MULTICAST, Prefix.parse("10.3.0.0/24").multicast());
        m.put(Family.IPV6_MULTICAST, Prefix.parse("2001:db8:3::/48").multicast());
        for (Family f : List.of(Family.IPV4_MPLS_LABEL, Family.IPV6_MPLS_LABEL, Family.IPV4_MPLS_VPN, Family.IPV6_MPLS_VPN)) {
            Prefix p = Prefix.parse(f.afi() == Family.AFI_IPV6 ? "2001:db8:1::/48" : "10.1.0.0/24");
            m.put(f, new dev.twinbgp.bgp.wire.family.vpn.LabeledRoute(f,
                    dev.twinbgp.bgp.wire.family.LabelStack.of(List.of(1000, 1001)), f.safi() == Family.SAFI_MPLS_VPN ? rd : null, p).route());
        }
        m.put(Family.IPV4_RTC, dev.twinbgp.bgp.wire.family.rtc.RtcRoute.of(65000, Hex.bytes("0002FDE800000001")).route());
        m.put(Family.IPV4_FLOW, flow(Family.IPV4_FLOW, null, v4("10.0.0.1"), 32));
        m.put(Family.IPV6_FLOW, flow(Family.IPV6_FLOW, null, v6, 128));
        m.put(Family.IPV4_FLOW_VPN, flow(Family.IPV4_FLOW_VPN, rd, v4("10.0.0.1"), 32));
        m.put(Family.IPV6_FLOW_VPN, flow(Family.IPV6_FLOW_VPN, rd, v6, 64));
        m.put(Family.IPV6_MCAST_VPN, dev.twinbgp.bgp.wire.family.mvpn.MvpnRoute.join(false, rd, 65000, v6, Bytes.parseIpv6("ff0e::1")).route());
        m.put(Family.IPV6_MUP, dev.twinbgp.bgp.wire.family.mup.MupRoute.dsd(rd, v6).route());
        // RFC 9552 section 5.2: a node NLRI (type 1) after its RD: protocol 3 (OSPFv2), identifier 0, local node AS 65001
        m.put(Family.BGP_LS_VPN, dev.twinbgp.bgp.wire.family.NlriRoute.of(Family.BGP_LS_VPN,
                Hex.bytes("0001001D" + "0000FDE800000007" + "03" + "0000000000000000" + "0100000802000004" + "0000FDE9")));
        m.put(Family.BGP_LS, dev.twinbgp.bgp.wire.family.NlriRoute.of(Family.BGP_LS,
                Hex.bytes("00010015" + "03" + "0000000000000000" + "0100000802000004" + "0000FDE9")));
        m.put(Family.IPV4_SR_POLICY, dev.twinbgp.bgp.wire.family.NlriRoute.of(Family.IPV4_SR_POLICY,
                Hex.bytes("60" + "00000001" + "00000064" + "C0000201")));
        // RFC 9830 section 2.1: 192 bits: distinguisher 1, color 100, an IPv6 endpoint
        m.put(Family.IPV6_SR_POLICY, dev.twinbgp.bgp.wire.family.NlriRoute.of(Family.IPV6_SR_POLICY,
                Hex.bytes("C0" + "00000001" + "00000064" + "20010DB8000000000000000000000007")));
        return m;
    }

    private static byte[] v4(String text) {
        byte[] b = new byte[4];
        Bytes.put32(b, 0, Bytes.parseIpv4(text) & 0xFFFFFFFFL);
        return b;
    }

    private static dev.twinbgp.bgp.wire.family.RouteKey flow(Family f, dev.twinbgp.bgp.wire.family.RouteDistinguisher rd,
            byte[] destination, int length) {
        return new dev.twinbgp.bgp.wire.family.flow.FlowRule(f, rd, List.of(
                new dev.twinbgp.bgp.wire.family.flow.FlowPrefix(1, destination, length, 0),
                new dev.twinbgp.bgp.wire.family.flow.FlowMatch(3, List.of(new dev.twinbgp.bgp.wire.family.flow.FlowOp(
                        dev.twinbgp.bgp.wire.family.flow.FlowOp.EQ, 1, 6))))).route();
    }

    public static List<BgpMessage> messages(Negotiated neg) {
        List<BgpMessage> out = new ArrayList<>();
        out.add(open());
        out.add(Open.of(65001, 90, 0x01020304L, List.of(new Capability.FourOctetAs(65001))));
        out.add(Keepalive.INSTANCE);
        out.add(new Notification(ErrorCodes.UPDATE_MESSAGE, ErrorCodes.UPDATE_MALFORMED_AS_PATH));
        out.add(Notification.shutdown(ErrorCodes.CEASE_ADMIN_SHUTDOWN, "maintenance until 04:00 \u2014 sorry"));
        out.add(new RouteRefresh(Family.IPV6_UNICAST));
        out.add(new RouteRefresh(1, RouteRefresh.BEGIN_OF_RR, 1));
        out.add(new RouteRefresh(1, RouteRefresh.END_OF_RR, 1));
        out.addAll(updates(neg));
        for (String hex : CODEC_FAMILY_UPDATES) {
            out.add(MessageDecoder.decode(Hex.bytes(hex), ASN4).message());
        }
        return out;
    }

    /** UPDATEs of families with a codec, from ExaBGP's decoding vectors: BGP-LS (bgp-ls-2, -9), SR Policy (bgp-sr-policy-1, -2). */
    private static final List<String> CODEC_FAMILY_UPDATES = List.of(
            "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00AA0200000093800E7240044704C0A8FF1D000002006503000000000000000001000020020000040000FDE902010004000000000202000400000000020300040A01010101010024020000040000FDE902010004000000000202000400000000020300080A0104010A010102010300040A010101010400040A0101024001010040020602010000FDE980040400000000801D0704470003000001",
            "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00A4020000008D900E003440044704C0A8640200000100270200000000000002BC0100001A0200000400003E3402010004000000000203000601013400004140010100400206020100003E34801D45010A0002010A04020006726F7574657204030003490090040400040A860029040A000C8000001F4004890003003E80040B00020001040C000C00000003E804890003003A98",
            "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF006902000000524001010040020040050400000064C01728000F00240C060000000000640D06100005DC01008000110009060000000000010106000003E81100800E1600014904C0000201006000000000000000640A000001",
            "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00A1020000008A4001010040020040050400000064C01760000F005C0C060000000000C814120000FC0000000000000000000000000000018000250009060000000000020D1A1000FC000000000000000000000000000001004100002000100082000A006D792D706F6C696379810008007072696D617279800E1600014904C0000201006000000001000000C80A000002");
}
