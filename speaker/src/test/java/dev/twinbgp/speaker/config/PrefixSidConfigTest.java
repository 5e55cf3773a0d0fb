package dev.twinbgp.speaker.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.bgp.wire.attribute.Attribute;
import dev.twinbgp.bgp.wire.attribute.PrefixSidTlv;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** ExaBGP's bgp-prefix-sid, bgp-prefix-sid-srv6 and aigp grammar, its errors, and RouteText writing it back. */
class PrefixSidConfigTest {

    private static RouteAttributes parse(String text) throws ConfigException {
        return RouteParser.parseAttributes(text);
    }

    @Test
    void labelIndexAndSrgbsInEveryCommaPlacement() throws ConfigException {
        Attribute.PrefixSid expected = new Attribute.PrefixSid(List.of(new PrefixSidTlv.LabelIndex(0, 300),
                new PrefixSidTlv.OriginatorSrgb(0, List.of(new PrefixSidTlv.SrgbRange(800000, 4096),
                        new PrefixSidTlv.SrgbRange(1000000, 5000)))));
        for (String text : List.of("[ 300, [ ( 800000,4096 ), ( 1000000,5000 ) ] ]",
                "[ 300, [ ( 800000,4096 ) ( 1000000,5000 ) ] ]", "[ 300 [ ( 800000 , 4096 ) , ( 1000000, 5000 ) ] ]",
                "[300,[(800000,4096),(1000000,5000)]]")) {
            assertEquals(expected, parse("bgp-prefix-sid " + text).prefixSid().orElseThrow(), text);
        }
        assertEquals(new Attribute.PrefixSid(List.of(new PrefixSidTlv.LabelIndex(0, 777))),
                parse("bgp-prefix-sid [ 777 ]").prefixSid().orElseThrow());
    }

    @Test
    void srv6ServicesAsConfPrefixSidSrv6WritesThem() throws ConfigException {
        PrefixSidTlv.Srv6Service plain = (PrefixSidTlv.Srv6Service) parse("bgp-prefix-sid-srv6 ( l3-service 2001:1:0:0:: )")
                .prefixSid().orElseThrow().tlvs().get(0);
        PrefixSidTlv.SidInformation info = (PrefixSidTlv.SidInformation) plain.subTlvs().get(0);
        assertTrue(plain.l3());
        assertEquals("2001:1::", info.sidText());
        assertEquals(0xFFFF, info.behavior(), "ExaBGP's default: opaque (RFC 8986)");
        assertEquals(List.of(), info.subSubTlvs());

        PrefixSidTlv.Srv6Service full = (PrefixSidTlv.Srv6Service) parse(
                "bgp-prefix-sid-srv6 ( l2-service 2001:6:0:0:: 0x15 [48,16,0,0,16,64] )").prefixSid().orElseThrow().tlvs().get(0);
        PrefixSidTlv.SidInformation fullInfo = (PrefixSidTlv.SidInformation) full.subTlvs().get(0);
        assertFalse(full.l3());
        assertEquals(0x15, fullInfo.behavior());
        assertEquals(List.of(new PrefixSidTlv.SidStructure(48, 16, 0, 0, 16, 64)), fullInfo.subSubTlvs());
        assertEquals(19, ((PrefixSidTlv.SidInformation) ((PrefixSidTlv.Srv6Service) parse(
                "bgp-prefix-sid-srv6 ( l3-service 2001:2:: 19 )").prefixSid().orElseThrow().tlvs().get(0)).subTlvs().get(0))
                .behavior(), "decimal behavior");
    }

    @Test
    void aigpDecimalAndHexUpToSixtyFourBits() throws ConfigException {
        assertEquals(100, parse("aigp 100").aigp().getAsLong());
        assertEquals(100, parse("aigp 0x64").aigp().getAsLong());
        assertEquals(-1L, parse("aigp 18446744073709551615").aigp().getAsLong());
        assertEquals(-1L, parse("aigp 0xFFFFFFFFFFFFFFFF").aigp().getAsLong());
    }

