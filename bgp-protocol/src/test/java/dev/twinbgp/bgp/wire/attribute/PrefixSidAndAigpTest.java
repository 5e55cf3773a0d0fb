package dev.twinbgp.bgp.wire.attribute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.twinbgp.bgp.wire.Bytes;
import dev.twinbgp.bgp.wire.ErrorAction;
import dev.twinbgp.bgp.wire.Malformed;
import dev.twinbgp.bgp.wire.WireWriter;
import dev.twinbgp.bgp.wire.capability.Negotiated;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * BGP Prefix-SID (RFC 8669, RFC 9252) and AIGP (RFC 7311): ExaBGP's vectors decode to the values its JSON shows and
 * encode back byte for byte; unknown TLVs at each level survive a round trip; a malformed value is "attribute
 * discard" (RFC 8669 section 6, RFC 9252 section 6, RFC 7311 section 3.2); random values never throw anything else.
 */
class PrefixSidAndAigpTest {
    private static final Negotiated ASN4 = new Negotiated(true, Set.of(), Set.of(), false);
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    /** The whole attribute (flags, type, length, value) as hex, decoded and written again. */
    private static Attribute roundTrip(String attributeHex) throws Malformed {
        byte[] b = HEX.parseHex(attributeHex);
        int hdr = (b[0] & Attribute.FLAG_EXTENDED_LENGTH) != 0 ? 4 : 3;
        int len = hdr == 4 ? Bytes.u16(b, 2) : b[2] & 0xFF;
        Attribute a = AttributeCodec.decode(b[0] & 0xFF, b[1] & 0xFF, b, hdr, len, 0, ASN4);
        WireWriter w = new WireWriter(16);
        AttributeCodec.write(a, b[0] & Attribute.FLAG_EXTENDED_LENGTH, true, w);
        assertEquals(attributeHex, HEX.formatHex(w.toByteArray()));
        return a;
    }

    private static ErrorAction action(String attributeHex) {
        byte[] b = HEX.parseHex(attributeHex);
        Malformed m = assertThrows(Malformed.class, () -> AttributeCodec.decode(b[0] & 0xFF, b[1] & 0xFF, b, 3, b[2] & 0xFF, 0, ASN4));
        return m.action();
    }

    @Test
    void labelIndexOfConfPrefixSid() throws Malformed {
        // conf-prefix-sid.ci: bgp-prefix-sid [ 777 ] -> {"sr-label-index": 777}
        Attribute.PrefixSid p = assertInstanceOf(Attribute.PrefixSid.class, roundTrip("C0280A01000700000000000309"));
        assertEquals(List.of(new PrefixSidTlv.LabelIndex(0, 777)), p.tlvs());
    }

    @Test
    void labelIndexAndSrgbsOfConfPrefixSid() throws Malformed {
        // bgp-prefix-sid [ 300, [ ( 800000,4096 ) ( 1000000,5000 ) ] ]
        Attribute.PrefixSid p = assertInstanceOf(Attribute.PrefixSid.class,
                roundTrip("C0281B0100070000000000012C03000E00000C35000010000F4240001388"));
        assertEquals(List.of(new PrefixSidTlv.LabelIndex(0, 300), new PrefixSidTlv.OriginatorSrgb(0, List.of(
                new PrefixSidTlv.SrgbRange(800000, 4096), new PrefixSidTlv.SrgbRange(1000000, 5000)))), p.tlvs());
    }

    @Test
    void srv6L3ServiceWithStructureOfConfSrv6Mup() throws Malformed {
        // bgp-prefix-sid-srv6 ( l3-service 2001:db8:1:1:: 0x48 [64,24,16,0,0,0] )
        Attribute.PrefixSid p = assertInstanceOf(Attribute.PrefixSid.class, roundTrip(
                "C028250500220001001E0020010DB800010001000000000000000000004800010006401810000000"));
        PrefixSidTlv.Srv6Service s = assertInstanceOf(PrefixSidTlv.Srv6Service.class, p.tlvs().get(0));
        PrefixSidTlv.SidInformation i = assertInstanceOf(PrefixSidTlv.SidInformation.class, s.subTlvs().get(0));
        assertEquals("2001:db8:1:1::", i.sidText());
        assertEquals(0x48, i.behavior());
        assertEquals(List.of(new PrefixSidTlv.SidStructure(64, 24, 16, 0, 0, 0)), i.subSubTlvs());
    }

