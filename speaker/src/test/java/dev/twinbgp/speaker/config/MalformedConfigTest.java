package dev.twinbgp.speaker.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad files: each gives exactly one message, FILE:LINE:COLUMN: found X, expected Y. */
class MalformedConfigTest {
    private static final String HEAD = "neighbor 127.0.0.1 {\n  local-as 1;\n  peer-as 1;\n";

    /** A neighbor with the given extra lines (starting at line 4). */
    private static String neighbor(String body) {
        return HEAD + body + "}\n";
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("unknown top-level keyword", "neighbour 127.0.0.1 { }\n",
                        "t.conf:1:1: found 'neighbour', expected a top-level section (neighbor, template, process or twinbgp)"),
                Arguments.of("unknown neighbor keyword", neighbor("  hold-tme 90;\n"),
                        "t.conf:4:3: found 'hold-tme', expected a neighbor setting (" + NeighborParser.KEYWORDS + ") or '}'"),
                Arguments.of("unknown capability", neighbor("  capability {\n    teleport enable;\n  }\n"),
                        "t.conf:5:5: found 'teleport', expected a capability (" + NeighborBlocks.CAPABILITIES + ") or '}'"),
                Arguments.of("unknown route attribute", neighbor("  static {\n    route 10.0.0.0/8 next-hop 1.1.1.1 colour red;\n  }\n"),
                        "t.conf:5:39: found 'colour', expected " + AttributeParser.ATTRIBUTE + ", '{' or ';'"),
                Arguments.of("missing semicolon", "neighbor 127.0.0.1 {\n  local-as 1\n  peer-as 1;\n}\n",
                        "t.conf:3:3: found 'peer-as', expected ';'"),
                Arguments.of("unbalanced braces", neighbor("  family {\n    ipv4 unicast;\n"),
                        "t.conf:7:1: found end of file, expected a neighbor setting (" + NeighborParser.KEYWORDS + ") or '}'"),
                Arguments.of("extra closing brace", neighbor("") + "}\n",
                        "t.conf:5:1: found '}', expected a top-level section (neighbor, template, process or twinbgp)"),
                Arguments.of("bad neighbor ip", "neighbor 127.0.0.256 {\n}\n",
                        "t.conf:1:10: found '127.0.0.256', expected the neighbor's IP address"),
                Arguments.of("bad next-hop ip", neighbor("  static { route 10.0.0.0/8 next-hop 1.2.3; }\n"),
                        "t.conf:4:38: found '1.2.3', expected an IP address or self"),
                Arguments.of("bad prefix length", neighbor("  static { route 10.0.0.0/33 next-hop 1.1.1.1; }\n"),
                        "t.conf:4:18: found '10.0.0.0/33', expected a prefix length of 0-32"),
                Arguments.of("host bits set", neighbor("  static { route 10.0.0.1/24 next-hop 1.1.1.1; }\n"),
                        "t.conf:4:18: found '10.0.0.1/24', expected a prefix without host bits set (10.0.0.0/24)"),
                Arguments.of("ASN too large", neighbor("  local-as 4294967296;\n"),
                        "t.conf:4:12: found '4294967296', expected an AS number (0-4294967295)"),
                Arguments.of("ASN negative", neighbor("  peer-as -1;\n"),
                        "t.conf:4:11: found '-1', expected an AS number (0-4294967295)"),
                Arguments.of("ASN text", neighbor("  peer-as sixty;\n"),
                        "t.conf:4:11: found 'sixty', expected an AS number (0-4294967295)"),
                Arguments.of("hold time 2", neighbor("  hold-time 2;\n"),
                        "t.conf:4:13: found '2', expected a hold time of 0 or 3-65535 seconds"),
                Arguments.of("hold time too large", neighbor("  hold-time 65536;\n"),
                        "t.conf:4:13: found '65536', expected a hold time of 0 or 3-65535 seconds"),
                Arguments.of("bad community", neighbor("  static { route 10.0.0.0/8 next-hop 1.1.1.1 community [ 65536:1 ]; }\n"),
                        "t.conf:4:58: found '65536:1', expected " + CommunityValues.COMMUNITY),
                Arguments.of("bad large community", neighbor("  static { route 10.0.0.0/8 next-hop 1.1.1.1 large-community 1:2; }\n"),
                        "t.conf:4:62: found '1:2', expected " + CommunityValues.LARGE_COMMUNITY),
                Arguments.of("bad extended community", neighbor("  static { route 10.0.0.0/8 next-hop 1.1.1.1 extended-community 0x0102; }\n"),
                        "t.conf:4:65: found '0x0102', expected " + CommunityValues.EXTENDED_COMMUNITY),
                Arguments.of("unknown template", "neighbor 127.0.0.1 {\n  inherit nothere;\n  local-as 1;\n  peer-as 1;\n}\n",
                        "t.conf:2:11: found 'nothere', expected a template name (none is defined)"),
                Arguments.of("duplicate neighbor", neighbor("") + neighbor(""),
                        "t.conf:5:10: found '127.0.0.1', expected a neighbor not already defined (line 1 defines 127.0.0.1)"),
                Arguments.of("unterminated bracket", neighbor("  static { route 10.0.0.0/8 next-hop 1.1.1.1 community [ 1:1 ; }\n"),
                        "t.conf:4:62: found ';', expected " + CommunityValues.COMMUNITY + " or ']'"),
                Arguments.of("route without next-hop", neighbor("  static { route 10.0.0.0/8 med 10; }\n"),
                        "t.conf:4:35: found ';', expected next-hop (route 10.0.0.0/8 has no next hop)"),
                Arguments.of("bad origin", neighbor("  static { route 10.0.0.0/8 next-hop 1.1.1.1 origin bgp; }\n"),
                        "t.conf:4:53: found 'bgp', expected igp, egp or incomplete"),
                Arguments.of("bad attribute hex", neighbor("  static { route 10.0.0.0/8 next-hop 1.1.1.1 attribute [ 0x99 0x60 0x123 ]; }\n"),
                        "t.conf:4:68: found '0x123', expected an attribute value (0x and an even number of hex digits)"),
                Arguments.of("attribute code too large", neighbor("  static { route 10.0.0.0/8 next-hop 1.1.1.1 attribute [ 256 0x60 0x00 ]; }\n"),
                        "t.conf:4:58: found '256', expected an attribute code (0x00-0xff)"),
                Arguments.of("ipv6 route without ipv6 family",
                        neighbor("  family { ipv4 unicast; }\n  static { route 2001:db8::/32 next-hop 2001:db8::1; }\n"),
                        "t.conf:5:18: found '2001:db8::/32', expected a route of a configured family (ipv4 unicast); "
                                + "add 'ipv6 unicast;' to family { } of neighbor 127.0.0.1"),
                Arguments.of("missing local-as", "neighbor 127.0.0.1 {\n  peer-as 1;\n}\n",
                        "t.conf:3:1: found '}', expected local-as (neighbor 127.0.0.1 has none)"),
                Arguments.of("unknown api process", neighbor("  api { processes [ watcher ]; }\n"),
                        "t.conf:4:21: found 'watcher', expected a process name (no process is defined)"),
                Arguments.of("bad reactor", "twinbgp {\n  reactor epoll;\n}\n",
                        "t.conf:2:11: found 'epoll', expected selector, netty or virtual"),
                Arguments.of("unsupported family", neighbor("  family { ipv4 mvpn; }\n"),
                        "t.conf:4:17: found 'mvpn', expected unicast, multicast, nlri-mpls, mpls-vpn, flow, flow-vpn, mcast-vpn, mup or"
                        + " sr-policy (the SAFIs twinbgp supports; rtc for ipv4)"),
                Arguments.of("flow rule of a family not configured",
                        neighbor("  family { ipv4 unicast; }\n  flow { route r { match { source 10.0.0.0/8; } then { discard; } } }\n"),
                        "t.conf:5:10: found 'route', expected a route of a configured family (ipv4 unicast); "
                                + "add 'ipv4 flow;' to family { } of neighbor 127.0.0.1"),
                Arguments.of("flow match misspelt",
                        neighbor("  family { ipv4 flow; }\n  flow { route r { match { sauce 10.0.0.0/8; } } }\n"),
                        "t.conf:5:28: found 'sauce', expected a match (source, destination, protocol, next-header, port,"
                                + " destination-port, source-port, icmp-type, icmp-code, tcp-flags, packet-length, dscp,"
                                + " traffic-class, fragment, flow-label) or '}'"),
                Arguments.of("flow operator value",
                        neighbor("  family { ipv4 flow; }\n  flow { route r { match { destination-port >http; } } }\n"),
                        "t.conf:5:45: found '>http', expected a port (0-65535)"),
                Arguments.of("flow action",
                        neighbor("  family { ipv4 flow; }\n  flow { route r { match { protocol tcp; } then { mark 99; } } }\n"),
                        "t.conf:5:56: found '99', expected a DSCP value (0-63)"),
                Arguments.of("unterminated quote", neighbor("  description \"oops;\n"),
                        "t.conf:4:15: found '\"oops;', expected a closing \" on the same line"),
                Arguments.of("ipv6 prefix in ipv4 announce",
                        neighbor("  announce { ipv4 { unicast 2001:db8::/32 next-hop 1.1.1.1; } }\n"),
                        "t.conf:4:29: found '2001:db8::/32', expected an ipv4 prefix (inside ipv4 { })"),
                Arguments.of("graceful restart too long", neighbor("  capability { graceful-restart 5000; }\n"),
                        "t.conf:4:33: found '5000', expected a restart time (0-4095), enable or disable"),
                Arguments.of("bad as-path", neighbor("  static { route 10.0.0.0/8 next-hop 1.1.1.1 as-path [ 1 x ]; }\n"),
                        "t.conf:4:58: found 'x', expected an AS number or ']'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void exactMessage(String name, String text, String expected) {
        ConfigException error = assertThrows(ConfigException.class, () -> ConfigParser.parse("t.conf", text));
        assertEquals(expected, error.getMessage());
    }
}
