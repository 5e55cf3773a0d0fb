package dev.twinbgp.speaker.config;

import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.family.RouteDistinguisher;
import dev.twinbgp.bgp.wire.family.flow.FlowComponent;
import dev.twinbgp.bgp.wire.family.flow.FlowMatch;
import dev.twinbgp.bgp.wire.family.flow.FlowOp;
import dev.twinbgp.bgp.wire.family.flow.FlowPrefix;
import dev.twinbgp.bgp.wire.family.flow.FlowRule;
import dev.twinbgp.bgp.wire.family.flow.FlowText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * ExaBGP's FlowSpec grammar, for configuration files and API commands (its {@code configuration/flow}):
 * <pre>
 * flow { route NAME { rd ASN:N; next-hop IP; match { source 10.0.0.0/24; destination-port [ =80 >8080&lt;8088 ];
 *                                                    protocol [ udp tcp ]; tcp-flags [ syn rst&amp;fin ]; ... }
 *                     then { discard; rate-limit N [packets]; redirect ASN:N | [IPV6]:N | IP; redirect-to-nexthop; copy IP;
 *                            mark N; action sample-terminal; community [..]; extended-community [..]; } } }
 * announce flow route { match { ... } then { ... } }
 * announce flow route source 10.0.0.1/32 destination-port =80 then discard
 * announce ipv4 flow source-ipv4 10.0.0.1/32 rd 65535:65536 extended-community [rate-limit:0]
 * </pre>
 * Values: numeric operators {@code = > >= < <= != true false} (no operator means {@code =}), bitmask operators
 * {@code = ! !=} (none means "any of these bits"), pairs joined by {@code &} (AND) in one word, several words
 * in {@code [ ]} (OR). IPv6 prefixes may carry an offset: {@code ::1/128/120} (RFC 8956 section 3.1).
 */
public final class FlowParser {
    static final String MATCH = "a match (source, destination, protocol, next-header, port, destination-port, source-port,"
            + " icmp-type, icmp-code, tcp-flags, packet-length, dscp, traffic-class, fragment, flow-label)";
    static final String THEN = "an action (accept, discard, rate-limit, redirect, redirect-to-nexthop,"
            + " redirect-to-nexthop-ietf, copy, mark, action, community, large-community, extended-community)";
    private static final String ROUTE = "rd, next-hop, match, scope, then, an attribute or '}'";

    private FlowParser() {
    }

    /** What a rule is being built from: components by type, the RD, attributes and actions. */
    private static final class Draft {
        final Map<Integer, FlowComponent> components = new TreeMap<>();
        final Map<Integer, Token> where = new TreeMap<>();
        final RouteAttributes.Builder attributes = new RouteAttributes.Builder();
        final List<ExtendedCommunity> actions = new ArrayList<>();
        RouteDistinguisher rd;
        Boolean ipv6;
        Token first;

        void afi(Token at, boolean v6) throws ConfigException {
            if (ipv6 != null && ipv6 != v6) {
                throw ConfigException.unexpected(at, (ipv6 ? "IPv6" : "IPv4") + " (one rule is IPv4 or IPv6, not both)");
            }
            ipv6 = v6;
        }

        FlowConfig build(Family hint) throws ConfigException {
            boolean v6 = ipv6 != null ? ipv6 : hint != null && hint.afi() == Family.AFI_IPV6;
            for (Map.Entry<Integer, FlowComponent> e : components.entrySet()) {
                if (FlowText.name(e.getKey(), v6) == null) {
                    throw ConfigException.unexpected(where.get(e.getKey()), "a match of an " + (v6 ? "IPv6" : "IPv4") + " rule");
                }
            }
            boolean vpn = rd != null || hint != null && hint.safi() == Family.SAFI_FLOW_VPN;
            if (vpn && rd == null) {
                throw ConfigException.unexpected(first, "a flow-vpn rule with rd ASN:NUMBER");
            }
            Family family = new Family(v6 ? Family.AFI_IPV6 : Family.AFI_IPV4, vpn ? Family.SAFI_FLOW_VPN : Family.SAFI_FLOW);
            List<ExtendedCommunity> ext = new ArrayList<>(actions);
            ext.addAll(attributes.extendedCommunities);
            attributes.extendedCommunities = ext;
            try {
                FlowRule rule = new FlowRule(family, rd, new ArrayList<>(components.values()));
                rule.encode(); // its length must fit the NLRI length field
                return new FlowConfig(rule, attributes.build());
            } catch (IllegalArgumentException e) {
                throw ConfigException.unexpected(first, "a FlowSpec rule of at most 4095 octets (" + e.getMessage() + ")");
            }
        }
    }

