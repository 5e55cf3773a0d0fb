package dev.twinbgp.speaker.config;

import dev.twinbgp.bgp.wire.capability.AddPathMode;
import dev.twinbgp.bgp.wire.family.Family;
import java.util.ArrayList;
import java.util.Optional;

/** The nested blocks of a neighbor: family, capability, nexthop, static and announce. */
final class NeighborBlocks {
    static final String FAMILY = "ipv4|ipv6 unicast, nlri-mpls, mpls-vpn, flow, flow-vpn, mcast-vpn, mup or sr-policy, or ipv4 rtc;"
            + " l2vpn evpn or vpls; bgp-ls bgp-ls or bgp-ls-vpn";
    static final String CAPABILITIES = "asn4, route-refresh, add-path, graceful-restart, extended-message, "
            + "software-version, nexthop, aigp, link-local-nexthop, operational, multi-session";

    private NeighborBlocks() {
    }

    /** {@code family { ipv4 unicast; ipv6 unicast; }}: several blocks add up, duplicates are ignored. */
    static void family(TokenStream in, NeighborDraft draft) throws ConfigException {
        in.expect("{");
        if (draft.families == null) {
            draft.families = new ArrayList<>();
        }
        while (!in.accept("}")) {
            Family family = family(in, "a family (" + FAMILY + ") or '}'");
            in.expect(";");
            if (!draft.families.contains(family)) {
                draft.families.add(family);
            }
        }
    }

    /** {@code ipv4|ipv6 unicast|nlri-mpls|mpls-vpn|flow|flow-vpn}: the families twinbgp speaks. */
    static Family family(TokenStream in, String expected) throws ConfigException {
        Token afi = in.peek();
        if (afi.is("bgp-ls")) { // RFC 9552: received and reported, never originated (as ExaBGP)
            in.next();
            Token safi = in.next();
            if (!safi.is("bgp-ls") && !safi.is("bgp-ls-vpn")) {
                throw ConfigException.unexpected(safi, "bgp-ls or bgp-ls-vpn");
            }
            return safi.is("bgp-ls") ? Family.BGP_LS : Family.BGP_LS_VPN;
        }
        if (afi.is("l2vpn")) {
            in.next();
            Token safi = in.peek();
            if (!safi.is("evpn") && !safi.is("vpls")) {
                throw ConfigException.unexpected(safi, "evpn or vpls (the l2vpn SAFIs twinbgp supports)");
            }
            in.next();
            return safi.is("evpn") ? Family.L2VPN_EVPN : Family.L2VPN_VPLS;
        }
        if (!afi.is("ipv4") && !afi.is("ipv6")) {
            throw ConfigException.unexpected(afi, expected);
        }
        in.next();
        Token safi = in.peek();
        int code;
        if (safi.is("mcast-vpn")) {
            code = Family.SAFI_MCAST_VPN;
        } else if (safi.is("mup")) {
            code = Family.SAFI_MUP;
        } else if (safi.is("unicast")) {
            code = Family.SAFI_UNICAST;
        } else if (safi.is("multicast")) {
            code = Family.SAFI_MULTICAST;
        } else if (safi.is("flow")) {
            code = Family.SAFI_FLOW;
        } else if (safi.is("flow-vpn")) {
            code = Family.SAFI_FLOW_VPN;
        } else if (safi.is("nlri-mpls")) {
            code = Family.SAFI_MPLS_LABEL;
        } else if (safi.is("mpls-vpn")) {
            code = Family.SAFI_MPLS_VPN;
        } else if (safi.is("rtc") && afi.is("ipv4")) {
            code = Family.SAFI_RTC;
        } else if (safi.is("sr-policy")) {
            code = Family.SAFI_SR_POLICY;
        } else {
            throw ConfigException.unexpected(safi, "unicast, multicast, nlri-mpls, mpls-vpn, flow, flow-vpn, mcast-vpn, mup or sr-policy (the SAFIs"
                    + " twinbgp supports; rtc for ipv4)");
        }
        in.next();
        return new Family(afi.is("ipv4") ? Family.AFI_IPV4 : Family.AFI_IPV6, code);
    }

    /** {@code flow { route NAME { match { } then { } } ... }} (ExaBGP's FlowSpec block, see {@link FlowParser}). */
    static void flow(TokenStream in, NeighborDraft draft) throws ConfigException {
        in.expect("{");
        while (!in.accept("}")) {
            Token keyword = in.peek();
            if (!keyword.is("route")) {
                throw ConfigException.unexpected(keyword, "route or '}'");
            }
            in.next();
            draft.flows.add(new NeighborDraft.PlacedFlow(FlowParser.routeBlock(in, null), keyword));
        }
    }

