package dev.twinbgp.speaker.config;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** ExaBGP's FlowSpec {@code then} actions as extended communities (RFC 8955 section 7, RFC 7674). */
final class FlowActions {
    static final String MARK = "a DSCP value (0-63)";
    static final String ACTION = "sample, terminal or sample-terminal";

    private FlowActions() {
    }

    /** {@code mark N} (traffic-marking, 0x8009) or {@code action X} (traffic-action, 0x8007): the keyword is read. */
    static ExtendedCommunity twoWord(Token keyword, TokenStream in) throws ConfigException {
        if (keyword.is("mark")) {
            long dscp = Values.decimal(in.value(MARK), 63, MARK);
            return new ExtendedCommunity(new byte[] {(byte) 0x80, 0x09, 0, 0, 0, 0, 0, (byte) dscp});
        }
        Token t = in.value(ACTION);
        String v = t.text().toLowerCase(Locale.ROOT);
        boolean sample = v.contains("sample");
        boolean terminal = v.contains("terminal");
        if (!sample && !terminal) {
            throw ConfigException.unexpected(t, ACTION);
        }
        return new ExtendedCommunity(new byte[] {(byte) 0x80, 0x07, 0, 0, 0, 0, 0, (byte) ((sample ? 2 : 0) | (terminal ? 1 : 0))});
    }

    /** IPv6 Address Specific Extended Community attribute (RFC 5701 section 2), optional transitive. */
    static final int IPV6_EXTENDED_COMMUNITIES = 25;

    /**
     * {@code redirect-to-nexthop-ietf IP} (draft-ietf-idr-flowspec-redirect-ip, as ExaBGP encodes it): for IPv4 an
     * extended community, type 0x01 subtype 0x0C, the address and two zero octets; for IPv6 a 20-octet IPv6 Address
     * Specific Extended Community (RFC 5701 section 2) in attribute 25, type 0x00 subtype 0x0C:
     * <pre>
     * +--------+--------+-----------------------------------------+-----------------+
     * | 0x00   | 0x0C   | IPv6 address (16 octets)                | 0x0000 (C bit)  |
     * +--------+--------+-----------------------------------------+-----------------+
     * </pre>
     * The IPv6 one is added to {@code attributes} (appended to an attribute 25 already there).
     */
    static void redirectIetf(Token token, List<ExtendedCommunity> actions, RouteAttributes.Builder attributes)
            throws ConfigException {
        IpAddress ip = Values.ip(token, "an IPv4 or an IPv6 address");
        if (ip.isIpv4()) {
            actions.add(new ExtendedCommunity(ByteBuffer.allocate(8).put((byte) 0x01).put((byte) 0x0C).put(ip.bytes())
                    .putShort((short) 0).array()));
            return;
        }
        byte[] community = ByteBuffer.allocate(20).put((byte) 0x00).put((byte) 0x0C).put(ip.bytes()).putShort((short) 0)
                .array();
        addIpv6Community(attributes, community);
    }

    /**
     * {@code redirect [IPV6]:N}: rt-redirect-ipv6 (RFC 8956 section 6.1), redirect to the VRF that imports the IPv6
     * Address Specific Route Target; an IPv6 Address Specific Extended Community (RFC 5701 section 2) in attribute
     * 25 "with the Type value always 0x000d", and no next hop (a redirect to a VRF has none; ExaBGP since its issue
     * 927, which fixed the type 0x0002 in attribute 16 and the next hop it used to write):
     * <pre>
     * +--------+--------+-----------------------------------------+-----------------------+
     * | 0x00   | 0x0D   | IPv6 address (16 octets)                | N (Local Admin, 2)    |
     * +--------+--------+-----------------------------------------+-----------------------+
     * </pre>
     * The tokenizer splits {@code [2001:db8::1]:100} at the brackets: {@code address} is the address between them,
     * {@code number} the {@code :100} after. The community is added to {@code attributes}.
     */
    static void redirectIpv6(Token address, Token number, RouteAttributes.Builder attributes) throws ConfigException {
        IpAddress ip = Values.ip(address, "an IPv6 address");
        if (ip.isIpv4()) {
            throw ConfigException.unexpected(address, "an IPv6 address (for IPv4: redirect ASN:NUMBER or IPV4)");
        }
        Token digits = new Token(number.source(), number.line(), number.column() + 1, number.text().substring(1), false);
        long local = Values.decimal(digits, 0xFFFF, "a number 0-65535 (the Local Administrator is 2 octets)");
        addIpv6Community(attributes, ByteBuffer.allocate(20).put((byte) 0x00).put((byte) 0x0D).put(ip.bytes())
                .putShort((short) local).array());
    }