    /**
     * An API command's rule, after {@code announce}/{@code withdraw}: {@code flow route { ... }},
     * {@code flow route MATCHES... [then ACTIONS...]} or {@code ipv4|ipv6 flow|flow-vpn MATCHES... ATTRIBUTES...}.
     * Errors have source {@link RouteParser#COMMAND} and a column into {@code line}.
     */
    public static FlowConfig command(String line) throws ConfigException {
        TokenStream in = TokenStream.of(RouteParser.COMMAND, line);
        Family hint = null;
        if (in.peek().is("ipv4") || in.peek().is("ipv6")) {
            hint = NeighborBlocks.family(in, "ipv4 or ipv6");
        } else {
            in.expect("flow");
            in.expect("route");
        }
        FlowConfig flow;
        if (in.peek().is("{") || !in.atEnd() && !matchKeyword(in.peek()) && !in.peek().is("match")
                && !in.peek().is("rd") && !AttributeParser.isKeyword(in.peek()) && !in.peek().is("then")) {
            flow = routeBlock(in, hint);
            in.accept(";");
            if (!in.atEnd()) {
                throw ConfigException.unexpected(in.peek(), "the end of the command");
            }
        } else {
            flow = inline(in, hint);
        }
        return flow;
    }

    /** {@code route [NAME] { ... }} after {@code route}: a configuration's or a command's block. */
    static FlowConfig routeBlock(TokenStream in, Family hint) throws ConfigException {
        Draft d = new Draft();
        d.first = in.peek();
        if (!in.peek().is("{")) {
            in.value("a route name or '{'");
        }
        in.expect("{");
        while (!in.accept("}")) {
            Token t = in.peek();
            if (t.is("match")) {
                in.next();
                block(in, d, true);
            } else if (t.is("then")) {
                in.next();
                block(in, d, false);
            } else if (t.is("scope")) {
                in.next();
                scope(in, d);
            } else if (t.is("rd") || t.is("route-distinguisher")) {
                in.next();
                d.rd = rd(in.value("a route distinguisher (ASN:NUMBER or IPV4:NUMBER)"));
                in.accept(";");
            } else if (t.is("next-hop") || AttributeParser.isKeyword(t)) {
                AttributeParser.parseOne(in, d.attributes);
                in.accept(";");
            } else {
                throw ConfigException.unexpected(t, ROUTE);
            }
        }
        return d.build(hint);
    }

    /**
     * The one-line forms, to the end of {@code in}: match words, {@code rd}, attributes, then optionally
     * {@code then} and actions (or {@code then { ... }}). {@code hint}: the family written before, or null.
     */
    static FlowConfig inline(TokenStream in, Family hint) throws ConfigException {
        Draft d = new Draft();
        d.first = in.peek();
        if (in.peek().is("{")) {
            throw ConfigException.unexpected(in.peek(), MATCH);
        }
        while (!in.atEnd()) {
            Token t = in.peek();
            if (t.is("then")) {
                in.next();
                if (in.peek().is("{")) {
                    block(in, d, false);
                } else {
                    while (!in.atEnd()) {
                        action(in, d);
                        in.accept(";");
                    }
                }
            } else if (t.is("match")) {
                in.next();
                block(in, d, true);
            } else if (t.is("rd") || t.is("route-distinguisher")) {
                in.next();
                d.rd = rd(in.value("a route distinguisher (ASN:NUMBER or IPV4:NUMBER)"));
            } else if (AttributeParser.isKeyword(t)) {
                AttributeParser.parseOne(in, d.attributes);
            } else if (t.is("interface-set")) { // ExaBGP's announce/flow takes it inline too
                in.next();
                interfaceSets(in, d);
            } else if (matchKeyword(t)) {
                match(in, d);
            } else if (actionKeyword(t)) {
                // ExaBGP's flat line, actions among the matches without 'then': 4.2.21 takes 'announce flow route
                // source 10.0.0.2/32 ... redirect 65500:12345' (and '... discard'), its flow section reading any
                // match or action word in turn
                action(in, d);
            } else {
                throw ConfigException.unexpected(t, MATCH + ", rd, then, an action or an attribute");
            }
        }
        return d.build(hint);
    }

