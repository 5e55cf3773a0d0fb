package dev.twinbgp.speaker.config;

import dev.twinbgp.bgp.wire.family.RouteDistinguisher;
import dev.twinbgp.bgp.wire.family.mvpn.MvpnRoute;
import java.util.List;

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
        // Compiled once and tried only after a cheap look at the first word: this runs for every API line (issue 18).
        return rest.startsWith("ipv") && MCAST_VPN_COMMAND.matcher(rest).matches();
    }

    private static final java.util.regex.Pattern MCAST_VPN_COMMAND = java.util.regex.Pattern.compile("ipv[46]\\s+mcast-vpn(\\s.*|)");

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
        RouteStatement values = RouteStatement.read(in, type, config, KEYS, VALUES);
        RouteDistinguisher rd = values.rd();
        byte[] group = ip(values.need("group"), ipv6);
        MvpnRoute route = switch (type.text()) {
            case "source-ad" -> MvpnRoute.sourceAd(rd, ip(values.need("source"), ipv6), group);
            case "shared-join" -> MvpnRoute.join(true, rd, Values.asn(values.need("source-as")), ip(values.need("rp"), ipv6),
                    group);
            case "source-join" -> MvpnRoute.join(false, rd, Values.asn(values.need("source-as")),
                    ip(values.need("source"), ipv6), group);
            default -> throw ConfigException.unexpected(type, TYPES);
        };
        return values.route(route, announce);
    }

    private static byte[] ip(Token token, boolean ipv6) throws ConfigException {
        return RouteStatement.ip(token, token.text(), ipv6, "mcast-vpn");
    }
}
