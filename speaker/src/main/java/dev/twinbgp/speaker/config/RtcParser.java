package dev.twinbgp.speaker.config;

import dev.twinbgp.bgp.wire.family.rtc.RtcRoute;

/**
 * ExaBGP's Route Target Constraint grammar (RFC 4684; its {@code configuration/announce/rtc} and {@code static/rtc}),
 * for configuration files and API commands: a membership by origin AS and route target, or the default one, then
 * attributes in any order. The next hop goes in MP_REACH_NLRI only (no NEXT_HOP attribute).
 * <pre>
 * announce { ipv4 { rtc origin-as 65001 route-target 65001:100 next-hop self ATTRIBUTES;
 *                   rtc default next-hop 192.0.2.1; } }
 * announce ipv4 rtc origin-as 65001 route-target target:192.0.2.1:7 next-hop self     withdraw ipv4 rtc default
 * </pre>
 * The route target is written {@code ASN:N}, {@code IPV4:N} or as an extended community {@code target:...}.
 */
public final class RtcParser {
    static final String VALUES = "origin-as, route-target, default or an attribute";

    private RtcParser() {
    }

    /** True for a command that {@link #command} reads: {@code ipv4 rtc ...}. */
    public static boolean isCommand(String rest) {
        // Compiled once and tried only after a cheap look at the first word: this runs for every API line (issue 18).
        return rest.startsWith("ipv4") && RTC_COMMAND.matcher(rest).matches();
    }

    private static final java.util.regex.Pattern RTC_COMMAND = java.util.regex.Pattern.compile("ipv4\\s+rtc(\\s.*|)");

    /** An API command's route after {@code announce}/{@code withdraw}: {@code ipv4 rtc ...}. */
    public static FlowConfig command(String line, boolean announce) throws ConfigException {
        TokenStream in = TokenStream.of(RouteParser.COMMAND, line);
        in.expect("ipv4");
        Token rtc = in.expect("rtc");
        return route(in, rtc, false, announce);
    }

    /** {@code VALUES...} after {@code rtc}, to ';' (configuration, consumed) or the end (a command). */
    static FlowConfig route(TokenStream in, Token rtc, boolean config, boolean announce) throws ConfigException {
        Token originAs = null;
        Token routeTarget = null;
        Token defaultRoute = null;
        RouteAttributes.Builder attributes = new RouteAttributes.Builder();
        while (config ? !in.peek().is(";") : !in.atEnd()) {
            Token keyword = in.peek();
            if (keyword.is("origin-as") && !keyword.quoted()) {
                in.next();
                originAs = in.value("an AS number after origin-as");
            } else if (keyword.is("route-target") && !keyword.quoted()) {
                in.next();
                routeTarget = in.value("a route target after route-target");
            } else if (keyword.is("default") && !keyword.quoted()) {
                defaultRoute = in.next();
            } else if (AttributeParser.isKeyword(keyword)) {
                AttributeParser.parseOne(in, attributes);
            } else {
                throw ConfigException.unexpected(keyword, VALUES + (config ? " or ';'" : ""));
            }
        }
        if (config) {
            in.expect(";");
        }
        RtcRoute route;
        if (defaultRoute != null) {
            if (originAs != null || routeTarget != null) {
                throw ConfigException.unexpected(defaultRoute, "either default or origin-as and route-target");
            }
            route = RtcRoute.defaultRoute();
        } else {
            if (originAs == null || routeTarget == null) {
                throw ConfigException.unexpected(rtc, "an rtc route with origin-as and route-target, or default");
            }
            route = RtcRoute.of(Values.decimal(originAs, Values.MAX_UINT32, "an AS number (0-4294967295)"),
                    routeTarget(routeTarget));
        }
        if (announce && attributes.nextHop.isEmpty()) {
            throw ConfigException.unexpected(rtc, "a route with next-hop IP");
        }
        return new FlowConfig(route, attributes.build());
    }

    /** {@code ASN:N}, {@code IPV4:N} or {@code target:...}: an extended community of subtype 0x02 (route target). */
    private static byte[] routeTarget(Token token) throws ConfigException {
        String text = token.text();
        boolean prefixed = text.startsWith("target:") || text.startsWith("target4:");
        if (!prefixed && text.chars().filter(c -> c == ':').count() != 1) {
            throw ConfigException.unexpected(token, "a route target ASN:NUMBER or IPV4:NUMBER");
        }
        Token community = new Token(token.source(), token.line(), token.column(), prefixed ? text : "target:" + text, false);
        byte[] octets = CommunityValues.extendedCommunity(community).octets();
        if (octets[1] != 0x02) {
            throw ConfigException.unexpected(token, "a route target ASN:NUMBER or IPV4:NUMBER");
        }
        return octets;
    }
}