    @Test
    void srv6L3ServiceWithoutStructureOfVpnv4ExtendedNextHop() throws Malformed {
        Attribute.PrefixSid p = assertInstanceOf(Attribute.PrefixSid.class,
                roundTrip("C0281C05001900010015002001000100000000000000000000000000000000"));
        PrefixSidTlv.Srv6Service s = assertInstanceOf(PrefixSidTlv.Srv6Service.class, p.tlvs().get(0));
        assertEquals(new PrefixSidTlv.SidInformation(Bytes.parseIpv6("2001:1::"), 0, 0, List.of()), s.subTlvs().get(0));
    }

    @Test
    void unknownTlvsAtEveryLevelSurvive() throws Malformed {
        // TLV 9 (unknown), L2 service with an unknown sub-TLV 7 and a SID information with an unknown sub-sub-TLV 5
        Attribute.PrefixSid p = assertInstanceOf(Attribute.PrefixSid.class, roundTrip(
                "C02833" + "090002ABCD"
                        + "06" + "002B" + "00" + "070001EE"
                        + "01" + "0023" + "00" + "20010DB8000000000000000000000001" + "07" + "0015" + "00"
                        + "050002CAFE" + "010006" + "201810000000"));
        assertEquals(new PrefixSidTlv.Opaque(9, new byte[] {(byte) 0xAB, (byte) 0xCD}), p.tlvs().get(0));
        PrefixSidTlv.Srv6Service l2 = assertInstanceOf(PrefixSidTlv.Srv6Service.class, p.tlvs().get(1));
        assertEquals(PrefixSidTlv.SRV6_L2_SERVICE, l2.type());
        assertEquals(new PrefixSidTlv.OpaqueSubTlv(7, new byte[] {(byte) 0xEE}), l2.subTlvs().get(0));
        PrefixSidTlv.SidInformation i = assertInstanceOf(PrefixSidTlv.SidInformation.class, l2.subTlvs().get(1));
        assertEquals(7, i.flags());
        assertEquals(0x15, i.behavior());
        assertEquals(new PrefixSidTlv.OpaqueSubSubTlv(5, new byte[] {(byte) 0xCA, (byte) 0xFE}), i.subSubTlvs().get(0));
        assertEquals(new PrefixSidTlv.SidStructure(32, 24, 16, 0, 0, 0), i.subSubTlvs().get(1));
    }

    @Test
    void malformedPrefixSidIsDiscarded() {
        assertEquals(ErrorAction.ATTRIBUTE_DISCARD, action("C02809010006000000000003")); // label index length 6
        assertEquals(ErrorAction.ATTRIBUTE_DISCARD, action("C0280A0300070000000C350000")); // SRGB 2 + 5
        assertEquals(ErrorAction.ATTRIBUTE_DISCARD, action("C02805030002AAAA")); // SRGB with no range
        assertEquals(ErrorAction.ATTRIBUTE_DISCARD, action("C028040100FF00")); // TLV overruns the attribute
        assertEquals(ErrorAction.ATTRIBUTE_DISCARD, action("C028020500")); // header overruns
        assertEquals(ErrorAction.ATTRIBUTE_DISCARD, action("C02803050000")); // service TLV without RESERVED
        assertEquals(ErrorAction.ATTRIBUTE_DISCARD, action("C0280905000600010002AAAA")); // SID information too short
        assertEquals(ErrorAction.ATTRIBUTE_DISCARD, action("80280A01000700000000000309")); // not transitive
    }