    @ParameterizedTest
    @ValueSource(strings = {"bgp-prefix-sid [ 777 ]", "bgp-prefix-sid [ 300, [ ( 800000,4096 ), ( 1000000,5000 ) ] ]",
            "bgp-prefix-sid-srv6 ( l3-service 2001:1:: )", "bgp-prefix-sid-srv6 ( l3-service 2001:2:: 0x13 )",
            "bgp-prefix-sid-srv6 ( l2-service 2001:3:: 0x13 [48,16,0,0,16,64] )", "aigp 18446744073709551615"})
    void routeTextWritesItBack(String text) throws ConfigException {
        assertEquals(text, RouteText.attributes(parse(text)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "bgp-prefix-sid 777|found '777', expected '['",
        "bgp-prefix-sid [ 4294967296 ]|found '4294967296', expected a label index (0-4294967295)",
        "bgp-prefix-sid [ 1, [ ( 16777216,1 ) ] ]|found '16777216', expected an SRGB ( BASE,RANGE ), 24 bits each",
        "bgp-prefix-sid [ 1, [ ( 5 ) ] ]|found ')', expected an SRGB ( BASE,RANGE ), 24 bits each",
        "bgp-prefix-sid [ 1, [ ] ]|found ']', expected an SRGB ( BASE,RANGE ), 24 bits each",
        "bgp-prefix-sid-srv6 ( l4-service 2001:: )|found 'l4-service', expected l3-service or l2-service",
        "bgp-prefix-sid-srv6 ( l3-service 10.0.0.1 )|found '10.0.0.1', expected an IPv6 SID",
        "bgp-prefix-sid-srv6 ( l3-service 2001:: 0x10000 )|found '0x10000', expected an endpoint behavior (0-65535 or 0x0-0xffff), '[' or ')'",
        "bgp-prefix-sid-srv6 ( l3-service 2001:: 1 [1,2,3] )|found ']', expected the SID structure [ BLOCK,NODE,FUNCTION,ARGUMENT,TPOSE-LENGTH,TPOSE-OFFSET ] (0-255 each)",
        "bgp-prefix-sid-srv6 ( l3-service 2001:: 1 [1,2,3,4,5,256] )|found '256', expected the SID structure [ BLOCK,NODE,FUNCTION,ARGUMENT,TPOSE-LENGTH,TPOSE-OFFSET ] (0-255 each)",
        "aigp 18446744073709551616|found '18446744073709551616', expected an AIGP metric (0-18446744073709551615 or 0x and up to 16 hex digits)",
        "aigp -1|found '-1', expected an AIGP metric (0-18446744073709551615 or 0x and up to 16 hex digits)"})
    void mistakesSayWhereAndWhatWasExpected(String text, String expected) {
        ConfigException e = assertThrows(ConfigException.class, () -> parse(text));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().matches("(?s).*:1:\\d+: .*"), "file:line:column, " + e.getMessage());
    }

    @Test
    void capabilitiesAndLocalLinkLocal() throws ConfigException {
        NeighborConfig n = ConfigParser.parse("t.conf", """
                neighbor ::1 {
                    router-id 10.0.0.2; local-address ::1; local-link-local fe80::1; local-as 1; peer-as 2;
                    capability { aigp enable; link-local-nexthop; }
                    family { ipv6 unicast; }
                }
                """).neighbors().get(0);
        assertTrue(n.capabilities().aigp());
        assertTrue(n.capabilities().linkLocalNextHop());
        assertEquals("fe80::1", n.localLinkLocal().orElseThrow().toString());
        assertFalse(Capabilities.DEFAULT.aigp());
        assertFalse(Capabilities.DEFAULT.linkLocalNextHop());
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigParser.parse("t.conf",
                "neighbor ::1 { local-link-local 2001:db8::1; }"));
        assertEquals("t.conf:1:33: found '2001:db8::1', expected an IPv6 link-local address (fe80::/10)", e.getMessage());
    }
}