    private static void block(TokenStream in, Draft d, boolean match) throws ConfigException {
        in.expect("{");
        while (!in.accept("}")) {
            if (match) {
                match(in, d);
            } else {
                action(in, d);
            }
            in.accept(";");
        }
    }

    /** {@code scope { interface-set VALUE | [ VALUE... ]; }} (ExaBGP's {@code flow/scope}): extended communities. */
    private static void scope(TokenStream in, Draft d) throws ConfigException {
        in.expect("{");
        while (!in.accept("}")) {
            Token t = in.peek();
            if (!t.is("interface-set")) {
                throw ConfigException.unexpected(t, "interface-set or '}'");
            }
            in.next();
            interfaceSets(in, d);
            in.accept(";");
        }
    }

    private static void interfaceSets(TokenStream in, Draft d) throws ConfigException {
        if (in.accept("[")) {
            while (!in.accept("]")) {
                d.actions.add(FlowActions.interfaceSet(in.value(FlowActions.INTERFACE_SET + " or ']'")));
            }
        } else {
            d.actions.add(FlowActions.interfaceSet(in.value(FlowActions.INTERFACE_SET)));
        }
    }

    private static boolean actionKeyword(Token t) {
        return !t.quoted() && t.text() != null && switch (t.text()) {
            case "accept", "discard", "rate-limit", "redirect", "redirect-to-nexthop", "redirect-to-nexthop-ietf", "copy",
                 "mark", "action" -> true;
            default -> false;
        };
    }

    private static boolean matchKeyword(Token t) {
        return !t.quoted() && t.text() != null && (FlowText.type(t.text(), false) > 0 || FlowText.type(t.text(), true) > 0);
    }

    private static void match(TokenStream in, Draft d) throws ConfigException {
        Token keyword = in.peek();
        if (!matchKeyword(keyword)) {
            throw ConfigException.unexpected(keyword, MATCH + " or '}'");
        }
        in.next();
        String k = keyword.text();
        int v4type = FlowText.type(k, false);
        int v6type = FlowText.type(k, true);
        if (v4type < 0) {
            d.afi(keyword, true);
        } else if (v6type < 0 || k.endsWith("-ipv4")) {
            if (v4type > FlowComponent.SOURCE || k.endsWith("-ipv4")) {
                d.afi(keyword, false);
            }
        } else if (k.endsWith("-ipv6")) {
            d.afi(keyword, true);
        }
        int type = v4type > 0 ? v4type : v6type;
        if (type == FlowComponent.DESTINATION || type == FlowComponent.SOURCE) {
            Token value = in.value("a prefix (10.0.0.0/24, or 2001:db8::/32[/OFFSET])");
            FlowPrefix p = prefix(value, type);
            d.afi(value, p.isIpv6());
            put(d, type, keyword, p);
            return;
        }
        List<FlowOp> ops = new ArrayList<>();
        if (in.accept("[")) {
            while (!in.accept("]")) {
                expression(in.value("an expression (e.g. =80, >1024&<2048) or ']'"), type, ops);
            }
            if (ops.isEmpty()) {
                throw ConfigException.unexpected(keyword, "at least one value in [ ]");
            }
        } else {
            expression(in.value("an expression (e.g. =80, >1024&<2048) or ["), type, ops);
        }
        put(d, type, keyword, new FlowMatch(type, ops));
    }

    private static void put(Draft d, int type, Token keyword, FlowComponent c) throws ConfigException {
        if (d.components.containsKey(type)) {
            throw ConfigException.unexpected(keyword, "each match once per rule");
        }
        d.components.put(type, c);
        d.where.put(type, keyword);
    }

