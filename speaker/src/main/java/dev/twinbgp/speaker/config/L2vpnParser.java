package dev.twinbgp.speaker.config;

import dev.twinbgp.bgp.wire.family.RouteDistinguisher;
import dev.twinbgp.bgp.wire.family.evpn.Esi;
import dev.twinbgp.bgp.wire.family.evpn.EvpnRoute;
import dev.twinbgp.bgp.wire.family.evpn.Mac;
import dev.twinbgp.bgp.wire.family.vpls.VplsRoute;
import java.util.List;

/**
 * The grammar of {@code l2vpn} routes, for configuration files and API commands.
 *
 * <p>VPLS, as ExaBGP writes it (RFC 4761; its {@code configuration/l2vpn}): the values in any order,
 * <pre>
 * l2vpn { vpls rd 192.168.201.1:123 endpoint 5 base 10702 offset 1 size 8 next-hop 192.168.201.1 ATTRIBUTES;
 *         vpls site5 { endpoint 5; base 10732; offset 1; size 8; rd 192.168.201.1:124; next-hop ...; ATTRIBUTE; } }
 * announce { l2vpn { vpls ...; } }                   announce vpls ...     withdraw vpls ...
 * </pre>
 * EVPN (RFC 7432, RFC 9136): ExaBGP decodes EVPN but has no grammar to announce it; twinbgp's, one route type
 * word and then the route's fields and attributes in any order:
 * <pre>
 * evpn ethernet-ad      rd RD esi ESI ethernet-tag N label N
 * evpn mac-ip           rd RD [esi ESI] ethernet-tag N mac MAC [ip IP] label N | label [ N N ]
 * evpn multicast        rd RD ethernet-tag N ip IP
 * evpn ethernet-segment rd RD esi ESI ip IP
 * evpn ip-prefix        rd RD [esi ESI] ethernet-tag N prefix IP/LEN [gateway IP] label N
 * </pre>
 * in {@code l2vpn { }} and {@code announce { l2vpn { } }}, and as API commands {@code announce evpn ...} /
 * {@code withdraw evpn ...}. ESI {@code -} (the default) is all zero, a single-homed site.
 */
public final class L2vpnParser {
    static final String VPLS_VALUES = "rd, endpoint, base, offset, size, next-hop or an attribute";
    static final String EVPN_TYPES = "an EVPN route type (ethernet-ad, mac-ip, multicast, ethernet-segment or ip-prefix)";
    private static final String EVPN_VALUES = "rd, esi, ethernet-tag, mac, ip, prefix, gateway, label or an attribute";

    private L2vpnParser() {
    }

    /** {@code l2vpn { vpls ...; vpls NAME { ... } evpn ...; }} after {@code l2vpn}, or its copy in {@code announce}. */
    static void block(TokenStream in, NeighborDraft draft) throws ConfigException {
        in.expect("{");
        while (!in.accept("}")) {
            Token keyword = in.peek();
            if (keyword.is("vpls")) {
                in.next();
                draft.flows.add(new NeighborDraft.PlacedFlow(vpls(in, true, true), keyword));
            } else if (keyword.is("evpn")) {
                in.next();
                draft.flows.add(new NeighborDraft.PlacedFlow(evpn(in, true, true), keyword));
            } else {
                throw ConfigException.unexpected(keyword, "vpls, evpn or '}'");
            }
        }
    }

    /**
     * An API command's route after {@code announce}/{@code withdraw}: {@code vpls ...}, {@code evpn ...}, or either
     * after {@code l2vpn}. Errors have source {@link RouteParser#COMMAND} and a column into {@code line}.
     */
    public static FlowConfig command(String line, boolean announce) throws ConfigException {
        TokenStream in = TokenStream.of(RouteParser.COMMAND, line);
        in.accept("l2vpn");
        Token keyword = in.peek();
        FlowConfig route;
        if (in.accept("vpls")) {
            route = vpls(in, false, announce);
        } else if (in.accept("evpn")) {
            route = evpn(in, false, announce);
        } else {
            throw ConfigException.unexpected(keyword, "vpls or evpn");
        }
        return route;
    }

    /** True for a command that {@link #command} reads. */
    public static boolean isCommand(String rest) {
        // Compiled once and tried only after a cheap look at the first word: this runs for every API line (issue 18).
        return (rest.startsWith("l2vpn") || rest.startsWith("vpls") || rest.startsWith("evpn")) && L2VPN_COMMAND.matcher(rest).matches();
    }

    private static final java.util.regex.Pattern L2VPN_COMMAND = java.util.regex.Pattern.compile("(l2vpn\\s+)?(vpls|evpn)(\\s.*|)");

    private static final List<String> VPLS_KEYS = List.of("rd", "route-distinguisher", "endpoint", "base", "offset", "size");

