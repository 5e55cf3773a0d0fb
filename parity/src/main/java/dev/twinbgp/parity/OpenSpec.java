package dev.twinbgp.parity;

import dev.twinbgp.bgp.wire.capability.AddPathMode;
import dev.twinbgp.bgp.wire.capability.Capability;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.MessageEncoder;
import dev.twinbgp.bgp.wire.capability.Negotiated;
import dev.twinbgp.bgp.wire.Open;
import dev.twinbgp.bgp.wire.capability.OptionalParameter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code send open [version N] [as N] [my-as N] [hold N] [id A.B.C.D] [caps CAP...]} (RFC 4271 section 4.2;
 * capabilities RFC 5492, one per optional parameter as ExaBGP sends them). Defaults: version 4, as 65001,
 * hold 180, id 10.0.0.2, caps asn4 route-refresh ipv4. {@code my-as} overrides the 2-octet My AS field
 * (otherwise the AS, or AS_TRANS above 65535). Capabilities: {@code asn4}, {@code route-refresh},
 * {@code enhanced-refresh}, {@code extended-message}, {@code ipv4}, {@code ipv6} (multiprotocol unicast),
 * {@code ipv4-flow}, {@code ipv6-flow}, {@code ipv4-flow-vpn}, {@code ipv6-flow-vpn} (FlowSpec, RFC 8955),
 * {@code l2vpn-evpn}, {@code l2vpn-vpls}, {@code ipv4-mcast-vpn}, {@code ipv6-mcast-vpn}, {@code ipv4-mup}, {@code ipv6-mup},
 * {@code ipv4-mpls-vpn}, {@code ipv6-mpls-vpn} (L3VPN, RFC 4364), {@code ipv4-nlri-mpls}, {@code ipv6-nlri-mpls} (RFC 8277),
 * {@code ipv4-multicast}, {@code ipv6-multicast} (SAFI 2, RFC 4760), {@code ipv4-rtc} (RFC 4684),
 * {@code mp:AFI:SAFI} (any family, e.g. {@code mp:16388:71} for BGP-LS),
 * {@code add-path:ipv4|ipv6:send|receive|both}, {@code none}.
 */
final class OpenSpec {
    private int version = 4;
    private long asn = 65001;
    private Integer myAs;
    private int hold = 180;
    private long id = (10L << 24) | 2;
    private List<String> caps = List.of("asn4", "route-refresh", "ipv4");

    OpenSpec(Tokens tokens) throws ScenarioException {
        for (Tokens.Token t = tokens.peek(); t != null; t = tokens.peek()) {
            switch (t.text()) {
                case "version" -> { tokens.next(""); version = tokens.number("a version", 0, 255); }
                case "as" -> { tokens.next(""); asn = tokens.number("an AS number", 0, Integer.MAX_VALUE); }
                case "my-as" -> { tokens.next(""); myAs = tokens.number("a 2-octet AS", 0, 65535); }
                case "hold" -> { tokens.next(""); hold = tokens.number("a hold time", 0, 65535); }
                case "id" -> { tokens.next(""); id = ipv4(tokens); }
                case "caps" -> { tokens.next(""); caps = capabilities(tokens); }
                default -> {
                    return; // a send modifier, checked by the caller
                }
            }
        }
    }

