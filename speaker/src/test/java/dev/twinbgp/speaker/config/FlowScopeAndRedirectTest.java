package dev.twinbgp.speaker.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * FlowSpec interface-set (draft-ietf-idr-flowspec-interfaceset section 3) and IPv6 redirect-to-nexthop-ietf
 * (RFC 5701 attribute 25) in the API's one-line and block forms; bad values get a position and what was expected.
 */
class FlowScopeAndRedirectTest {
    @Test
    void interfaceSetInlineAndInAScopeBlock() throws ConfigException {
        FlowConfig inline = FlowParser.command("flow route source 10.0.0.1/32 interface-set transitive:input-output:65000:5 then discard");
        assertEquals("[0x07020000fde8c005, 0x8006000000000000]",
                inline.attributes().extendedCommunities().toString());
        FlowConfig block = FlowParser.command("flow route { match { source 10.0.0.1/32; } scope { interface-set"
                + " [ non-transitive:output:1:2 ]; } then { accept; } }");
        assertEquals("[0x4702000000018002]", block.attributes().extendedCommunities().toString());
    }

    @Test
    void ipv6RedirectToNextHopIetfIsAttribute25() throws ConfigException {
        FlowConfig f = FlowParser.command("flow route destination 2001:db8::/32 then redirect-to-nexthop-ietf 2001:db8::1"
                + " redirect-to-nexthop-ietf ::2");
        assertEquals(List.of(), f.attributes().extendedCommunities());
        assertEquals("[[ 0x19 0xc0 0x000c20010db80000000000000000000000010000000c000000000000000000000000000000020000 ]]",
                f.attributes().genericAttributes().toString(), "two communities, one attribute");
    }

    @Test
    void redirectToAnIpv6RouteTargetIsRtRedirectIpv6InAttribute25() throws ConfigException {
        // RFC 8956 section 6.1: type 0x000D, the address, the 2-octet number; no next hop (ExaBGP's issue 927)
        String community = "[[ 0x19 0xc0 0x000d20010db8000000000000000000000001" + "0064 ]]";
        FlowConfig inline = FlowParser.command("flow route destination 2001:db8:1::/48 then redirect [2001:db8::1]:100");
        assertEquals(community, inline.attributes().genericAttributes().toString());
        assertEquals(List.of(), inline.attributes().extendedCommunities());
        assertTrue(inline.attributes().nextHop().isEmpty(), "a redirect to a VRF has no next hop");
        FlowConfig block = FlowParser.command("flow route { match { destination 2001:db8:1::/48; } then {"
                + " redirect [2001:db8::1]:100; } }");
        assertEquals(community, block.attributes().genericAttributes().toString());
        FlowConfig both = FlowParser.command("flow route destination 2001:db8:1::/48 then redirect [::2]:65535"
                + " redirect-to-nexthop-ietf ::3");
        assertEquals("[[ 0x19 0xc0 0x000d00000000000000000000000000000002ffff"
                + "000c00000000000000000000000000000003" + "0000 ]]", both.attributes().genericAttributes().toString(),
                "one attribute 25 for both");
        FlowConfig bracketed = FlowParser.command("flow route destination 2001:db8:1::/48 then redirect [2001:db8::1]");
        assertEquals("[[ 0x19 0xc0 0x000c20010db8000000000000000000000001" + "0000 ]]",
                bracketed.attributes().genericAttributes().toString(), "[IP] alone is redirect-to-nexthop-ietf");
        assertTrue(bracketed.attributes().nextHop().isEmpty());
    }

    @Test
    void aBadIpv6RedirectSaysWhatIsExpected() {
        for (String bad : List.of("[2001:db8::1]:65536", "[10.0.0.1]:100", "[2001:db8::zz]:1", "[2001:db8::1]:x",
                "[2001:db8::1]:")) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> FlowParser.command("flow route destination 2001:db8:1::/48 then redirect " + bad), bad);
            assertTrue(e.getMessage().contains("IPv6") || e.getMessage().contains("0-65535"), e.getMessage());
        }
    }

    @Test
    void badInterfaceSetsSayWhatIsExpected() {
        for (String bad : List.of("transitive:input:1", "both:input:1:1", "transitive:sideways:1:1",
                "transitive:input:4294967296:1", "transitive:input:1:16384", "transitive:input:1.2.3.4:1")) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> FlowParser.command("flow route source 10.0.0.1/32 interface-set " + bad + " then discard"), bad);
            assertTrue(e.getMessage().contains("transitive|non-transitive:input|output|input-output:ASN:GROUP"), e.getMessage());
        }
    }
}
