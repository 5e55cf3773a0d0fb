package dev.twinbgp.speaker.config;

import dev.twinbgp.bgp.wire.family.FamilyRoute;
import dev.twinbgp.bgp.wire.family.RouteDistinguisher;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The values of one typed-family route statement (MCAST-VPN, MUP), read after its route type: keywords of the
 * family's own, each with one value and each once, and attributes ({@link AttributeParser}), in any order, to ';'
 * (configuration, which consumes it) or to the end (an API command).
 * <pre>
 * mcast-vpn source-ad  source 10.0.0.1 group 239.1.1.1 rd 100:1 next-hop 192.0.2.1 origin igp;
 *           ^ type     ^ family keyword + value ...     ^ rd    ^ attributes ...      ^ end
 * </pre>
 */
final class RouteStatement {
    private final Token type;
    private final Map<String, Token> values = new HashMap<>();
    private final RouteAttributes.Builder attributes = new RouteAttributes.Builder();

    private RouteStatement(Token type) {
        this.type = type;
    }

    /**
     * Reads the values after {@code type}: {@code keys} are the family's keywords, {@code expected} names them for
     * the error on any other word.
     */
    static RouteStatement read(TokenStream in, Token type, boolean config, List<String> keys, String expected)
            throws ConfigException {
        RouteStatement statement = new RouteStatement(type);
        while (config ? !in.peek().is(";") : !in.atEnd()) {
            Token keyword = in.peek();
            if (!keyword.quoted() && keys.contains(keyword.text())) {
                in.next();
                if (statement.values.put(keyword.text(), in.value("a value after " + keyword.text())) != null) {
                    throw ConfigException.unexpected(keyword, "each value once (" + keyword.text() + " is given twice)");
                }
            } else if (AttributeParser.isKeyword(keyword)) {
                AttributeParser.parseOne(in, statement.attributes);
            } else {
                throw ConfigException.unexpected(keyword, expected + (config ? " or ';'" : ""));
            }
        }
        if (config) {
            in.expect(";");
        }
        return statement;
    }

    /** The value of {@code key}, or null when not given. */
    Token get(String key) {
        return values.get(key);
    }

    /** The value of {@code key}, which the route type requires. */
    Token need(String key) throws ConfigException {
        Token t = values.get(key);
        if (t == null) {
            throw ConfigException.unexpected(type, "a " + type.text() + " route with " + key);
        }
        return t;
    }

    /** The route distinguisher, written {@code rd} or {@code route-distinguisher}; required. */
    RouteDistinguisher rd() throws ConfigException {
        Token token = values.containsKey("rd") ? values.get("rd") : need("route-distinguisher");
        try {
            return RouteDistinguisher.parse(token.text());
        } catch (IllegalArgumentException e) {
            throw ConfigException.unexpected(token, e.getMessage());
        }
    }

    /** The route with its attributes; an announced one needs a next hop. */
    FlowConfig route(FamilyRoute route, boolean announce) throws ConfigException {
        if (announce && attributes.nextHop.isEmpty()) {
            throw ConfigException.unexpected(type, "a route with next-hop IP");
        }
        return new FlowConfig(route, attributes.build());
    }

    /**
     * The address {@code text} (written at {@code token}) of the statement's address family: IPv6 when {@code ipv6},
     * else IPv4; {@code family} (e.g. {@code mup}) names it in the error.
     */
    static byte[] ip(Token token, String text, boolean ipv6, String family) throws ConfigException {
        String expected = ipv6 ? "an IPv6 address (ipv6 " + family + ")" : "an IPv4 address (ipv4 " + family + ")";
        IpAddress address;
        try {
            address = IpAddress.parse(text);
        } catch (IllegalArgumentException e) {
            throw ConfigException.unexpected(token, expected);
        }
        if (address.isIpv4() == ipv6) {
            throw ConfigException.unexpected(token, expected);
        }
        return address.bytes();
    }
}
