package dev.twinbgp.speaker.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.twinbgp.bgp.wire.attribute.Attribute;
import dev.twinbgp.bgp.wire.attribute.Attributes;
import dev.twinbgp.bgp.wire.capability.Negotiated;
import java.math.BigInteger;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * RFC 5701 IPv6 Address Specific Extended Communities (attribute 25): encoded, decoded as received and written as
 * ExaBGP's {@code extended-community-ipv6}; an IPv6 redirect-to-nexthop-ietf (draft-ietf-idr-flowspec-redirect-ip)
 * is named, anything else keeps its value and survives the round trip.
 */
class Ipv6ExtendedCommunityTextTest {
    private static final HexFormat HEX = HexFormat.of();
    // conf-flow-redirect.conf: redirect-to-nexthop-ietf 2A02:B80:0:1::1
    private static final String REDIRECT = "000c2a020b800000000100000000000000010000";
    private static final String COPY = "000c20010db8000000000000000000000000" + "0001";
    private static final String UNKNOWN = "00ff20010db80000000000000000000000020007";

    private static Attributes roundTrip(Attribute.Unknown a) {
        byte[] wire = Attributes.of(a).encoded(true).bytes();
        Attributes back = Attributes.fromReceived(wire, new Negotiated(true, java.util.Set.of(), java.util.Set.of(), false));
        assertArrayEquals(wire, back.encoded(true).bytes(), "the attribute as received is sent on unchanged");
        return back;
    }

    @Test
    void redirectAndUnknownSurviveARoundTripAndAreNamedAsExaBgpNamesThem() {
        byte[] value = HEX.parseHex(REDIRECT + COPY + UNKNOWN);
        Attributes back = roundTrip(new Attribute.Unknown(0xC0, 25, value));
        Attribute.Unknown u = (Attribute.Unknown) back.get(25);
        assertArrayEquals(value, u.value());
        ObjectNode json = AttributeJson.attributes(back, false);
        var list = json.get("extended-community-ipv6");
        assertEquals(3, list.size(), json.toString());
        assertEquals("redirect-to-nexthop-ietf 2a02:b80:0:1::1", list.get(0).get("string").asText());
        assertEquals(new BigInteger(REDIRECT, 16), list.get(0).get("value").bigIntegerValue());
        assertEquals("copy-to-nexthop-ietf 2001:db8:: (with copy)", list.get(1).get("string").asText());
        assertEquals("", list.get(2).get("string").asText(), "ExaBGP has no name for it");
        assertEquals(new BigInteger(UNKNOWN, 16), list.get(2).get("value").bigIntegerValue());
    }

    @Test
    void rtRedirectIpv6IsNamedAsExaBgpWritesIt() {
        // RFC 8956 section 6.1, type 0x000D: ExaBGP's text since its issue 927, the address in brackets
        String rt = "000d20010db8000000000000000000000001" + "0064";
        Attributes back = roundTrip(new Attribute.Unknown(0xC0, 25, HEX.parseHex(rt)));
        var list = AttributeJson.attributes(back, false).get("extended-community-ipv6");
        assertEquals("redirect [2001:db8::1]:100", list.get(0).get("string").asText());
        assertEquals(new BigInteger(rt, 16), list.get(0).get("value").bigIntegerValue());
    }

    @Test
    void aValueThatIsNotWholeCommunitiesIsRawAsReceived() {
        Attributes back = roundTrip(new Attribute.Unknown(0xC0, 25, HEX.parseHex("000c2a02")));
        assertEquals("0x000C2A02", AttributeJson.attributes(back, false).get("attribute-0x19-0xC0").asText());
    }
}