    /** Appends a 20-octet community to attribute 25, creating it (optional transitive, RFC 5701 section 2). */
    private static void addIpv6Community(RouteAttributes.Builder attributes, byte[] community) {
        for (int i = 0; i < attributes.genericAttributes.size(); i++) {
            GenericAttribute g = attributes.genericAttributes.get(i);
            if (g.code() == IPV6_EXTENDED_COMMUNITIES) {
                byte[] old = g.value();
                byte[] both = Arrays.copyOf(old, old.length + 20);
                System.arraycopy(community, 0, both, old.length, 20);
                attributes.genericAttributes.set(i, new GenericAttribute(g.code(), g.flags(), both));
                return;
            }
        }
        attributes.genericAttributes.add(new GenericAttribute(IPV6_EXTENDED_COMMUNITIES,
                0xC0, community)); // RFC 5701 section 2: optional transitive
    }

    /** {@code redirect-to-nexthop} / {@code copy} (draft-simpson-idr-flowspec-redirect, 0x0800, C bit for copy). */
    static ExtendedCommunity nextHop(boolean copy) {
        return new ExtendedCommunity(new byte[] {0x08, 0, 0, 0, 0, 0, 0, (byte) (copy ? 1 : 0)});
    }

    static final String INTERFACE_SET = "transitive|non-transitive:input|output|input-output:ASN:GROUP"
            + " (ASN a 32-bit number, GROUP below 16384)";

    /**
     * {@code interface-set transitive:input:ASN:GROUP} (draft-ietf-idr-flowspec-interfaceset section 3): type 0x07
     * (0x47 non-transitive), subtype 0x02, the 4-octet AS, then direction (2 bits: 1 input, 2 output, 3 both) and
     * the 14-bit group ID. ExaBGP's {@code configuration/flow/parser.py} grammar.
     */
    static ExtendedCommunity interfaceSet(Token token) throws ConfigException {
        String[] parts = token.text().split(":", -1);
        if (parts.length != 4) {
            throw ConfigException.unexpected(token, INTERFACE_SET);
        }
        byte type = switch (parts[0]) {
            case "transitive" -> 0x07;
            case "non-transitive" -> 0x47;
            default -> throw ConfigException.unexpected(token, INTERFACE_SET);
        };
        int direction = switch (parts[1]) {
            case "input" -> 1;
            case "output" -> 2;
            case "input-output" -> 3;
            default -> throw ConfigException.unexpected(token, INTERFACE_SET);
        };
        long asn;
        long group;
        try {
            asn = Long.parseLong(parts[2]);
            group = Long.parseLong(parts[3]);
        } catch (NumberFormatException e) {
            throw ConfigException.unexpected(token, INTERFACE_SET);
        }
        if (asn < 0 || asn > Values.MAX_UINT32 || group < 0 || group >= 1 << 14) {
            throw ConfigException.unexpected(token, INTERFACE_SET);
        }
        return new ExtendedCommunity(ByteBuffer.allocate(8).put(type).put((byte) 0x02).putInt((int) asn)
                .putShort((short) (direction << 14 | group)).array());
    }
}
