package dev.twinbgp.bgp.wire.family.flow;

import dev.twinbgp.bgp.wire.family.FamilyCodec;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * FlowSpec rules as ExaBGP writes them: component names, operators ({@code =80}, {@code >8080&<8088},
 * {@code !=tcp}, {@code &!fin+ece}), protocol, ICMP type, TCP flag and fragment names, and the
 * one-line {@code flow ...} text. Operator pairs joined by AND are one string; OR starts a new one.
 */
public final class FlowText {
    private FlowText() {
    }

    private static final String[] IPV4_NAMES = {null, "destination-ipv4", "source-ipv4", "protocol", "port",
        "destination-port", "source-port", "icmp-type", "icmp-code", "tcp-flags", "packet-length", "dscp", "fragment"};
    private static final String[] IPV6_NAMES = {null, "destination-ipv6", "source-ipv6", "next-header", "port",
        "destination-port", "source-port", "icmp-type", "icmp-code", "tcp-flags", "packet-length", "traffic-class",
        "fragment", "flow-label"};

    /** IANA protocol numbers ExaBGP names. */
    static final String[][] PROTOCOLS = {{"icmp", "1"}, {"igmp", "2"}, {"tcp", "6"}, {"egp", "8"}, {"udp", "17"},
        {"rsvp", "46"}, {"gre", "47"}, {"esp", "50"}, {"ah", "51"}, {"ospf", "89"}, {"ipip", "94"}, {"pim", "103"},
        {"sctp", "132"}};
    static final String[][] ICMP_TYPES = {{"echo-reply", "0"}, {"unreachable", "3"}, {"redirect", "5"},
        {"echo-request", "8"}, {"router-advertisement", "9"}, {"router-solicit", "10"}, {"time-exceeded", "11"},
        {"parameter-problem", "12"}, {"timestamp", "13"}, {"timestamp-reply", "14"}, {"photuris", "40"},
        {"experimental-mobility", "41"}, {"extended-echo-request", "42"}, {"extended-echo-reply", "43"},
        {"experimental-one", "253"}, {"experimental-two", "254"}};
    /** TCP flags in ExaBGP's order (the order names are joined with {@code +}). */
    static final String[][] TCP_FLAGS = {{"fin", "1"}, {"syn", "2"}, {"rst", "4"}, {"push", "8"}, {"ack", "16"},
        {"urg", "32"}, {"ece", "64"}, {"cwr", "128"}, {"ns", "256"}};
    /** RFC 8955 section 4.2.2.12 (RFC 8956 section 3.6 has no DF for IPv6, the bit is still named). */
    static final String[][] FRAGMENTS = {{"dont-fragment", "1"}, {"is-fragment", "2"}, {"first-fragment", "4"},
        {"last-fragment", "8"}};

    /** The component name ExaBGP uses for {@code type} in the AFI, or null. */
    public static String name(int type, boolean ipv6) {
        String[] names = ipv6 ? IPV6_NAMES : IPV4_NAMES;
        return type > 0 && type < names.length ? names[type] : null;
    }

    /** The component type of an ExaBGP name (with or without {@code -ipv4}/{@code -ipv6}), or -1. */
    public static int type(String name, boolean ipv6) {
        String[] names = ipv6 ? IPV6_NAMES : IPV4_NAMES;
        for (int t = 1; t < names.length; t++) {
            if (names[t].equals(name)) {
                return t;
            }
        }
        return switch (name) {
            case "destination" -> FlowComponent.DESTINATION;
            case "source" -> FlowComponent.SOURCE;
            default -> -1;
        };
    }

    static String prefix(FlowPrefix p) {
        String address;
        try {
            address = InetAddress.getByAddress(p.address()).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // 4 or 16 octets: cannot happen
        }
        if (p.isIpv6()) {
            return compress(address) + "/" + p.length() + "/" + p.offset();
        }
        return address + "/" + p.length();
    }

