package dev.twinbgp.speaker.config;

import dev.twinbgp.bgp.wire.family.Family;

/**
 * Routes in ExaBGP syntax, from a configuration file or a single API command line. The same code reads
 * {@code static { route ...; }}, {@code announce { ipv4 { unicast ...; } }} and {@code announce route ...}.
 */
public final class RouteParser {
    /** The source name used in messages for text that does not come from a file. */
    public static final String COMMAND = "<command>";

    static final String PREFIX = "an IPv4 or IPv6 prefix (ADDRESS/LENGTH)";

    private RouteParser() {
    }

    /**
     * Parses one route from a command line such as {@code route 10.0.0.0/24 next-hop 1.2.3.4 med 10},
     * {@code 10.0.0.0/24 next-hop self} or {@code ipv6 unicast 2001:db8::/32 next-hop 2001:db8::1} (a trailing
     * {@code ;} is allowed). The route must have a next hop.
     *
     * @throws ConfigException with source {@link #COMMAND}, the column pointing into {@code line}
     */
    public static RouteConfig parseRoute(String line) throws ConfigException {
        return parseCommand(line, true);
    }

    /**
     * Like {@link #parseRoute} for {@code withdraw route ...} lines (without the word {@code withdraw}): the same
     * grammar, but no next hop is required.
     */
    public static RouteConfig parseWithdrawal(String line) throws ConfigException {
        return parseCommand(line, false);
    }

    private static RouteConfig parseCommand(String line, boolean nextHopRequired) throws ConfigException {
        TokenStream in = TokenStream.of(COMMAND, line);
        Family family = null;
        Token safi = null;
        if (in.peek().is("ipv4") || in.peek().is("ipv6")) {
            family = in.next().is("ipv4") ? Family.IPV4_UNICAST : Family.IPV6_UNICAST;
            safi = in.peek();
            if (!safi.is("unicast") && !safi.is("multicast") && !safi.is("nlri-mpls") && !safi.is("mpls-vpn")) {
                throw ConfigException.unexpected(safi, "unicast, multicast, nlri-mpls or mpls-vpn");
            }
            in.next();
        } else {
            in.accept("route");
        }
        Token prefixToken = in.peek();
        Prefix prefix = prefix(in.value(PREFIX));
        if (family != null && !family.equals(prefix.family())) {
            throw ConfigException.unexpected(prefixToken, "an " + Family.afiName(family.afi()) + " prefix");
        }
        RouteAttributes.Builder attributes = new RouteAttributes.Builder();
        while (!in.atEnd() && !in.peek().is(";")) {
            AttributeParser.parseOne(in, attributes);
        }
        Token end = in.peek();
        in.accept(";");
        if (!in.atEnd()) {
            throw ConfigException.unexpected(in.peek(), "the end of the command");
        }
        RouteConfig route = finish(prefix, attributes.build(), end, nextHopRequired);
        if (safi != null && safi.is("multicast")) {
            return multicast(route, safi);
        }
        if (safi != null && !Family.safiName(route.family().safi()).equals(safi.text())) {
            throw ConfigException.unexpected(safi, Family.safiName(route.family().safi()) + " (the route's rd and label"
                    + " make it " + route.family() + ")");
        }
        return route;
    }

    /** Parses only attributes, e.g. {@code next-hop 1.2.3.4 community [ 65000:1 ]} (nothing is required). */
    public static RouteAttributes parseAttributes(String text) throws ConfigException {
        TokenStream in = TokenStream.of(COMMAND, text);
        RouteAttributes.Builder attributes = new RouteAttributes.Builder();
        while (!in.atEnd()) {
            AttributeParser.parseOne(in, attributes);
        }
        return attributes.build();
    }

