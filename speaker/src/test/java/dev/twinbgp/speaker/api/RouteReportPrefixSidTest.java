package dev.twinbgp.speaker.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.twinbgp.bgp.rib.Path;
import dev.twinbgp.bgp.wire.Bytes;
import dev.twinbgp.bgp.wire.attribute.Attribute;
import dev.twinbgp.bgp.wire.attribute.Attributes;
import dev.twinbgp.bgp.wire.attribute.PrefixSidTlv;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code show adj-rib}: Prefix-SID and AIGP in the command grammar; a Prefix-SID the grammar cannot write as a value. */
class RouteReportPrefixSidTest {
    @Test
    void writtenInTheCommandGrammar() {
        byte[] both = new byte[32];
        System.arraycopy(Bytes.parseIpv6("2001:db8::1"), 0, both, 0, 16);
        System.arraycopy(Bytes.parseIpv6("fe80::1"), 0, both, 16, 16);
        Path path = new Path(Attributes.of(new Attribute.Origin(0), Attribute.Aigp.of(100),
                new Attribute.PrefixSid(List.of(new PrefixSidTlv.LabelIndex(0, 777),
                        new PrefixSidTlv.OriginatorSrgb(0, List.of(new PrefixSidTlv.SrgbRange(800000, 4096)))))), both);
        assertEquals("next-hop 2001:db8::1 origin igp aigp 100 bgp-prefix-sid [ 777, [ ( 800000,4096 ) ] ]",
                RouteReport.attributes(path));
        Path opaque = new Path(Attributes.of(new Attribute.PrefixSid(List.of(new PrefixSidTlv.Opaque(9, new byte[] {1})))));
        assertEquals("PrefixSid[tlvs=[Opaque[9, 01]]]", RouteReport.attributes(opaque));
    }
}
