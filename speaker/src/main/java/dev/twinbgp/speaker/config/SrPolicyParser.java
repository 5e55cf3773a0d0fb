package dev.twinbgp.speaker.config;

import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.family.srpolicy.Segment;
import dev.twinbgp.bgp.wire.family.srpolicy.SrPolicy;
import dev.twinbgp.bgp.wire.family.srpolicy.SrPolicyTunnel;
import java.util.ArrayList;
import java.util.List;

/**
 * ExaBGP's SR Policy grammar (its {@code configuration/static/sr_policy}), in {@code static { }}, in
 * {@code announce { ipv4|ipv6 { } }} and in API commands ({@code announce ipv4|ipv6 sr-policy ...}):
 * <pre>
 * sr-policy distinguisher N color N endpoint IP next-hop IP
 *     [preference N] [priority N] [binding-sid mpls LABEL | binding-sid null] [srv6-binding-sid SID]
 *     [enlp push-ipv4|push-ipv6|push-ipv4-ipv6|no-push|N] [policy-name "NAME"] [candidate-path-name "NAME"]
 *     [segment-list weight N segment SEGMENT [segment SEGMENT ...]] ...   and any route attribute
 * SEGMENT: type-a mpls LABEL | type-b srv6 SID [endpoint-behavior B LB LN FUN ARG]
 *        | type-c ipv4 IP algorithm N [sid LABEL] | type-d ipv6 IP algorithm N [sid LABEL]
 *        | type-e local-if-id N ipv4 IP [sid LABEL] | type-f local IP remote IP [sid LABEL]
 *        | type-g local-if-id N local-ipv6 IP remote-if-id N remote-ipv6 IP [sid LABEL]
 *        | type-h local IP remote IP [sid LABEL]
 *        | type-i ipv6 IP algorithm N [sid SID] [endpoint-behavior ...]
 *        | type-j local-if-id N local-ipv6 IP remote-if-id N remote-ipv6 IP algorithm N [sid SID] [endpoint-behavior ...]
 *        | type-k local IP remote IP algorithm N [sid SID] [endpoint-behavior ...]
 * </pre>
 * The tunnel encapsulation attribute (RFC 9012, SR Policy tunnel RFC 9830 section 2.4) gets its sub-TLVs in the
 * order written, as ExaBGP; it is carried as the route's attribute 23.
 */
public final class SrPolicyParser {
    static final String KEYWORD = "a sub-TLV (preference, priority, binding-sid, srv6-binding-sid, enlp, policy-name,"
            + " candidate-path-name, segment-list) or an attribute";
    private static final String SEGMENT = "type-a, type-b, type-c, type-d, type-e, type-f, type-g, type-h, type-i,"
            + " type-j or type-k";
    private static final long LABEL = 0xFFFFF;

    private SrPolicyParser() {
    }

    /**
     * After {@code sr-policy}: the route to {@code ;} (configuration) or the end (API command). {@code afi}: the
     * enclosing {@code ipv4 { }} / {@code ipv6 { }} or command's AFI, 0 when the endpoint decides.
     */
    static FlowConfig route(TokenStream in, int afi) throws ConfigException {
        return route(in, afi, true);
    }