    @Test
    void aigpMetric() throws Malformed {
        Attribute.Aigp a = assertInstanceOf(Attribute.Aigp.class, roundTrip("801A0B01000B0000000000000064"));
        assertEquals(100, a.metric());
        assertEquals(a, Attribute.Aigp.of(100));
        // unknown and repeated TLVs are kept (RFC 7311 section 3: passed along unchanged)
        Attribute.Aigp b = assertInstanceOf(Attribute.Aigp.class,
                roundTrip("801A1309000401" + "01000B0000000000000005" + "01000400"));
        assertEquals(5, b.metric());
        assertEquals(-1L, Attribute.Aigp.of(-1L).metric(), "the full unsigned 64 bits");
    }

    @Test
    void aigpIsIgnoredWhereAigpSessionIsOff() {
        // RFC 7311 section 3.3: as an unrecognized non-transitive attribute, quietly ignored.
        byte[] b = HEX.parseHex("801A0B01000B0000000000000064");
        Negotiated off = new Negotiated(true, Set.of(), Set.of(), false, false);
        Malformed m = assertThrows(Malformed.class, () -> AttributeCodec.decode(0x80, Attribute.AIGP, b, 3, 11, 0, off));
        assertEquals(ErrorAction.ATTRIBUTE_DISCARD, m.action());
    }

    @Test
    void malformedAigpIsDiscarded() {
        assertEquals(ErrorAction.ATTRIBUTE_DISCARD, action("801A0A01000A00000000000064")); // AIGP TLV length 10
        assertEquals(ErrorAction.ATTRIBUTE_DISCARD, action("801A0409000401")); // no AIGP TLV
        assertEquals(ErrorAction.ATTRIBUTE_DISCARD, action("801A0201FF")); // header overruns
        assertEquals(ErrorAction.ATTRIBUTE_DISCARD, action("801A0B01000C0000000000000064")); // TLV overruns
        assertEquals(ErrorAction.ATTRIBUTE_DISCARD, action("C01A0B01000B0000000000000064")); // transitive
    }

    @Test
    void randomValuesDecodeOrAreDiscardedAndReencodeToThemselves() {
        SplittableRandom rnd = new SplittableRandom(0x5EED);
        byte[] seed = HEX.parseHex("0100070000000000030903000E00000C35000010000F4240001388"
                + "0500220001001E0020010DB80001000100000000000000000000480001000640181000000009000101");
        for (int i = 0; i < 50_000; i++) {
            byte[] v = i % 2 == 0 ? seed.clone() : new byte[rnd.nextInt(40)];
            if (i % 2 == 0) {
                for (int k = rnd.nextInt(1, 4); k > 0; k--) {
                    v[rnd.nextInt(v.length)] = (byte) rnd.nextInt(256);
                }
                v = java.util.Arrays.copyOf(v, rnd.nextInt(v.length + 1));
            } else {
                rnd.nextBytes(v);
            }
            for (int type : new int[] {Attribute.BGP_PREFIX_SID, Attribute.AIGP}) {
                int flags = Attribute.defaultFlags(type);
                try {
                    Attribute a = AttributeCodec.decode(flags, type, v, 0, v.length, 0, ASN4);
                    WireWriter w = new WireWriter(16);
                    AttributeCodec.write(a, true, w);
                    byte[] again = w.toByteArray();
                    int hdr = (again[0] & Attribute.FLAG_EXTENDED_LENGTH) != 0 ? 4 : 3;
                    assertEquals(a, AttributeCodec.decode(flags, type, again, hdr, again.length - hdr, 0, ASN4));
                } catch (Malformed m) {
                    assertEquals(ErrorAction.ATTRIBUTE_DISCARD, m.action(), HEX.formatHex(v));
                }
            }
        }
    }

    @Test
    void tlvsBeyondTheirFieldsAreRefusedWhenBuilt() {
        assertThrows(IllegalArgumentException.class, () -> new PrefixSidTlv.SrgbRange(1 << 24, 1));
        assertThrows(IllegalArgumentException.class, () -> new PrefixSidTlv.OriginatorSrgb(0, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new PrefixSidTlv.SidInformation(new byte[4], 0, 0, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Attribute.Aigp(new byte[] {9, 0, 3}));
        assertArrayEquals(HEX.parseHex("01000B0000000000000064"), Attribute.Aigp.of(100).tlvs());
    }
}