    /**
     * {@code PREFIX ATTRIBUTES... ;} or {@code PREFIX { ATTRIBUTES... ; ... }} (the block form only when
     * {@code blockAllowed}); the prefix is the next token.
     */
    static RouteConfig parseStatement(TokenStream in, boolean blockAllowed) throws ConfigException {
        Prefix prefix = prefix(in.value(PREFIX));
        RouteAttributes.Builder attributes = new RouteAttributes.Builder();
        if (blockAllowed && in.accept("{")) {
            while (!in.peek().is("}")) {
                do {
                    attributeOrEnd(in, attributes, blockAllowed);
                } while (!in.peek().is(";"));
                in.expect(";");
            }
            Token end = in.expect("}");
            return finish(prefix, attributes.build(), end, true);
        }
        while (!in.peek().is(";")) {
            attributeOrEnd(in, attributes, blockAllowed);
        }
        return finish(prefix, attributes.build(), in.expect(";"), true);
    }

    private static void attributeOrEnd(TokenStream in, RouteAttributes.Builder attributes, boolean blockAllowed)
            throws ConfigException {
        if (!AttributeParser.isKeyword(in.peek())) {
            throw ConfigException.unexpected(in.peek(), AttributeParser.ATTRIBUTE + (blockAllowed ? ", '{'" : "")
                    + " or ';'");
        }
        AttributeParser.parseOne(in, attributes);
    }

    /**
     * {@code route} as a route of the multicast family (SAFI 2, RFC 4760): a plain prefix, so neither an rd nor a
     * label (ExaBGP's {@code multicast} route takes the IP route's attributes only).
     */
    static RouteConfig multicast(RouteConfig route, Token at) throws ConfigException {
        if (route.attributes().rd().isPresent() || !route.attributes().labels().isEmpty()) {
            throw ConfigException.unexpected(at, "a multicast route without rd or label (route " + route.prefix() + ")");
        }
        return route.asMulticast();
    }

    /** Whole-route checks: a next hop is required (ExaBGP refuses unicast routes without one), split is sane. */
    private static RouteConfig finish(Prefix prefix, RouteAttributes attributes, Token end, boolean nextHopRequired)
            throws ConfigException {
        if (nextHopRequired && attributes.nextHop().isEmpty()) {
            throw ConfigException.unexpected(end, "next-hop (route " + prefix + " has no next hop)");
        }
        if (nextHopRequired && attributes.rd().isPresent() && attributes.labels().isEmpty()) {
            // RFC 4364 section 4.3.4: a VPN route carries a label (a withdrawal need not name it)
            throw ConfigException.unexpected(end, "label (route " + prefix + " has an rd: an mpls-vpn route needs a label)");
        }
        if (attributes.split().isPresent()) {
            int split = attributes.split().getAsInt();
            if (split > prefix.maxLength() || split - prefix.length() > 16) {
                throw ConfigException.unexpected(end, "split /" + prefix.length() + " to /"
                        + Math.min(prefix.maxLength(), prefix.length() + 16) + " for " + prefix
                        + " (at most 65536 routes; got /" + split + ")");
            }
        }
        return new RouteConfig(prefix, attributes);
    }

    /**
     * {@code ADDRESS/LENGTH}, or {@code ADDRESS} alone for a host route (/32, /128). Host bits must be clear,
     * as in ExaBGP ("invalid network"), rather than silently masked.
     */
    static Prefix prefix(Token token) throws ConfigException {
        String text = token.text();
        int slash = text.indexOf('/');
        IpAddress address;
        try {
            address = Values.ip(new Token(token.source(), token.line(), token.column(),
                    slash < 0 ? text : text.substring(0, slash), false), PREFIX);
        } catch (ConfigException bad) {
            throw ConfigException.unexpected(token, PREFIX);
        }
        int max = address.isIpv4() ? 32 : 128;
        int length = max;
        if (slash >= 0) {
            String lengthExpected = "a prefix length of 0-" + max;
            try {
                length = (int) Values.decimal(new Token(token.source(), token.line(), token.column(),
                        text.substring(slash + 1), false), max, lengthExpected);
            } catch (ConfigException bad) {
                throw ConfigException.unexpected(token, lengthExpected);
            }
        }
        if (Prefix.hasHostBits(address.bytes(), length)) {
            byte[] network = address.bytes();
            for (int bit = length; bit < max; bit++) {
                network[bit / 8] &= (byte) ~(0x80 >> (bit % 8));
            }
            throw ConfigException.unexpected(token, "a prefix without host bits set (" + new IpAddress(network) + "/"
                    + length + ")");
        }
        return new Prefix(address, length);
    }
}
