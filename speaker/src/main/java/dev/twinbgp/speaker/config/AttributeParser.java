package dev.twinbgp.speaker.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * ExaBGP's route attribute grammar, the one parser for configuration files and API command lines. Each call of
 * {@link #parseOne} reads one {@code keyword value} pair into a {@link RouteAttributes.Builder}.
 */
final class AttributeParser {
    static final String KEYWORDS = "next-hop, origin, as-path, med, local-preference, atomic-aggregate, aggregator, "
            + "community, large-community, extended-community, originator-id, cluster-list, path-information, split, "
            + "name, watchdog, withdraw, attribute, rd, route-distinguisher, label";
    /** The Prefix-SID and AIGP keywords ({@link PrefixSidParser}). */
    static final String SR_KEYWORDS = "bgp-prefix-sid, bgp-prefix-sid-srv6, aigp";
    static final String ATTRIBUTE = "a route attribute (" + KEYWORDS + ", " + SR_KEYWORDS + ")";

    private static final String AS_PATH = "an AS path ([ ASN ... ], ( ASN ... ) or ASN)";
    private static final String GENERIC = "a generic attribute [ CODE FLAGS 0xVALUE ]";

    private AttributeParser() {
    }

    /** {@link #KEYWORDS} and {@link #SR_KEYWORDS} as a set: asked twice per attribute of every route. */
    private static final Set<String> KEYWORD_SET = Set.of((KEYWORDS + ", " + SR_KEYWORDS).split(", "));

    static boolean isKeyword(Token token) {
        return !token.quoted() && token.text() != null && KEYWORD_SET.contains(token.text());
    }

    /** Reads one attribute; the next token must be one of {@link #KEYWORDS}. */
    static void parseOne(TokenStream in, RouteAttributes.Builder out) throws ConfigException {
        Token keyword = in.peek();
        if (!isKeyword(keyword)) {
            throw ConfigException.unexpected(keyword, ATTRIBUTE);
        }
        in.next();
        switch (keyword.text()) {
            case "next-hop" -> out.nextHop = Optional.of(nextHop(in.value("an IP address or self")));
            case "origin" -> out.origin = Optional.of(origin(in.value("igp, egp or incomplete")));
            case "as-path" -> out.asPath = Optional.of(asPath(in));
            // RFC 4271 5.1.4 and 5.1.5: both are four octets
            case "med" -> out.med = OptionalLong.of(
                    Values.decimal(in.value("a MED (0-4294967295)"), Values.MAX_UINT32, "a MED (0-4294967295)"));
            case "local-preference" -> out.localPreference = OptionalLong.of(Values.decimal(
                    in.value("a local preference (0-4294967295)"), Values.MAX_UINT32, "a local preference (0-4294967295)"));
            case "atomic-aggregate" -> out.atomicAggregate = true;
            case "aggregator" -> out.aggregator = Optional.of(aggregator(in));
            case "community" -> out.communities = list(in, CommunityValues.COMMUNITY, CommunityValues::community, false);
            case "large-community" -> out.largeCommunities =
                    list(in, CommunityValues.LARGE_COMMUNITY, CommunityValues::largeCommunity, true);
            case "extended-community" -> out.extendedCommunities = extendedCommunities(in);
            case "originator-id" -> out.originatorId =
                    Optional.of(Values.ipv4(in.value("an IPv4 address"), "an IPv4 address"));
            case "cluster-list" -> out.clusterList =
                    list(in, "an IPv4 address", token -> Values.ipv4(token, "an IPv4 address"), false);
            case "path-information" -> out.pathInformation = OptionalLong.of(pathInformation(in));
            case "split" -> out.split = OptionalInt.of(split(in.value("/LENGTH")));
            case "name" -> out.name = Optional.of(in.value("a name").text());
            // RFC 8669 / RFC 9252: both write attribute 40; the later one replaces the earlier.
            case "bgp-prefix-sid" -> out.prefixSid = Optional.of(PrefixSidParser.mpls(in));
            case "bgp-prefix-sid-srv6" -> out.prefixSid = Optional.of(PrefixSidParser.srv6(in));
            case "aigp" -> out.aigp = OptionalLong.of(PrefixSidParser.aigp(in.value("an AIGP metric")));
            case "watchdog" -> out.watchdog = Optional.of(in.value("a watchdog name").text());
            case "withdraw" -> out.withdrawn = true;
            case "attribute" -> out.genericAttributes.add(generic(in));
            case "rd", "route-distinguisher" -> out.rd = Optional.of(routeDistinguisher(in.value(RD)));
            case "label" -> out.labels = labels(in);
            default -> throw new IllegalStateException("keyword list and switch disagree: " + keyword.text());
        }
    }

    static final String RD = "a route distinguisher (ASN:NUMBER or IPV4:NUMBER)";
    private static final String LABEL = "an MPLS label (0-1048575)";

    /** RFC 4364 section 4.2: ASN:NUMBER (type 0, or 2 for a 4-octet AS) or IPV4:NUMBER (type 1), as ExaBGP reads it. */
    static dev.twinbgp.bgp.wire.family.RouteDistinguisher routeDistinguisher(Token token) throws ConfigException {
        try {
            return dev.twinbgp.bgp.wire.family.RouteDistinguisher.parse(token.text());
        } catch (IllegalArgumentException e) {
            throw ConfigException.unexpected(token, e.getMessage());
        }
    }

    /** {@code label N} or {@code label [ N N ... ]}: 20-bit labels, top of the stack first (RFC 8277 section 2). */
    private static List<Integer> labels(TokenStream in) throws ConfigException {
        List<Long> values = list(in, LABEL, token -> Values.decimal(token, dev.twinbgp.bgp.wire.family.LabelStack.MAX_LABEL,
                LABEL), false);
        return values.stream().map(Long::intValue).toList();
    }

    private static NextHop nextHop(Token token) throws ConfigException {
        if (token.is("self")) {
            return new NextHop.Self();
        }
        return new NextHop.Address(Values.ip(token, "an IP address or self"));
    }

    private static Origin origin(Token token) throws ConfigException {
        return switch (token.text().toLowerCase(Locale.ROOT)) {
            case "igp" -> Origin.IGP;
            case "egp" -> Origin.EGP;
            case "incomplete" -> Origin.INCOMPLETE;
            default -> throw ConfigException.unexpected(token, "igp, egp or incomplete");
        };
    }

    @FunctionalInterface
    private interface Item<T> {
        T parse(Token token) throws ConfigException;
    }

    /** A list of extended communities; ExaBGP's FlowSpec forms {@code mark N} and {@code action X} are two words. */
    private static List<ExtendedCommunity> extendedCommunities(TokenStream in) throws ConfigException {
        List<ExtendedCommunity> out = new ArrayList<>();
        boolean bracket = in.accept("[");
        do {
            if (bracket && in.accept("]")) {
                break;
            }
            Token t = in.value(CommunityValues.EXTENDED_COMMUNITY + (bracket ? " or ']'" : " or ["));
            if (t.is("mark") || t.is("action")) {
                out.add(FlowActions.twoWord(t, in));
            } else {
                out.add(CommunityValues.extendedCommunity(t));
            }
        } while (bracket);
        return out;
    }

    /** {@link TokenStream#value}, its message ({@code what + suffix}) made only when it is needed. */
    private static Token value(TokenStream in, String what, String suffix) throws ConfigException {
        Token token = in.peek();
        if (token.isEnd() || TokenStream.isPunctuation(token)) {
            throw ConfigException.unexpected(token, what + suffix);
        }
        return in.next();
    }

    /** {@code [ item ... ]} or a single bare item; duplicates are dropped when asked (ExaBGP does for large). */
    private static <T> List<T> list(TokenStream in, String what, Item<T> item, boolean distinct)
            throws ConfigException {
        List<T> out = new ArrayList<>();
        if (!in.accept("[")) {
            out.add(item.parse(value(in, what, " or [")));
            return out;
        }
        while (!in.accept("]")) {
            T value = item.parse(value(in, what, " or ']'"));
            if (!distinct || !out.contains(value)) {
                out.add(value);
            }
        }
        return out;
    }

    /*
     * as-path 65000                      one AS_SEQUENCE of one AS
     * as-path [ 1 2 ] ( 3 4 )            AS_SEQUENCE then AS_SET (RFC 4271 4.3)
     * as-path [ 1 2 ( 3 4 ) 5 ]          a set inside a sequence: segments SEQUENCE(1 2) SET(3 4) SEQUENCE(5)
     * as-path [ { 1 2 } ]  ( { 3 } )     AS_CONFED_SEQUENCE / AS_CONFED_SET (RFC 5065 3)
     * Commas between numbers are ignored; empty segments are dropped, so "[ ]" is an empty AS_PATH.
     */
    private static List<AsPathSegment> asPath(TokenStream in) throws ConfigException {
        List<AsPathSegment> segments = new ArrayList<>();
        Token first = in.peek();
        if (!first.is("[") && !first.is("(")) {
            segments.add(new AsPathSegment(AsPathSegment.Type.SEQUENCE, List.of(Values.decimal(
                    in.value(AS_PATH), Values.MAX_UINT32, AS_PATH))));
            return segments;
        }
        while (in.peek().is("[") || in.peek().is("(")) {
            boolean sequence = in.next().is("[");
            boolean confederation = in.accept("{");
            String close = sequence ? "]" : ")";
            AsPathSegment.Type type = sequence
                    ? (confederation ? AsPathSegment.Type.CONFED_SEQUENCE : AsPathSegment.Type.SEQUENCE)
                    : (confederation ? AsPathSegment.Type.CONFED_SET : AsPathSegment.Type.SET);
            List<Long> asns = new ArrayList<>();
            while (true) {
                if (confederation && in.accept("}")) {
                    in.expect(close);
                    break;
                }
                if (!confederation && in.accept(close)) {
                    break;
                }
                if (sequence && !confederation && in.accept("(")) {
                    add(segments, type, asns);
                    asns = new ArrayList<>();
                    while (!in.accept(")")) {
                        asn(in, asns, "an AS number or ')'");
                    }
                    add(segments, AsPathSegment.Type.SET, asns);
                    asns = new ArrayList<>();
                    continue;
                }
                asn(in, asns, "an AS number or '" + (confederation ? "}" : close) + "'");
            }
            add(segments, type, asns);
        }
        return segments;
    }

    private static void asn(TokenStream in, List<Long> asns, String expected) throws ConfigException {
        Token token = in.value(expected);
        if (token.is(",")) {
            return;
        }
        String text = token.text().endsWith(",") ? token.text().substring(0, token.text().length() - 1) : token.text();
        asns.add(Values.decimal(new Token(token.source(), token.line(), token.column(), text, false),
                Values.MAX_UINT32, expected));
    }

    private static void add(List<AsPathSegment> segments, AsPathSegment.Type type, List<Long> asns) {
        if (!asns.isEmpty()) {
            segments.add(new AsPathSegment(type, asns));
        }
    }

    /** {@code ( asn:ip )}, {@code asn:ip} (RFC 4271 5.1.7). */
    private static Aggregator aggregator(TokenStream in) throws ConfigException {
        String expected = "an aggregator ( ASN:IPV4 )";
        boolean parenthesis = in.accept("(");
        Token token = in.value(expected);
        int colon = token.text().indexOf(':');
        if (colon < 0) {
            throw ConfigException.unexpected(token, expected);
        }
        long asn;
        IpAddress address;
        try {
            asn = Values.asn(new Token(token.source(), token.line(), token.column(), token.text().substring(0, colon), false));
            address = Values.ipv4(new Token(token.source(), token.line(), token.column(),
                    token.text().substring(colon + 1), false), expected);
        } catch (ConfigException partWrong) {
            throw ConfigException.unexpected(token, expected);
        }
        if (parenthesis) {
            in.expect(")");
        }
        return new Aggregator(asn, address);
    }

    /** RFC 7911 section 3: a 4-octet identifier, written as a number or, as ExaBGP shows it, a dotted quad. */
    private static long pathInformation(TokenStream in) throws ConfigException {
        String expected = "a path identifier (0-4294967295 or a.b.c.d)";
        Token token = in.value(expected);
        if (token.text().indexOf('.') >= 0) {
            return Values.ipv4(token, expected).toUnsignedInt();
        }
        return Values.decimal(token, Values.MAX_UINT32, expected);
    }

    private static int split(Token token) throws ConfigException {
        String text = token.text();
        if (!text.startsWith("/")) {
            throw ConfigException.unexpected(token, "/LENGTH");
        }
        return (int) Values.decimal(new Token(token.source(), token.line(), token.column(), text.substring(1), false),
                128, "/LENGTH");
    }

    /*
     * attribute [ CODE FLAGS VALUE ]  -> the path attribute, RFC 4271 section 4.3:
     *   +--------+--------+--------+........+-----------//-----------+
     *   | flags  |  code  | length (1 or 2) |  value (VALUE's bytes) |
     *   +--------+--------+--------+........+-----------//-----------+
     * CODE and FLAGS are 0xHH or decimal, VALUE is 0x and an even number of hex digits.
     */
    private static GenericAttribute generic(TokenStream in) throws ConfigException {
        if (!in.peek().is("[")) {
            throw ConfigException.unexpected(in.peek(), GENERIC);
        }
        in.next();
        int code = (int) Values.decimalOrHex(in.value("an attribute code (0x00-0xff)"), 0xFF,
                "an attribute code (0x00-0xff)");
        int flags = (int) Values.decimalOrHex(in.value("attribute flags (0x00-0xff)"), 0xFF,
                "attribute flags (0x00-0xff)");
        String valueExpected = "an attribute value (0x and an even number of hex digits)";
        byte[] value = Values.hexBytes(in.value(valueExpected), valueExpected);
        in.expect("]");
        return new GenericAttribute(code, flags, value);
    }
}