    /** {@code capability { ... }} (RFC 5492 capabilities, see {@link Capabilities}). */
    static void capability(TokenStream in, NeighborDraft draft) throws ConfigException {
        in.expect("{");
        while (!in.accept("}")) {
            Token keyword = in.peek();
            String expected = "a capability (" + CAPABILITIES + ") or '}'";
            if (keyword.isEnd() || keyword.quoted() || TokenStream.isPunctuation(keyword)) {
                throw ConfigException.unexpected(keyword, expected);
            }
            in.next();
            switch (keyword.text()) {
                case "asn4" -> draft.asn4 = NeighborParser.optionalBool(in);
                case "route-refresh" -> draft.routeRefresh = NeighborParser.optionalBool(in);
                case "extended-message" -> draft.extendedMessage = NeighborParser.optionalBool(in);
                case "software-version" -> draft.softwareVersion = NeighborParser.optionalBool(in);
                case "nexthop" -> draft.extendedNextHop = NeighborParser.optionalBool(in);
                case "aigp" -> draft.aigp = NeighborParser.optionalBool(in);
                case "link-local-nexthop" -> draft.linkLocalNextHop = NeighborParser.optionalBool(in);
                case "operational" -> draft.operational = NeighborParser.optionalBool(in);
                case "multi-session" -> draft.multiSession = NeighborParser.optionalBool(in);
                case "add-path" -> draft.addPath = addPath(in.value("disable, send, receive or send/receive"));
                case "graceful-restart" -> draft.gracefulRestart = gracefulRestart(in);
                default -> throw ConfigException.unexpected(keyword, expected);
            }
            in.expect(";");
        }
    }

    /** RFC 7911 section 4: Send/Receive. */
    private static Optional<AddPathMode> addPath(Token token) throws ConfigException {
        return switch (token.quoted() ? "" : token.text()) {
            case "disable", "disabled" -> Optional.empty();
            case "send" -> Optional.of(AddPathMode.SEND);
            case "receive" -> Optional.of(AddPathMode.RECEIVE);
            case "send/receive" -> Optional.of(AddPathMode.BOTH);
            default -> throw ConfigException.unexpected(token, "disable, send, receive or send/receive");
        };
    }

    /** RFC 4724 section 3: Restart Time is a 12-bit field (0-4095 seconds). */
    private static int gracefulRestart(TokenStream in) throws ConfigException {
        String expected = "a restart time (0-4095), enable or disable";
        Token token = in.peek();
        if (token.is(";") || token.is("enable") || token.is("true")) {
            if (!token.is(";")) {
                in.next();
            }
            return NeighborDraft.GRACEFUL_RESTART_HOLD_TIME;
        }
        if (token.is("disable") || token.is("false")) {
            in.next();
            return NeighborDraft.GRACEFUL_RESTART_DISABLED;
        }
        return (int) Values.decimal(in.value(expected), 4095, expected);
    }

    /** {@code nexthop { ipv4 unicast ipv6; }}: RFC 8950 extended next hop encodings. */
    static void nextHop(TokenStream in, NeighborDraft draft) throws ConfigException {
        in.expect("{");
        if (draft.nextHops == null) {
            draft.nextHops = new ArrayList<>();
        }
        while (!in.accept("}")) {
            Family family = family(in, "a family (" + FAMILY + ") and a next-hop AFI, or '}'");
            Token afi = in.peek();
            if (!afi.is("ipv4") && !afi.is("ipv6")) {
                throw ConfigException.unexpected(afi, "the next-hop AFI (ipv4 or ipv6)");
            }
            in.next();
            in.expect(";");
            NextHopEncoding encoding =
                    new NextHopEncoding(family, afi.is("ipv4") ? Family.AFI_IPV4 : Family.AFI_IPV6);
            if (!draft.nextHops.contains(encoding)) {
                draft.nextHops.add(encoding);
            }
        }
    }

    /**
     * {@code add-path { ipv4 unicast limit 10; ipv4 mpls-vpn; }}: the families ADD-PATH is offered for (RFC 7911
     * section 4); a {@code limit} is advertised in the PATHS-LIMIT capability (draft-abraitis-idr-addpath-paths-limit,
     * code 76), as ExaBGP does. Several blocks add up.
     */
    static void addPathFamilies(TokenStream in, NeighborDraft draft) throws ConfigException {
        in.expect("{");
        if (draft.addPathFamilies == null) {
            draft.addPathFamilies = new ArrayList<>();
        }
        while (!in.accept("}")) {
            Family family = family(in, "a family (" + FAMILY + ") or '}'");
            if (in.accept("limit")) {
                int limit = (int) Values.decimal(in.next(), 0xFFFF, "a paths limit (0-65535)");
                if (draft.pathsLimit == null) {
                    draft.pathsLimit = new java.util.LinkedHashMap<>();
                }
                draft.pathsLimit.put(family, limit);
            }
            in.expect(";");
            if (!draft.addPathFamilies.contains(family)) {
                draft.addPathFamilies.add(family);
            }
        }
    }