    private static long ipv4(Tokens tokens) throws ScenarioException {
        Tokens.Token t = tokens.next("a BGP identifier A.B.C.D");
        String[] parts = t.text().split("\\.", -1);
        if (parts.length == 4) {
            long value = 0;
            try {
                for (String p : parts) {
                    int octet = Integer.parseInt(p);
                    if (octet < 0 || octet > 255) {
                        throw new NumberFormatException();
                    }
                    value = (value << 8) | octet;
                }
                return value;
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw tokens.unexpected(t, "a BGP identifier A.B.C.D");
    }

    private static List<String> capabilities(Tokens tokens) throws ScenarioException {
        List<String> out = new ArrayList<>();
        for (Tokens.Token t = tokens.peek(); t != null && isCapability(t.text()); t = tokens.peek()) {
            tokens.next("");
            if (!t.text().equals("none")) {
                out.add(t.text());
            }
        }
        Tokens.Token t = tokens.peek();
        if (t != null && !List.of("split", "delay", "repeat", "then-close", "version", "as", "my-as", "hold", "id").contains(t.text())) {
            throw tokens.unexpected(t, "a capability (asn4, route-refresh, enhanced-refresh, extended-message, ipv4, ipv6, "
                    + "ipv4-flow, ipv6-flow, ipv4-flow-vpn, ipv6-flow-vpn, l2vpn-evpn, l2vpn-vpls, ipv4-mcast-vpn, "
                    + "ipv6-mcast-vpn, ipv4-mup, ipv6-mup, "
                    + "ipv4-mpls-vpn, ipv6-mpls-vpn, ipv4-nlri-mpls, ipv6-nlri-mpls, "
                    + "ipv4-multicast, ipv6-multicast, ipv4-rtc, "
                    + "operational, add-path:FAMILY:MODE, mp:AFI:SAFI, none)");
        }
        return out;
    }

    private static boolean isCapability(String word) {
        return List.of("asn4", "route-refresh", "enhanced-refresh", "extended-message", "ipv4", "ipv6", "ipv4-flow",
                "ipv6-flow", "ipv4-flow-vpn", "ipv6-flow-vpn", "l2vpn-evpn", "l2vpn-vpls", "ipv4-mcast-vpn", "ipv6-mcast-vpn",
                "ipv4-mup", "ipv6-mup", "none").contains(word)
                || List.of("ipv4-mpls-vpn", "ipv6-mpls-vpn", "ipv4-nlri-mpls", "ipv6-nlri-mpls").contains(word)
                || List.of("ipv4-multicast", "ipv6-multicast", "ipv4-rtc").contains(word)
                || word.equals("operational")
                || word.matches("add-path:(ipv4|ipv6):(send|receive|both)")
                || word.matches("mp:\\d{1,5}:\\d{1,3}");
    }

    Open open() {
        List<Capability> list = new ArrayList<>();
        for (String c : caps) {
            list.add(switch (c) {
                case "asn4" -> new Capability.FourOctetAs(asn);
                case "route-refresh" -> new Capability.RouteRefresh();
                case "enhanced-refresh" -> new Capability.EnhancedRouteRefresh();
                case "extended-message" -> new Capability.ExtendedMessage();
                case "ipv4" -> new Capability.Multiprotocol(Family.IPV4_UNICAST);
                case "ipv6" -> new Capability.Multiprotocol(Family.IPV6_UNICAST);
                case "ipv4-flow" -> new Capability.Multiprotocol(Family.IPV4_FLOW);
                case "ipv6-flow" -> new Capability.Multiprotocol(Family.IPV6_FLOW);
                case "ipv4-flow-vpn" -> new Capability.Multiprotocol(Family.IPV4_FLOW_VPN);
                case "ipv6-flow-vpn" -> new Capability.Multiprotocol(Family.IPV6_FLOW_VPN);
                case "l2vpn-evpn" -> new Capability.Multiprotocol(Family.L2VPN_EVPN);
                case "l2vpn-vpls" -> new Capability.Multiprotocol(Family.L2VPN_VPLS);
                case "ipv4-mcast-vpn" -> new Capability.Multiprotocol(Family.IPV4_MCAST_VPN);
                case "ipv6-mcast-vpn" -> new Capability.Multiprotocol(Family.IPV6_MCAST_VPN);
                case "ipv4-mup" -> new Capability.Multiprotocol(Family.IPV4_MUP);
                case "ipv6-mup" -> new Capability.Multiprotocol(Family.IPV6_MUP);
                case "ipv4-mpls-vpn" -> new Capability.Multiprotocol(Family.IPV4_MPLS_VPN);
                case "ipv6-mpls-vpn" -> new Capability.Multiprotocol(Family.IPV6_MPLS_VPN);
                case "ipv4-nlri-mpls" -> new Capability.Multiprotocol(Family.IPV4_MPLS_LABEL);
                case "ipv6-nlri-mpls" -> new Capability.Multiprotocol(Family.IPV6_MPLS_LABEL);
                case "ipv4-multicast" -> new Capability.Multiprotocol(Family.IPV4_MULTICAST);
                case "ipv6-multicast" -> new Capability.Multiprotocol(Family.IPV6_MULTICAST);
                case "ipv4-rtc" -> new Capability.Multiprotocol(Family.IPV4_RTC);
                case "operational" -> new Capability.Unknown(185, new byte[0]); // ExaBGP's operational (empty)
                case String mp when mp.startsWith("mp:") -> { // any family by AFI and SAFI (RFC 4760 section 8)
                    String[] p = mp.split(":");
                    yield new Capability.Multiprotocol(new Family(Integer.parseInt(p[1]), Integer.parseInt(p[2])));
                }
                default -> {
                    String[] p = c.split(":");
                    Family f = p[1].equals("ipv4") ? Family.IPV4_UNICAST : Family.IPV6_UNICAST;
                    AddPathMode mode = switch (p[2]) {
                        case "send" -> AddPathMode.SEND;
                        case "receive" -> AddPathMode.RECEIVE;
                        default -> AddPathMode.BOTH;
                    };
                    yield new Capability.AddPath(List.of(new Capability.AddPath.Entry(f, mode)));
                }
            });
        }
        List<OptionalParameter> params = new ArrayList<>();
        for (Capability c : list) {
            params.add(new OptionalParameter.Capabilities(List.of(c)));
        }
        int two = myAs != null ? myAs : asn > 0xFFFF ? Open.AS_TRANS : (int) asn;
        return new Open(version, two, hold, id, params, false);
    }

    byte[] bytes() {
        return MessageEncoder.encode(open(), Negotiated.DEFAULT);
    }
}
