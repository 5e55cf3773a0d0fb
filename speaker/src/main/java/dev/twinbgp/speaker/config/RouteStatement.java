package dev.twinbgp.speaker.config;

import dev.twinbgp.bgp.wire.family.FamilyRoute;
import dev.twinbgp.bgp.wire.family.RouteDistinguisher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The values of one typed-family route statement (EVPN, VPLS, MCAST-VPN, MUP), read after its route type: keywords
 * of the family's own, each with one value and each once ({@code label} may repeat, or take {@code [ N N ]}), and
 * attributes ({@link AttributeParser}), in any order, to ';' (configuration, which consumes it) or to the end (an API
 * command).
 * <pre>
 * mcast-vpn source-ad  source 10.0.0.1 group 239.1.1.1 rd 100:1 next-hop 192.0.2.1 origin igp;
 *           ^ type     ^ family keyword + value ...     ^ rd    ^ attributes ...      ^ end
 * </pre>
 */
final class RouteStatement {
    private final Token type;
    private final Map<String, Token> values = new HashMap<>();
    private final List<Token> labels = new ArrayList<>();
    private final RouteAttributes.Builder attributes = new RouteAttributes.Builder();

    private RouteStatement(Token type) {
        this.type = type;
    }

    /**
     * An empty statement whose errors point at {@code type} (the route type, or the statement's first word), for
     * a block form that reads its values one by one ({@link #readOne}), such as {@code vpls NAME { VALUE; ... }}.
     */
    static RouteStatement at(Token type) {
        return new RouteStatement(type);
    }

    /**
     * Reads the values after {@code type}: {@code keys} are the family's keywords, {@code expected} names them for
     * the error on any other word.
     */
    static RouteStatement read(TokenStream in, Token type, boolean config, List<String> keys, String expected)
            throws ConfigException {
        RouteStatement statement = new RouteStatement(type);
        while (config ? !in.peek().is(";") : !in.atEnd()) {
            statement.readOne(in, keys, expected + (config ? " or ';'" : ""));
        }
        if (config) {
            in.expect(";");
        }
        return statement;
    }

    /** One of {@code keys} and its value, or one attribute; anything else is an error expecting {@code expected}. */
    void readOne(TokenStream in, List<String> keys, String expected) throws ConfigException {
        Token keyword = in.peek();
        if (!keyword.quoted() && keys.contains(keyword.text())) {
            in.next();
            if (keyword.is("label")) {
                if (in.accept("[")) {
                    while (!in.accept("]")) {
                        labels.add(in.value("a label or ']'"));
                    }
                } else {
                    labels.add(in.value("a label"));
                }
            } else if (values.put(keyword.text(), in.value("a value after " + keyword.text())) != null) {
                throw ConfigException.unexpected(keyword, "each value once (" + keyword.text() + " is given twice)");
            }
        } else if (AttributeParser.isKeyword(keyword)) {
            AttributeParser.parseOne(in, attributes);
        } else {
            throw ConfigException.unexpected(keyword, expected);
        }
    }

    /** The route type (or the first word) that errors about the whole statement point at. */
    Token type() {
        return type;
    }

    /** The {@code label} values in order. */
    List<Token> labels() {
        return labels;
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

    /** The value of {@code key}, which the route requires: "a route with KEY WHAT" when it is missing. */
    Token need(String key, String what) throws ConfigException {
        Token t = values.get(key);
        if (t == null) {
            throw ConfigException.unexpected(type, "a route with " + key + " " + what);
        }
        return t;
    }

    /** The route distinguisher, written {@code rd} or {@code route-distinguisher}; required. */
    RouteDistinguisher rd() throws ConfigException {
        return rd(values.containsKey("rd") ? values.get("rd") : need("route-distinguisher"));
    }

    /** The route distinguisher written at {@code token}. */
    static RouteDistinguisher rd(Token token) throws ConfigException {
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
