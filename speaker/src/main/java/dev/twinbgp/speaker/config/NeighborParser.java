package dev.twinbgp.speaker.config;

/**
 * The body of {@code neighbor <ip> { ... }} and {@code template { neighbor <name> { ... } }}: one statement per
 * keyword, each ending with {@code ;}, or a nested block. Unknown keywords are errors.
 */
final class NeighborParser {
    static final String KEYWORDS = "router-id, local-address, local-as, peer-as, hold-time, passive, listen, flow, l2vpn, "
            + "connect, description, host-name, domain-name, group-updates, adj-rib-in, adj-rib-out, manual-eor, "
            + "auto-flush, "
            + "inherit, family, capability, nexthop, add-path, api, static, announce, local-link-local, "
            + "md5-password, md5-base64, md5-ip, outgoing-ttl, incoming-ttl, ttl-security, tcp-ao";
    private static final String LINK_LOCAL = "an IPv6 link-local address (fe80::/10)";
    private static final String PORT = "a TCP port (1-65535)";
    private static final String HOLD_TIME = "a hold time of 0 or 3-65535 seconds";

    private NeighborParser() {
    }

    /** Reads from after the opening {@code {} up to and including the closing {@code }}. */
    static NeighborDraft parseBody(TokenStream in, Token name, boolean template) throws ConfigException {
        NeighborDraft draft = new NeighborDraft(name);
        while (!in.peek().is("}")) {
            statement(in, draft, template);
        }
        draft.close = in.expect("}");
        return draft;
    }

    private static void statement(TokenStream in, NeighborDraft draft, boolean template) throws ConfigException {
        Token keyword = in.peek();
        String expected = "a neighbor setting (" + KEYWORDS + ") or '}'";
        if (keyword.isEnd() || keyword.quoted() || TokenStream.isPunctuation(keyword)) {
            throw ConfigException.unexpected(keyword, expected);
        }
        in.next();
        switch (keyword.text()) {
            case "router-id" -> draft.routerId = Values.ipv4(in.value("an IPv4 address"), "an IPv4 address");
            case "local-address" -> {
                draft.localAddressToken = in.value("an IP address");
                draft.localAddress = Values.ip(draft.localAddressToken, "an IP address");
            }
            case "local-as" -> draft.localAs = Values.asn(in.value(Values.ASN));
            case "peer-as" -> draft.peerAs = Values.asn(in.value(Values.ASN));
            case "hold-time" -> draft.holdTime = holdTime(in.value(HOLD_TIME));
            case "passive" -> draft.passive = optionalBool(in);
            case "listen" -> draft.listenPort = port(in.value(PORT));
            case "connect" -> draft.connectPort = port(in.value(PORT));
            case "description" -> draft.description = words(in, "a description");
            case "host-name" -> draft.hostName = in.value("a host name").text();
            case "domain-name" -> draft.domainName = in.value("a domain name").text();
            case "group-updates" -> draft.groupUpdates = optionalBool(in);
            case "adj-rib-in" -> draft.adjRibIn = optionalBool(in);
            case "adj-rib-out" -> draft.adjRibOut = optionalBool(in);
            case "manual-eor" -> draft.manualEor = optionalBool(in);
            case "md5-password" -> draft.md5Password = in.value("a password");
            case "md5-base64" -> draft.md5Encoding = TcpParser.md5Encoding(in);
            case "md5-ip" -> draft.md5Ip = Values.ip(in.value("an IP address"), "an IP address");
            case "outgoing-ttl" -> draft.outgoingTtl = TcpParser.ttl(in.value(TcpParser.TTL));
            case "incoming-ttl", "ttl-security" -> draft.incomingTtl = TcpParser.ttl(in.value(TcpParser.TTL));
            case "tcp-ao" -> {
                draft.tcpAo = TcpParser.tcpAo(in);
                return;
            }
            case "auto-flush" -> draft.autoFlush = optionalBool(in);
            case "local-link-local" -> draft.localLinkLocal = linkLocal(in.value(LINK_LOCAL));
            case "inherit" -> {
                if (template) {
                    throw ConfigException.unexpected(keyword, "a template setting (templates cannot inherit)");
                }
                do {
                    draft.inherits.add(in.value("a template name"));
                } while (!in.peek().is(";"));
            }
            case "family" -> {
                NeighborBlocks.family(in, draft);
                return;
            }
            case "capability" -> {
                NeighborBlocks.capability(in, draft);
                return;
            }
            case "nexthop" -> {
                NeighborBlocks.nextHop(in, draft);
                return;
            }
            case "add-path" -> {
                NeighborBlocks.addPathFamilies(in, draft);
                return;
            }
            case "api" -> {
                ApiParser.parse(in, draft);
                return;
            }
            case "static" -> {
                NeighborBlocks.staticRoutes(in, draft);
                return;
            }
            case "announce" -> {
                NeighborBlocks.announce(in, draft);
                return;
            }
            case "flow" -> {
                NeighborBlocks.flow(in, draft);
                return;
            }
            case "l2vpn" -> {
                L2vpnParser.block(in, draft);
                return;
            }
            default -> throw ConfigException.unexpected(keyword, expected);
        }
        in.expect(";");
    }

    /** One or more words up to the {@code ;}, joined by single spaces (a quoted string is one word). */
    private static String words(TokenStream in, String expected) throws ConfigException {
        StringBuilder out = new StringBuilder(in.value(expected).text());
        while (!in.peek().is(";")) {
            out.append(' ').append(in.value("more words or ';'").text());
        }
        return out.toString();
    }

    /** RFC 4291 section 2.5.6: fe80::/10. */
    private static IpAddress linkLocal(Token token) throws ConfigException {
        IpAddress address = Values.ip(token, LINK_LOCAL);
        byte[] b = address.bytes();
        if (address.isIpv4() || (b[0] & 0xFF) != 0xFE || (b[1] & 0xC0) != 0x80) {
            throw ConfigException.unexpected(token, LINK_LOCAL);
        }
        return address;
    }

    /** {@code keyword;} means true; {@code keyword true|false|enable|disable;}. */
    static boolean optionalBool(TokenStream in) throws ConfigException {
        if (in.peek().is(";")) {
            return true;
        }
        return Values.bool(in.next());
    }

    /** RFC 4271 section 4.2: the hold time is zero or at least three seconds; it is a 2-octet field. */
    private static int holdTime(Token token) throws ConfigException {
        int value = (int) Values.decimal(token, 0xFFFF, HOLD_TIME);
        if (value == 1 || value == 2) {
            throw ConfigException.unexpected(token, HOLD_TIME);
        }
        return value;
    }

    private static int port(Token token) throws ConfigException {
        int value = (int) Values.decimal(token, 0xFFFF, PORT);
        if (value == 0) {
            throw ConfigException.unexpected(token, PORT);
        }
        return value;
    }
}