    /** {@code static { route PREFIX ATTRIBUTES; route PREFIX { ATTRIBUTE; ... } }}. */
    static void staticRoutes(TokenStream in, NeighborDraft draft) throws ConfigException {
        in.expect("{");
        StaticRouteText plain = in.fastPaths() ? new StaticRouteText(draft) : null;
        while (!in.accept("}")) {
            Token keyword = in.peek();
            if (keyword.is("sr-policy")) { // RFC 9830: ExaBGP's static SR Policy
                in.next();
                draft.flows.add(new NeighborDraft.PlacedFlow(SrPolicyParser.route(in, 0), keyword));
                in.expect(";");
                continue;
            }
            if (!keyword.is("route")) {
                throw ConfigException.unexpected(keyword, "route, sr-policy or '}'");
            }
            if (plain != null && plain.read(in)) {
                continue; // a plain one-line route, read from the raw line (issue 18); else the grammar reads it
            }
            in.next();
            Token prefix = in.peek();
            draft.addRoute(RouteParser.parseStatement(in, true), prefix);
        }
    }

    /**
     * {@code announce { ipv4 { unicast PREFIX ATTRIBUTES; mcast-vpn ...; } ipv6 { unicast ...; } l2vpn { vpls ...;
     * evpn ...; } }}; {@code nlri-mpls} needs a {@code label}, {@code mpls-vpn} an {@code rd} and a {@code label}.
     */
    static void announce(TokenStream in, NeighborDraft draft) throws ConfigException {
        in.expect("{");
        while (!in.accept("}")) {
            Token afi = in.peek();
            if (afi.is("l2vpn")) {
                in.next();
                L2vpnParser.block(in, draft);
                continue;
            }
            if (!afi.is("ipv4") && !afi.is("ipv6")) {
                throw ConfigException.unexpected(afi, "ipv4, ipv6, l2vpn or '}'");
            }
            in.next();
            in.expect("{");
            while (!in.accept("}")) {
                Token safi = in.peek();
                if (safi.is("sr-policy")) { // RFC 9830
                    in.next();
                    int code = afi.is("ipv4") ? Family.AFI_IPV4 : Family.AFI_IPV6;
                    draft.flows.add(new NeighborDraft.PlacedFlow(SrPolicyParser.route(in, code), safi));
                    in.expect(";");
                    continue;
                }
                if (safi.is("mcast-vpn")) {
                    in.next();
                    draft.flows.add(new NeighborDraft.PlacedFlow(McastVpnParser.route(in, afi.is("ipv6"), true, true), safi));
                    continue;
                }
                if (safi.is("mup")) {
                    in.next();
                    draft.flows.add(new NeighborDraft.PlacedFlow(MupParser.route(in, afi.is("ipv6"), true, true), safi));
                    continue;
                }
                if (safi.is("rtc") && afi.is("ipv4")) { // RFC 4684
                    in.next();
                    draft.flows.add(new NeighborDraft.PlacedFlow(RtcParser.route(in, safi, true, true), safi));
                    continue;
                }
                if (!safi.is("unicast") && !safi.is("multicast") && !safi.is("nlri-mpls") && !safi.is("mpls-vpn")) {
                    throw ConfigException.unexpected(safi, "unicast, multicast, nlri-mpls, mpls-vpn, mcast-vpn, mup, sr-policy, rtc (ipv4) or '}'");
                }
                in.next();
                Token prefix = in.peek();
                RouteConfig route = RouteParser.parseStatement(in, false);
                if (safi.is("multicast")) {
                    route = RouteParser.multicast(route, prefix);
                }
                if (route.prefix().address().isIpv4() != afi.is("ipv4")) {
                    throw ConfigException.unexpected(prefix, "an " + afi.text() + " prefix (inside " + afi.text()
                            + " { })");
                }
                if (!Family.safiName(route.family().safi()).equals(safi.text())) {
                    throw ConfigException.unexpected(prefix, "a " + safi.text() + " route ("
                            + (safi.is("unicast") ? "without rd or label" : safi.is("nlri-mpls") ? "with a label and no rd"
                            : "with an rd and a label") + ")");
                }
                draft.addRoute(route, prefix);
            }
        }
    }
}