    private static FlowPrefix prefix(Token token, int type) throws ConfigException {
        String expected = "a prefix (10.0.0.0/24, or 2001:db8::/32[/OFFSET])";
        String[] parts = token.text().split("/", -1);
        if (parts.length < 2 || parts.length > 3) {
            throw ConfigException.unexpected(token, expected);
        }
        IpAddress address = Values.ip(new Token(token.source(), token.line(), token.column(), parts[0], false), expected);
        int max = address.isIpv4() ? 32 : 128;
        long length = Values.decimal(new Token(token.source(), token.line(), token.column(), parts[1], false), max, expected);
        long offset = 0;
        if (parts.length == 3) {
            if (address.isIpv4()) {
                throw ConfigException.unexpected(token, "an IPv4 prefix without offset");
            }
            offset = Values.decimal(new Token(token.source(), token.line(), token.column(), parts[2], false), length,
                    "an offset no larger than the prefix length");
        }
        return new FlowPrefix(type, address.bytes(), (int) length, (int) offset);
    }

    /** One word: pairs joined by {@code &}, each an optional operator and a value. */
    private static void expression(Token token, int type, List<FlowOp> ops) throws ConfigException {
        String text = token.text();
        if (text.isEmpty() || text.startsWith("&") || text.endsWith("&")) {
            throw ConfigException.unexpected(token, "an expression (e.g. =80, >1024&<2048)");
        }
        boolean and = false;
        for (String part : text.split("&", -1)) {
            ops.add(pair(token, part, type, and));
            and = true;
        }
    }

    private static FlowOp pair(Token token, String s, int type, boolean and) throws ConfigException {
        int flags;
        String value;
        String lower = s.toLowerCase(Locale.ROOT);
        if (FlowComponent.isBitmask(type)) {
            if (lower.startsWith("!=")) {
                flags = FlowOp.NOT | FlowOp.MATCH;
                value = s.substring(2);
            } else if (lower.startsWith("!")) {
                flags = FlowOp.NOT;
                value = s.substring(1);
            } else if (lower.startsWith("=")) {
                flags = FlowOp.MATCH;
                value = s.substring(1);
            } else {
                flags = 0;
                value = s;
            }
        } else if (lower.startsWith("!=")) {
            flags = FlowOp.LT | FlowOp.GT;
            value = s.substring(2);
        } else if (lower.startsWith(">=") || lower.startsWith("<=")) {
            flags = (lower.charAt(0) == '>' ? FlowOp.GT : FlowOp.LT) | FlowOp.EQ;
            value = s.substring(2);
        } else if (lower.startsWith(">") || lower.startsWith("<")) {
            flags = lower.charAt(0) == '>' ? FlowOp.GT : FlowOp.LT;
            value = s.substring(1);
        } else if (lower.startsWith("=")) {
            flags = FlowOp.EQ;
            value = s.substring(1);
        } else if (lower.startsWith("true")) {
            flags = FlowOp.LT | FlowOp.GT | FlowOp.EQ;
            value = s.substring(4);
        } else if (lower.startsWith("false")) {
            flags = 0;
            value = s.substring(5);
        } else {
            flags = FlowOp.EQ;
            value = s;
        }
        if (and) {
            flags |= FlowOp.AND;
        }
        if (value.isEmpty() && (flags & 0x07) == 0x07 || value.isEmpty() && (flags & ~FlowOp.AND) == 0 && !FlowComponent.isBitmask(type)) {
            value = "0"; // true / false take no value
        }
        long v = value(token, type, value);
        int max = switch (type) {
            case FlowComponent.PROTOCOL, FlowComponent.ICMP_TYPE, FlowComponent.ICMP_CODE, FlowComponent.DSCP -> 1;
            case FlowComponent.FLOW_LABEL -> 4;
            default -> 2;
        };
        return FlowOp.of(flags, v, max);
    }

    private static final Map<String, Long> PROTOCOLS = Map.ofEntries(Map.entry("icmp", 1L), Map.entry("igmp", 2L),
            Map.entry("tcp", 6L), Map.entry("egp", 8L), Map.entry("udp", 17L), Map.entry("rsvp", 46L),
            Map.entry("gre", 47L), Map.entry("esp", 50L), Map.entry("ah", 51L), Map.entry("ospf", 89L),
            Map.entry("ipip", 94L), Map.entry("pim", 103L), Map.entry("sctp", 132L));
    private static final Map<String, Long> TCP_FLAGS = Map.of("fin", 1L, "syn", 2L, "rst", 4L, "push", 8L, "ack", 16L,
            "urg", 32L, "urgent", 32L, "ece", 64L, "cwr", 128L, "ns", 256L);
    private static final Map<String, Long> FRAGMENTS = Map.of("dont-fragment", 1L, "is-fragment", 2L,
            "first-fragment", 4L, "last-fragment", 8L);
    private static final Map<String, Long> ICMP_TYPES = Map.ofEntries(Map.entry("echo-reply", 0L),
            Map.entry("unreachable", 3L), Map.entry("redirect", 5L), Map.entry("echo-request", 8L),
            Map.entry("router-advertisement", 9L), Map.entry("router-solicit", 10L), Map.entry("time-exceeded", 11L),
            Map.entry("parameter-problem", 12L), Map.entry("timestamp", 13L), Map.entry("timestamp-reply", 14L),
            Map.entry("photuris", 40L), Map.entry("experimental-mobility", 41L), Map.entry("extended-echo-request", 42L),
            Map.entry("extended-echo-reply", 43L), Map.entry("experimental-one", 253L), Map.entry("experimental-two", 254L));