    /** {@code announce}: false for a withdrawal, which names the policy and needs no next hop. */
    static FlowConfig route(TokenStream in, int afi, boolean announce) throws ConfigException {
        in.expect("distinguisher");
        long distinguisher = Values.decimal(in.value("a distinguisher (0-4294967295)"), Values.MAX_UINT32,
                "a distinguisher (0-4294967295)");
        in.expect("color");
        long color = Values.decimal(in.value("a color (0-4294967295)"), Values.MAX_UINT32, "a color (0-4294967295)");
        in.expect("endpoint");
        Token at = in.peek();
        IpAddress endpoint = Values.ip(in.value("an IP address"), "an IP address");
        if (afi != 0 && endpoint.afi() != afi) {
            throw ConfigException.unexpected(at, "an " + Family.afiName(afi) + " endpoint (inside " + Family.afiName(afi) + ")");
        }
        Family family = new Family(endpoint.afi(), Family.SAFI_SR_POLICY);
        RouteAttributes.Builder attributes = new RouteAttributes.Builder();
        SrPolicyTunnel tunnel = new SrPolicyTunnel();
        while (!in.atEnd() && !in.peek().is(";") && !in.peek().is("}")) {
            Token t = in.peek();
            if (t.quoted() || t.text() == null) {
                throw ConfigException.unexpected(t, KEYWORD);
            }
            switch (t.text()) {
                case "preference" -> {
                    in.next();
                    tunnel.preference(Values.decimal(in.value("a preference (0-4294967295)"), Values.MAX_UINT32,
                            "a preference (0-4294967295)"));
                }
                case "priority" -> {
                    in.next();
                    tunnel.priority((int) Values.decimal(in.value("a priority (0-255)"), 255, "a priority (0-255)"));
                }
                case "binding-sid" -> {
                    in.next();
                    Token kind = in.value("mpls or null");
                    if (kind.is("null")) {
                        tunnel.bindingSid(null);
                    } else if (kind.is("mpls")) {
                        tunnel.bindingSid(label(in));
                    } else {
                        throw ConfigException.unexpected(kind, "mpls or null");
                    }
                }
                case "srv6-binding-sid" -> {
                    in.next();
                    tunnel.srv6BindingSid(ipv6(in));
                }
                case "enlp" -> {
                    in.next();
                    tunnel.enlp(enlp(in.value("push-ipv4, push-ipv6, push-ipv4-ipv6, no-push or 1-4")));
                }
                case "policy-name" -> {
                    in.next();
                    tunnel.policyName(in.value("a name").text());
                }
                case "candidate-path-name" -> {
                    in.next();
                    tunnel.candidatePathName(in.value("a name").text());
                }
                case "segment-list" -> {
                    in.next();
                    segmentList(in, tunnel);
                }
                default -> {
                    if (!AttributeParser.isKeyword(t)) {
                        throw ConfigException.unexpected(t, KEYWORD);
                    }
                    AttributeParser.parseOne(in, attributes);
                }
            }
        }
        if (announce && attributes.nextHop.isEmpty()) {
            throw ConfigException.unexpected(in.peek(), "next-hop (an SR Policy route needs one, RFC 9830 section 2.1)");
        }
        if (!tunnel.isEmpty()) {
            attributes.genericAttributes.add(new GenericAttribute(SrPolicyTunnel.ATTRIBUTE, SrPolicyTunnel.FLAGS,
                    tunnel.encode()));
        }
        return new FlowConfig(new SrPolicy(family, distinguisher, color, endpoint.bytes()), attributes.build());
    }

    /** An API command's route: {@code ipv4|ipv6 sr-policy ...} or {@code sr-policy ...}, to the end of {@code line}. */
    public static FlowConfig command(String line, boolean announce) throws ConfigException {
        TokenStream in = TokenStream.of(RouteParser.COMMAND, line);
        int afi = 0;
        if (in.accept("ipv4")) {
            afi = Family.AFI_IPV4;
        } else if (in.accept("ipv6")) {
            afi = Family.AFI_IPV6;
        }
        in.expect("sr-policy");
        FlowConfig route = route(in, afi, announce);
        in.accept(";");
        if (!in.atEnd()) {
            throw ConfigException.unexpected(in.peek(), "the end of the command");
        }
        return route;
    }

    private static long label(TokenStream in) throws ConfigException {
        return Values.decimal(in.value("an MPLS label (0-1048575)"), LABEL, "an MPLS label (0-1048575)");
    }

    private static long number(TokenStream in, String expected) throws ConfigException {
        return Values.decimal(in.value(expected), Values.MAX_UINT32, expected);
    }

    private static byte[] ipv4(TokenStream in) throws ConfigException {
        Token t = in.value("an IPv4 address");
        IpAddress a = Values.ip(t, "an IPv4 address");
        if (!a.isIpv4()) {
            throw ConfigException.unexpected(t, "an IPv4 address");
        }
        return a.bytes();
    }

    private static byte[] ipv6(TokenStream in) throws ConfigException {
        Token t = in.value("an IPv6 address");
        IpAddress a = Values.ip(t, "an IPv6 address");
        if (a.isIpv4()) {
            throw ConfigException.unexpected(t, "an IPv6 address");
        }
        return a.bytes();
    }

    private static int enlp(Token t) throws ConfigException {
        return switch (t.text()) {
            case "push-ipv4" -> 1;
            case "push-ipv6" -> 2;
            case "push-ipv4-ipv6" -> 3;
            case "no-push" -> 4;
            default -> (int) Values.decimal(t, 255, "push-ipv4, push-ipv6, push-ipv4-ipv6, no-push or 1-4");
        };
    }

    private static int algorithm(TokenStream in) throws ConfigException {
        in.expect("algorithm");
        return (int) Values.decimal(in.value("an SR algorithm (0-255)"), 255, "an SR algorithm (0-255)");
    }

