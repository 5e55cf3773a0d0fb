package dev.twinbgp.speaker.config;

import dev.twinbgp.bgp.wire.family.RouteDistinguisher;
import dev.twinbgp.bgp.wire.family.mvpn.MvpnRoute;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * ExaBGP's MCAST-VPN grammar (RFC 6514; its {@code configuration/announce/mvpn}), for configuration files and API
 * commands: the route type, then its values and attributes in any order.
 * <pre>
 * announce { ipv4 { mcast-vpn source-ad source IP group IP rd RD next-hop IP ATTRIBUTES;
 *                   mcast-vpn shared-join rp IP group IP rd RD source-as ASN next-hop IP ATTRIBUTES;
 *                   mcast-vpn source-join source IP group IP rd RD source-as ASN next-hop IP ATTRIBUTES; } }
 * announce ipv4 mcast-vpn ...          withdraw ipv6 mcast-vpn ...
 * </pre>
 * The family of the block (or of the command) must be that of the source and group addresses.
 */
public final class McastVpnParser {
    static final String TYPES = "an MCAST-VPN route type (source-ad, shared-join or source-join)";
    private static final List<String> KEYS = List.of("rd", "route-distinguisher", "source", "rp", "group", "source-as");
    private static final String VALUES = "rd, source, rp, group, source-as or an attribute";

    private McastVpnParser() {
    }

    /** True for a command that {@link #command} reads: {@code ipv4|ipv6 mcast-vpn ...}. */
    public static boolean isCommand(String rest) {
        return rest.matches("ipv[46]\\s+mcast-vpn(\\s.*|)");
    }

    /** An API command's route after {@code announce}/{@code withdraw}: {@code ipv4|ipv6 mcast-vpn TYPE ...}. */
    public static FlowConfig command(String line, boolean announce) throws ConfigException {
        TokenStream in = TokenStream.of(RouteParser.COMMAND, line);
        boolean ipv6 = in.next().is("ipv6");
        in.expect("mcast-vpn");
        return route(in, ipv6, false, announce);
    }

    /** {@code TYPE VALUES...} after {@code mcast-vpn}, to ';' (configuration, consumed) or to the end (a command). */
    static FlowConfig route(TokenStream in, boolean ipv6, boolean config, boolean announce) throws ConfigException {
        Token type = in.value(TYPES);
        Map<String, Token> values = new HashMap<>();
        RouteAttributes.Builder attributes = new RouteAttributes.Builder();
        while (config ? !in.peek().is(";") : !in.atEnd()) {
            Token keyword = in.peek();
            if (!keyword.quoted() && KEYS.contains(keyword.text())) {
                in.next();
                if (values.put(keyword.text(), in.value("a value after " + keyword.text())) != null) {
                    throw ConfigException.unexpected(keyword, "each value once (" + keyword.text() + " is given twice)");
                }
            } else if (AttributeParser.isKeyword(keyword)) {
                AttributeParser.parseOne(in, attributes);
            } else {
                throw ConfigException.unexpected(keyword, VALUES + (config ? " or ';'" : ""));
            }
        }
        if (config) {
            in.expect(";");
        }
        Token rdToken = values.containsKey("rd") ? values.get("rd") : need(values, "route-distinguisher", type);
        RouteDistinguisher rd;
        try {
            rd = RouteDistinguisher.parse(rdToken.text());
        } catch (IllegalArgumentException e) {
            throw ConfigException.unexpected(rdToken, e.getMessage());
        }
        byte[] group = ip(need(values, "group", type), ipv6);
        MvpnRoute route = switch (type.text()) {
            case "source-ad" -> MvpnRoute.sourceAd(rd, ip(need(values, "source", type), ipv6), group);
            case "shared-join" -> MvpnRoute.join(true, rd, sourceAs(values, type), ip(need(values, "rp", type), ipv6), group);
            case "source-join" -> MvpnRoute.join(false, rd, sourceAs(values, type), ip(need(values, "source", type), ipv6),
                    group);
            default -> throw ConfigException.unexpected(type, TYPES);
        };
        if (announce && attributes.nextHop.isEmpty()) {
            throw ConfigException.unexpected(type, "a route with next-hop IP");
        }
        return new FlowConfig(route, attributes.build());
    }

    private static long sourceAs(Map<String, Token> values, Token type) throws ConfigException {
        return Values.asn(need(values, "source-as", type));
    }

    private static Token need(Map<String, Token> values, String key, Token type) throws ConfigException {
        Token t = values.get(key);
        if (t == null) {
            throw ConfigException.unexpected(type, "a " + type.text() + " route with " + key);
        }
        return t;
    }

    private static byte[] ip(Token token, boolean ipv6) throws ConfigException {
        String expected = ipv6 ? "an IPv6 address (ipv6 mcast-vpn)" : "an IPv4 address (ipv4 mcast-vpn)";
        IpAddress address;
        try {
            address = IpAddress.parse(token.text());
        } catch (IllegalArgumentException e) {
            throw ConfigException.unexpected(token, expected);
        }
        if (address.isIpv4() == ipv6) {
            throw ConfigException.unexpected(token, expected);
        }
        return address.bytes();
    }
}