    /** ExaBGP's ICMP code names (RFC 792 and IANA): several types share a number, as there. */
    private static final Map<String, Long> ICMP_CODES = Map.ofEntries(Map.entry("network-unreachable", 0L),
            Map.entry("host-unreachable", 1L), Map.entry("protocol-unreachable", 2L), Map.entry("port-unreachable", 3L),
            Map.entry("fragmentation-needed", 4L), Map.entry("source-route-failed", 5L),
            Map.entry("destination-network-unknown", 6L), Map.entry("destination-host-unknown", 7L),
            Map.entry("source-host-isolated", 8L), Map.entry("destination-network-prohibited", 9L),
            Map.entry("destination-host-prohibited", 10L), Map.entry("network-unreachable-for-tos", 11L),
            Map.entry("host-unreachable-for-tos", 12L), Map.entry("communication-prohibited-by-filtering", 13L),
            Map.entry("host-precedence-violation", 14L), Map.entry("precedence-cutoff-in-effect", 15L),
            Map.entry("redirect-for-network", 0L), Map.entry("redirect-for-host", 1L),
            Map.entry("redirect-for-tos-and-net", 2L), Map.entry("redirect-for-tos-and-host", 3L),
            Map.entry("ttl-eq-zero-during-transit", 0L), Map.entry("ttl-eq-zero-during-reassembly", 1L),
            Map.entry("required-option-missing", 1L), Map.entry("ip-header-bad", 2L));

    private static long value(Token token, int type, String value) throws ConfigException {
        String what = switch (type) {
            case FlowComponent.PROTOCOL -> "a protocol (tcp, udp, icmp, gre, ... or 0-255)";
            case FlowComponent.ICMP_TYPE -> "an ICMP type (echo-request, unreachable, ... or 0-255)";
            case FlowComponent.ICMP_CODE -> "an ICMP code (host-unreachable, ... or 0-255)";
            case FlowComponent.TCP_FLAGS -> "TCP flags (fin, syn, rst, push, ack, urg, ece, cwr, ns, joined by +)";
            case FlowComponent.FRAGMENT -> "a fragment flag (dont-fragment, is-fragment, first-fragment, last-fragment)";
            case FlowComponent.DSCP -> "a DSCP / traffic class value (0-63 / 0-255)";
            case FlowComponent.FLOW_LABEL -> "a flow label (0-1048575)";
            case FlowComponent.PACKET_LENGTH -> "a packet length (0-65535)";
            default -> "a port (0-65535)";
        };
        String v = value.toLowerCase(Locale.ROOT);
        long max = switch (type) {
            case FlowComponent.PROTOCOL, FlowComponent.ICMP_TYPE, FlowComponent.ICMP_CODE -> 255;
            case FlowComponent.DSCP -> 255;
            case FlowComponent.FLOW_LABEL -> 0xFFFFF;
            default -> 0xFFFF;
        };
        Map<String, Long> names = switch (type) {
            case FlowComponent.PROTOCOL -> PROTOCOLS;
            case FlowComponent.ICMP_TYPE -> ICMP_TYPES;
            case FlowComponent.ICMP_CODE -> ICMP_CODES;
            case FlowComponent.TCP_FLAGS -> TCP_FLAGS;
            case FlowComponent.FRAGMENT -> FRAGMENTS;
            default -> Map.of();
        };
        long total = 0;
        for (String part : FlowComponent.isBitmask(type) ? v.split("\\+", -1) : new String[] {v}) {
            Long named = names.get(part);
            if (named != null) {
                total += named;
                continue;
            }
            try {
                long n = part.startsWith("0x") ? Long.parseLong(part.substring(2), 16) : Long.parseLong(part);
                if (n < 0 || n > max) {
                    throw ConfigException.unexpected(token, what);
                }
                total += n;
            } catch (NumberFormatException e) {
                throw ConfigException.unexpected(token, what);
            }
        }
        if (total > max) {
            throw ConfigException.unexpected(token, what);
        }
        return total;
    }