    private static Long mplsSid(TokenStream in) throws ConfigException {
        return in.accept("sid") ? label(in) : null;
    }

    private static byte[] srv6Sid(TokenStream in) throws ConfigException {
        return in.accept("sid") ? ipv6(in) : null;
    }

    private static Segment.Behavior behavior(TokenStream in) throws ConfigException {
        if (!in.accept("endpoint-behavior")) {
            return null;
        }
        int behavior = (int) Values.decimalOrHex(in.value("an endpoint behavior (0-65535)"), 0xFFFF,
                "an endpoint behavior (0-65535)");
        int[] lengths = new int[4];
        for (int i = 0; i < 4; i++) {
            lengths[i] = (int) Values.decimal(in.value("a length in bits (0-255)"), 255, "a length in bits (0-255)");
        }
        return new Segment.Behavior(behavior, lengths[0], lengths[1], lengths[2], lengths[3]);
    }

    /** {@code weight N segment ... [segment ...]} (RFC 9830 section 2.4.4). */
    private static void segmentList(TokenStream in, SrPolicyTunnel tunnel) throws ConfigException {
        in.expect("weight");
        long weight = number(in, "a weight (0-4294967295)");
        List<Segment> segments = new ArrayList<>();
        while (in.accept("segment")) {
            Token type = in.value(SEGMENT);
            segments.add(switch (type.text()) {
                case "type-a" -> {
                    in.expect("mpls");
                    yield Segment.typeA(label(in));
                }
                case "type-b" -> {
                    in.expect("srv6");
                    byte[] sid = ipv6(in);
                    yield Segment.typeB(sid, behavior(in));
                }
                case "type-c" -> {
                    in.expect("ipv4");
                    byte[] node = ipv4(in);
                    int algorithm = algorithm(in);
                    yield Segment.typeC(node, algorithm, mplsSid(in));
                }
                case "type-d" -> {
                    in.expect("ipv6");
                    byte[] node = ipv6(in);
                    int algorithm = algorithm(in);
                    yield Segment.typeD(node, algorithm, mplsSid(in));
                }
                case "type-e" -> {
                    in.expect("local-if-id");
                    long local = number(in, "an interface id (0-4294967295)");
                    in.expect("ipv4");
                    byte[] node = ipv4(in);
                    yield Segment.typeE(local, node, mplsSid(in));
                }
                case "type-f" -> {
                    in.expect("local");
                    byte[] local = ipv4(in);
                    in.expect("remote");
                    byte[] remote = ipv4(in);
                    yield Segment.typeF(local, remote, mplsSid(in));
                }
                case "type-g", "type-j" -> {
                    in.expect("local-if-id");
                    long localIf = number(in, "an interface id (0-4294967295)");
                    in.expect("local-ipv6");
                    byte[] local = ipv6(in);
                    in.expect("remote-if-id");
                    long remoteIf = number(in, "an interface id (0-4294967295)");
                    in.expect("remote-ipv6");
                    byte[] remote = ipv6(in);
                    if (type.is("type-g")) {
                        yield Segment.typeG(localIf, local, remoteIf, remote, mplsSid(in));
                    }
                    int algorithm = algorithm(in);
                    byte[] sid = srv6Sid(in);
                    yield Segment.typeJ(localIf, local, remoteIf, remote, algorithm, sid, sid != null ? behavior(in) : null);
                }
                case "type-h", "type-k" -> {
                    in.expect("local");
                    byte[] local = ipv6(in);
                    in.expect("remote");
                    byte[] remote = ipv6(in);
                    if (type.is("type-h")) {
                        yield Segment.typeH(local, remote, mplsSid(in));
                    }
                    int algorithm = algorithm(in);
                    byte[] sid = srv6Sid(in);
                    yield Segment.typeK(local, remote, algorithm, sid, sid != null ? behavior(in) : null);
                }
                case "type-i" -> {
                    in.expect("ipv6");
                    byte[] node = ipv6(in);
                    int algorithm = algorithm(in);
                    byte[] sid = srv6Sid(in);
                    yield Segment.typeI(node, algorithm, sid, sid != null ? behavior(in) : null);
                }
                default -> throw ConfigException.unexpected(type, SEGMENT);
            });
        }
        try {
            tunnel.segmentList(weight, segments);
        } catch (IllegalArgumentException e) {
            throw ConfigException.unexpected(in.peek(), "a shorter segment list (" + e.getMessage() + ")");
        }
    }
}
