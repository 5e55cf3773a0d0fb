package dev.twinbgp.speaker.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** RFC 4360 section 3 / RFC 5668 section 2 text forms of route targets and origins; raw hex otherwise. */
class ExtendedCommunityTextTest {
    @Test
    void twoOctetAsSpecific() {
        assertEquals("target:65000:1", ExtendedCommunityText.of(0x0002FDE800000001L));
        assertEquals("origin:65000:4294967295", ExtendedCommunityText.of(0x0003FDE8FFFFFFFFL));
    }

    @Test
    void ipv4AddressSpecific() {
        assertEquals("target:192.0.2.1:100", ExtendedCommunityText.of(0x0102C00002010064L));
    }

    @Test
    void fourOctetAsSpecific() {
        assertEquals("target:4200000000:7", ExtendedCommunityText.of(0x0202FA56EA000007L));
    }

    /** ExaBGP's {@code "bandwith:%d:%0.f" % (asn, speed)} (python3 gave the expected strings). */
    @Test
    void linkBandwidthIsWrittenAsExaBgpSpellsIt() {
        assertEquals("bandwith:1:1000", ExtendedCommunityText.of(0x40040001447A0000L)); // config bandwidth:1:1000
        assertEquals("bandwith:65000:125000000", ExtendedCommunityText.of(0x4004FDE84CEE6B28L));
        assertEquals("bandwith:1:340282346638528859811704183484516925440", ExtendedCommunityText.of(0x400400017F7FFFFFL));
        assertEquals("bandwith:1:2", ExtendedCommunityText.of(0x4004000140200000L)); // 2.5: half to even
        assertEquals("bandwith:1:-0", ExtendedCommunityText.of(0x40040001BECCCCCDL)); // -0.4
        assertEquals("bandwith:1:nan", ExtendedCommunityText.of(0x400400017FC00000L));
    }

    @Test
    void nonTransitiveBitIsIgnoredForTheNameAsInExaBgp() {
        assertEquals("target:65000:1", ExtendedCommunityText.of(0x4002FDE800000001L));
    }

    @Test
    void anythingElseIsRawHex() {
        assertEquals("0x80FF00000000FFFF", ExtendedCommunityText.of(0x80FF00000000FFFFL));
        assertEquals("rate-limit:9600", ExtendedCommunityText.of(0x8006000046160000L), "FlowSpec traffic-rate (RFC 8955 section 7.1)");
        assertEquals("action sample-terminal", ExtendedCommunityText.of(0x8007000000000003L));
        assertEquals("redirect:65500:12345", ExtendedCommunityText.of(0x8008FFDC00003039L));
        assertEquals("mark 10", ExtendedCommunityText.of(0x800900000000000AL));
        assertEquals("copy-to-nexthop", ExtendedCommunityText.of(0x0800000000000001L));
        assertEquals("0x0302000000000001", ExtendedCommunityText.of(0x0302000000000001L), "type 3 is opaque, not AS-specific");
    }

    @Test
    void flowSpecInterfaceSetAsExaBgpNamesIt() {
        // draft-ietf-idr-flowspec-interfaceset section 3: api-flow-merge.conf's two values
        assertEquals("interface-set:input:3405770241:1", ExtendedCommunityText.of(0x4702CAFFEE014001L));
        assertEquals("interface-set:output:254:254", ExtendedCommunityText.of(0x0702000000FE80FEL));
        assertEquals("interface-set:input-output:1:16383", ExtendedCommunityText.of(0x070200000001FFFFL));
    }
}