    private static RouteDistinguisher rd(Token token) throws ConfigException {
        try {
            return RouteDistinguisher.parse(token.text());
        } catch (IllegalArgumentException e) {
            throw ConfigException.unexpected(token, e.getMessage());
        }
    }

    private static void action(TokenStream in, Draft d) throws ConfigException {
        Token t = in.peek();
        if (t.isEnd() || TokenStream.isPunctuation(t)) {
            throw ConfigException.unexpected(t, THEN + " or '}'");
        }
        switch (t.text()) {
            case "accept" -> in.next();
            case "discard" -> {
                in.next();
                d.actions.add(CommunityValues.trafficRate(0, false));
            }
            case "rate-limit" -> {
                in.next();
                long rate = Values.decimal(in.value("a rate in bytes per second"), Values.MAX_UINT32, "a rate in bytes per second");
                boolean packets = in.accept("packets");
                d.actions.add(CommunityValues.trafficRate(rate, packets));
            }
            case "redirect" -> {
                in.next();
                if (in.accept("[")) { // [IPV6]:NUMBER or [IPV6], split at the brackets by the tokenizer
                    Token address = in.value("an IPv6 address");
                    in.expect("]");
                    if (in.peek().text() != null && !in.peek().quoted() && in.peek().text().startsWith(":")) {
                        FlowActions.redirectIpv6(address, in.next(), d.attributes); // RFC 8956 section 6.1
                    } else {
                        // [IP] alone: redirect-to-ip in the IETF community, as ExaBGP since its issue 927 (the form
                        // did not parse before); the unbracketed 'redirect IP' keeps the next hop (conf-flow.ci)
                        FlowActions.redirectIetf(address, d.actions, d.attributes);
                    }
                    return;
                }
                redirect(in.value("ASN:NUMBER, [IPV6]:NUMBER, an IPv4 or an IPv6 address"), d);
            }
            case "redirect-to-nexthop" -> {
                in.next();
                d.actions.add(FlowActions.nextHop(false));
            }
            case "redirect-to-nexthop-ietf" -> {
                in.next();
                FlowActions.redirectIetf(in.value("an IPv4 or an IPv6 address"), d.actions, d.attributes);
            }
            case "copy" -> {
                in.next();
                Token ip = in.value("an IP address");
                d.attributes.nextHop = Optional.of(new NextHop.Address(Values.ip(ip, "an IP address")));
                d.actions.add(FlowActions.nextHop(true));
            }
            case "mark", "action" -> {
                in.next();
                d.actions.add(FlowActions.twoWord(t, in));
            }
            case "community", "large-community", "extended-community" -> AttributeParser.parseOne(in, d.attributes);
            default -> throw ConfigException.unexpected(t, THEN + " or '}'");
        }
    }

    private static void redirect(Token token, Draft d) throws ConfigException {
        String text = token.text();
        int colons = (int) text.chars().filter(c -> c == ':').count();
        if (colons == 0 || colons > 1 && !text.contains("]:")) {
            d.attributes.nextHop = Optional.of(new NextHop.Address(Values.ip(
                    new Token(token.source(), token.line(), token.column(), text.replace("[", "").replace("]", ""), false),
                    "an IP address")));
            d.actions.add(FlowActions.nextHop(false));
            return;
        }
        if (colons > 1) {
            throw ConfigException.unexpected(token, "ASN:NUMBER, [IPV6]:NUMBER or an IP address");
        }
        String[] parts = text.split(":");
        if (parts[0].contains(".")) {
            throw ConfigException.unexpected(token, "ASN:NUMBER (the IPV4:NUMBER form is deprecated, as in ExaBGP)");
        }
        d.actions.add(CommunityValues.redirect(token, parts[0], parts[1]));
    }
}
