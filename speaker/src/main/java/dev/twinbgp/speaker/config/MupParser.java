package dev.twinbgp.speaker.config;

import dev.twinbgp.bgp.wire.family.RouteDistinguisher;
import dev.twinbgp.bgp.wire.family.mup.MupRoute;
import java.util.List;

/**
 * ExaBGP's BGP-MUP grammar (draft-mpmz-bess-mup-safi; its {@code configuration/announce/mup}), for configuration
 * files and API commands: the route type with its address or prefix, then values and attributes in any order.
 * <pre>
 * announce { ipv4 { mup mup-isd 10.0.1.0/24 rd 100:100 next-hop 2001::1 bgp-prefix-sid-srv6 ( ... ) ATTRIBUTES;
 *                   mup mup-dsd 10.0.0.1 rd 100:100 next-hop 2001::2 ATTRIBUTES;
 *                   mup mup-t1st 192.168.0.1/32 rd 100:100 teid 12345 qfi 9 endpoint 10.0.0.1 [source 10.0.1.1] ...;
 *                   mup mup-t2st 10.0.0.1 rd 100:100 teid 12345/32 next-hop 10.0.0.2 ATTRIBUTES; } }
 * announce ipv4 mup mup-isd ...          withdraw ipv6 mup ...
 * </pre>
 */
public final class MupParser {
    static final String TYPES = "a MUP route type (mup-isd, mup-dsd, mup-t1st or mup-t2st)";
    private static final List<String> KEYS = List.of("rd", "route-distinguisher", "teid", "qfi", "endpoint", "source");
    private static final String VALUES = "rd, teid, qfi, endpoint, source or an attribute";

    private MupParser() {
    }

    /** True for a command that {@link #command} reads: {@code ipv4|ipv6 mup ...}. */
    public static boolean isCommand(String rest) {
        // Compiled once and tried only after a cheap look at the first word: this runs for every API line (issue 18).
        return rest.startsWith("ipv") && MUP_COMMAND.matcher(rest).matches();
    }

    private static final java.util.regex.Pattern MUP_COMMAND = java.util.regex.Pattern.compile("ipv[46]\\s+mup(\\s.*|)");

    /** An API command's route after {@code announce}/{@code withdraw}: {@code ipv4|ipv6 mup TYPE ...}. */
    public static FlowConfig command(String line, boolean announce) throws ConfigException {
        TokenStream in = TokenStream.of(RouteParser.COMMAND, line);
        boolean ipv6 = in.next().is("ipv6");
        in.expect("mup");
        return route(in, ipv6, false, announce);
    }

    /** {@code TYPE ADDRESS VALUES...} after {@code mup}, to ';' (configuration, consumed) or the end (a command). */
    static FlowConfig route(TokenStream in, boolean ipv6, boolean config, boolean announce) throws ConfigException {
        Token type = in.value(TYPES);
        Token subject = in.value(type.is("mup-isd") || type.is("mup-t1st") ? "a prefix" : "an IP address");
        RouteStatement values = RouteStatement.read(in, type, config, KEYS, VALUES);
        RouteDistinguisher rd = values.rd();
        MupRoute route;
        try {
            route = switch (type.text()) {
                case "mup-isd" -> MupRoute.isd(rd, ip(subject, prefixAddress(subject), ipv6), prefixLength(subject, ipv6));
                case "mup-dsd" -> MupRoute.dsd(rd, ip(subject, subject.text(), ipv6));
                case "mup-t1st" -> {
                    Token source = values.get("source");
                    yield MupRoute.t1st(rd, ip(subject, prefixAddress(subject), ipv6), prefixLength(subject, ipv6),
                            Values.decimal(values.need("teid"), Values.MAX_UINT32, "a TEID (0-4294967295)"),
                            (int) Values.decimal(values.need("qfi"), 0xFF, "a QFI (0-255)"),
                            ip(values.need("endpoint"), values.need("endpoint").text(), ipv6),
                            source == null ? null : ip(source, source.text(), ipv6));
                }
                case "mup-t2st" -> {
                    Token teid = values.need("teid");
                    String[] parts = teid.text().split("/", -1);
                    if (parts.length != 2) {
                        throw ConfigException.unexpected(teid, "a TEID and its length in bits, TEID/BITS");
                    }
                    long value = Values.decimal(part(teid, parts[0]), Values.MAX_UINT32, "a TEID (0-4294967295)");
                    int bits = (int) Values.decimal(part(teid, parts[1]), 32, "a TEID length (0-32 bits)");
                    yield MupRoute.t2st(rd, ip(subject, subject.text(), ipv6), value, bits);
                }
                default -> throw ConfigException.unexpected(type, TYPES);
            };
        } catch (IllegalArgumentException e) {
            throw ConfigException.unexpected(type, e.getMessage());
        }
        return values.route(route, announce);
    }

    private static Token part(Token whole, String text) {
        return new Token(whole.source(), whole.line(), whole.column(), text, false);
    }

    private static String prefixAddress(Token prefix) throws ConfigException {
        int slash = prefix.text().indexOf('/');
        if (slash < 0) {
            throw ConfigException.unexpected(prefix, "a prefix ADDRESS/LENGTH");
        }
        return prefix.text().substring(0, slash);
    }

    private static int prefixLength(Token prefix, boolean ipv6) throws ConfigException {
        int max = ipv6 ? 128 : 32;
        return (int) Values.decimal(part(prefix, prefix.text().substring(prefix.text().indexOf('/') + 1)), max,
                "a prefix length (0-" + max + ")");
    }

    private static byte[] ip(Token token, String text, boolean ipv6) throws ConfigException {
        return RouteStatement.ip(token, text, ipv6, "mup");
    }
}