    /** RFC 5952 form: lower case, the longest run of zero groups (of two or more) as {@code ::}. */
    private static String compress(String full) {
        String[] g = full.split(":");
        for (int i = 0; i < g.length; i++) {
            g[i] = g[i].replaceFirst("^0+(?=.)", "");
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < g.length; ) {
            if (!g[i].equals("0")) {
                i++;
                continue;
            }
            int j = i;
            while (j < g.length && g[j].equals("0")) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        if (bestStart < 0) {
            return String.join(":", g);
        }
        String head = String.join(":", java.util.Arrays.copyOfRange(g, 0, bestStart));
        String tail = String.join(":", java.util.Arrays.copyOfRange(g, bestStart + bestLen, g.length));
        return head + "::" + tail;
    }

    /** The value of one pair: a name where ExaBGP has one. */
    static String value(int type, long v) {
        return switch (type) {
            case FlowComponent.PROTOCOL -> named(PROTOCOLS, v);
            case FlowComponent.ICMP_TYPE -> named(ICMP_TYPES, v);
            case FlowComponent.TCP_FLAGS -> bits(TCP_FLAGS, v, "tcp flag");
            case FlowComponent.FRAGMENT -> bits(FRAGMENTS, v, "fragment");
            default -> Long.toString(v);
        };
    }

    private static String named(String[][] table, long v) {
        for (String[] e : table) {
            if (Long.parseLong(e[1]) == v) {
                return e[0];
            }
        }
        return Long.toString(v);
    }

    private static String bits(String[][] table, long v, String what) {
        List<String> names = new ArrayList<>();
        long left = v;
        for (String[] e : table) {
            long bit = Long.parseLong(e[1]);
            if ((left & bit) != 0) {
                names.add(e[0]);
                left &= ~bit;
            }
        }
        if (left != 0) {
            names.add("unknown " + what + " type " + v);
        }
        return String.join("+", names);
    }

    /** One pair: operator then value (ExaBGP's {@code NumericString}/{@code BinaryString}). */
    static String op(int type, FlowOp op) {
        int f = op.flags();
        String value = value(type, op.value());
        if (FlowComponent.isBitmask(type)) {
            String s = switch (f) {
                case 0 -> "";
                case FlowOp.NOT -> "!";
                case FlowOp.MATCH -> "=";
                case FlowOp.NOT | FlowOp.MATCH -> "!=";
                case FlowOp.AND -> "&";
                case FlowOp.AND | FlowOp.NOT -> "&!";
                case FlowOp.AND | FlowOp.MATCH -> "&=";
                case FlowOp.AND | FlowOp.NOT | FlowOp.MATCH -> "&!=";
                default -> String.format("%02X", f);
            };
            return s + value;
        }
        int cmp = f & (FlowOp.LT | FlowOp.GT | FlowOp.EQ);
        if (f == (FlowOp.LT | FlowOp.GT | FlowOp.EQ)) {
            return "true";
        }
        if (f == 0) {
            return "false";
        }
        if ((f & ~(FlowOp.AND | FlowOp.LT | FlowOp.GT | FlowOp.EQ)) != 0) {
            return String.format("%02X", f) + value;
        }
        String s = switch (cmp) {
            case FlowOp.LT | FlowOp.GT | FlowOp.EQ -> "true";
            case FlowOp.LT -> "<";
            case FlowOp.GT -> ">";
            case FlowOp.EQ -> "=";
            case FlowOp.LT | FlowOp.EQ -> "<=";
            case FlowOp.GT | FlowOp.EQ -> ">=";
            case FlowOp.LT | FlowOp.GT -> "!=";
            default -> "false";
        };
        return ((f & FlowOp.AND) != 0 ? "&" : "") + s + value;
    }

    /** The component's values as ExaBGP's JSON lists them: pairs joined by AND form one string. */
    static List<String> values(FlowComponent c) {
        List<String> out = new ArrayList<>();
        switch (c) {
            case FlowPrefix p -> out.add(prefix(p));
            case FlowMatch m -> {
                StringBuilder cur = null;
                for (FlowOp op : m.ops()) {
                    if (cur != null && !op.and()) {
                        out.add(cur.toString());
                        cur = null;
                    }
                    cur = cur == null ? new StringBuilder() : cur;
                    cur.append(op(m.type(), op));
                }
                out.add(cur.toString());
            }
        }
        return out;
    }

    private static int pairs(FlowComponent c) {
        return c instanceof FlowMatch m ? m.ops().size() : 1;
    }

    /** ExaBGP's {@code flow ...} line: {@code name value}, or {@code name [ v1 v2 ]} for more than one pair. */
    public static String text(FlowRule rule) {
        StringBuilder sb = new StringBuilder("flow");
        for (FlowComponent c : rule.components()) {
            String joined = String.join(" ", values(c));
            sb.append(' ').append(name(c.type(), rule.isIpv6())).append(' ')
                    .append(pairs(c) > 1 ? "[ " + joined + " ]" : joined);
        }
        if (rule.rd() != null) {
            sb.append(" rd ").append(rule.rd());
        }
        return sb.toString();
    }

    /** The JSON fields of a rule: one list per component, {@code rd}, and {@code string}. */
    static void describe(FlowRule rule, FamilyCodec.Fields out) {
        for (FlowComponent c : rule.components()) {
            out.list(name(c.type(), rule.isIpv6()), values(c));
        }
        if (rule.rd() != null) {
            out.string("rd", rule.rd().toString());
        }
        out.string("string", text(rule));
    }
}