    /** {@code vpls VALUES;} or {@code vpls [NAME] { VALUE; ... }} (configuration only). */
    static FlowConfig vpls(TokenStream in, boolean config, boolean announce) throws ConfigException {
        RouteStatement v;
        if (config && (in.peek().is("{") || !in.peek().is(";") && !VPLS_KEYS.contains(String.valueOf(in.peek().text()))
                && !AttributeParser.isKeyword(in.peek()))) {
            Token at = in.peek();
            if (!at.is("{")) {
                in.value("a route name or '{'"); // ExaBGP reads the name and keeps it nowhere
            }
            in.expect("{");
            v = RouteStatement.at(at);
            while (!in.accept("}")) {
                v.readOne(in, VPLS_KEYS, VPLS_VALUES + " or '}'");
                in.accept(";");
            }
        } else {
            v = RouteStatement.read(in, in.peek(), config, VPLS_KEYS, VPLS_VALUES);
        }
        Token rd = v.get("rd") != null ? v.get("rd") : v.need("route-distinguisher", "ASN:NUMBER");
        String numbers = "endpoint, base, offset and size";
        VplsRoute route;
        try {
            route = new VplsRoute(RouteStatement.rd(rd),
                    (int) Values.decimal(v.need("endpoint", numbers), 0xFFFF, "an endpoint (VE ID, 0-65535)"),
                    (int) Values.decimal(v.need("offset", numbers), 0xFFFF, "a block offset (0-65535)"),
                    (int) Values.decimal(v.need("size", numbers), 0xFFFF, "a block size (0-65535)"),
                    (int) Values.decimal(v.need("base", numbers), 0xFFFFF, "a label base (0-1048575)"));
        } catch (IllegalArgumentException e) {
            throw ConfigException.unexpected(v.type(), e.getMessage());
        }
        return v.route(route, announce);
    }

    private static final List<String> EVPN_KEYS = List.of("rd", "route-distinguisher", "esi", "ethernet-tag", "etag",
            "mac", "ip", "prefix", "gateway", "label");

    /** {@code evpn TYPE VALUES[;]}. */
    static FlowConfig evpn(TokenStream in, boolean config, boolean announce) throws ConfigException {
        Token type = in.value(EVPN_TYPES);
        RouteStatement v = RouteStatement.read(in, type, config, EVPN_KEYS, EVPN_VALUES);
        Token rdToken = v.get("rd") != null ? v.get("rd") : v.need("route-distinguisher", "ASN:NUMBER");
        RouteDistinguisher rd = RouteStatement.rd(rdToken);
        byte[] esi = v.get("esi") == null ? new byte[Esi.LENGTH] : parse(v.get("esi"), Esi::parse);
        Token tagToken = v.get("ethernet-tag") != null ? v.get("ethernet-tag") : v.get("etag");
        long tag = tagToken == null ? 0 : Values.decimal(tagToken, Values.MAX_UINT32, "an ethernet tag (0-4294967295)");
        long[] labels = new long[v.labels().size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = Values.decimal(v.labels().get(i), 0xFFFFF, "a label (0-1048575)");
        }
        EvpnRoute route;
        try {
            route = switch (type.text()) {
                case "ethernet-ad", "auto-discovery" -> {
                    v.need("esi", "ESI");
                    yield EvpnRoute.ethernetAd(rd, esi, tag, oneLabel(v, labels));
                }
                case "mac-ip", "mac-advertisement", "macadv" -> {
                    byte[] mac = parse(v.need("mac", "MAC"), Mac::parse);
                    byte[] ip = v.get("ip") == null ? null : ip(v.get("ip"));
                    if (labels.length < 1 || labels.length > 2) {
                        throw ConfigException.unexpected(type, "a MAC/IP route with label N or label [ N N ]");
                    }
                    yield EvpnRoute.macIp(rd, esi, tag, mac, ip, labels);
                }
                case "multicast", "inclusive-multicast" -> EvpnRoute.multicast(rd, tag, ip(v.need("ip", "IP")));
                case "ethernet-segment", "segment" -> {
                    v.need("esi", "ESI");
                    yield EvpnRoute.segment(rd, esi, ip(v.need("ip", "IP")));
                }
                case "ip-prefix", "prefix" -> {
                    Token p = v.need("prefix", "IP/LENGTH");
                    int slash = p.text().indexOf('/');
                    if (slash < 0) {
                        throw ConfigException.unexpected(p, "a prefix IP/LENGTH");
                    }
                    IpAddress address = address(p, p.text().substring(0, slash));
                    int max = address.isIpv4() ? 32 : 128;
                    int length = (int) Values.decimal(new Token(p.source(), p.line(), p.column(),
                            p.text().substring(slash + 1), false), max, "a prefix length (0-" + max + ")");
                    byte[] gateway = v.get("gateway") == null ? new byte[address.bytes().length] : ip(v.get("gateway"));
                    yield EvpnRoute.prefix(rd, esi, tag, address.bytes(), length, gateway, oneLabel(v, labels));
                }
                default -> throw ConfigException.unexpected(type, EVPN_TYPES);
            };
        } catch (IllegalArgumentException e) {
            throw ConfigException.unexpected(type, e.getMessage());
        }
        return v.route(route, announce); // announced: needs a next hop (MP_REACH_NLRI, RFC 4760 section 3)
    }

    private static long oneLabel(RouteStatement v, long[] labels) throws ConfigException {
        if (labels.length != 1) {
            throw ConfigException.unexpected(v.type(), "a route with one label N");
        }
        return labels[0];
    }

    private interface Parse {
        byte[] parse(String text);
    }

    private static byte[] parse(Token token, Parse parse) throws ConfigException {
        try {
            return parse.parse(token.text());
        } catch (IllegalArgumentException e) {
            throw ConfigException.unexpected(token, e.getMessage());
        }
    }

    private static byte[] ip(Token token) throws ConfigException {
        return address(token, token.text()).bytes();
    }

    private static IpAddress address(Token token, String text) throws ConfigException {
        try {
            return IpAddress.parse(text);
        } catch (IllegalArgumentException e) {
            throw ConfigException.unexpected(token, "an IP address");
        }
    }
}
