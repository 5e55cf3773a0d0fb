package dev.twinbgp.speaker.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.twinbgp.bgp.wire.attribute.Attribute;
import dev.twinbgp.bgp.wire.attribute.Attributes;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.Keepalive;
import dev.twinbgp.bgp.wire.MessageEncoder;
import dev.twinbgp.bgp.wire.capability.Negotiated;
import dev.twinbgp.bgp.wire.family.Nlri;
import dev.twinbgp.bgp.wire.Notification;
import dev.twinbgp.bgp.wire.family.Prefix;
import dev.twinbgp.bgp.wire.Update;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextEncoderTest {
    @Test
    void statesAsExaBgpWritesThem() {
        assertEquals("neighbor 192.0.2.1 up", TextEncoder.state("192.0.2.1", "up", null));
        assertEquals("neighbor 192.0.2.1 connected", TextEncoder.state("192.0.2.1", "connected", null));
        assertEquals("neighbor 192.0.2.1 down - hold timer expired", TextEncoder.state("192.0.2.1", "down", "hold timer expired"));
    }

    @Test
    void updateIsFramedByStartAndEnd() {
        Attributes attrs = Attributes.of(new Attribute.Origin(Attribute.Origin.IGP), Attribute.AsPath.sequence(65001L),
                Attribute.NextHop.of("192.0.2.1"), new Attribute.MultiExitDisc(5));
        Update u = new Update(Nlri.of(Family.IPV4_UNICAST, false, List.of(Prefix.parse("10.1.0.0/24"))), attrs,
                Nlri.of(Family.IPV4_UNICAST, false, List.of(Prefix.parse("10.0.0.0/24"))));
        assertEquals(List.of(
                "neighbor 192.0.2.1 receive update start",
                "neighbor 192.0.2.1 receive update announced 10.0.0.0/24 next-hop 192.0.2.1 origin igp as-path [ 65001 ] med 5",
                "neighbor 192.0.2.1 receive update withdrawn 10.1.0.0/24",
                "neighbor 192.0.2.1 receive update end"), TextEncoder.message("192.0.2.1", u, true));
        assertEquals(List.of("neighbor 192.0.2.1 send update start", "neighbor 192.0.2.1 send update route eor 1/1 (ipv4 unicast)",
                "neighbor 192.0.2.1 send update end"), TextEncoder.message("192.0.2.1", Update.endOfRib(Family.IPV4_UNICAST), false));
    }

    /** ExaBGP 4.2.21 and 5's v4 text for End-of-RIB: the EOR NLRI's extensive(), {@code eor AFI/SAFI (afi safi)}. */
    @Test
    void endOfRibIsExaBgpsEorLine() {
        assertEquals("neighbor 192.0.2.1 receive update route eor 2/1 (ipv6 unicast)",
                TextEncoder.message("192.0.2.1", Update.endOfRib(Family.IPV6_UNICAST), true).get(1));
        assertEquals("neighbor 192.0.2.1 receive update route eor 1/133 (ipv4 flow)",
                TextEncoder.message("192.0.2.1", Update.endOfRib(new Family(Family.AFI_IPV4, Family.SAFI_FLOW)), true).get(1));
    }

    @Test
    void keepaliveAndNotification() {
        assertEquals(List.of("neighbor 192.0.2.1 receive keepalive"), TextEncoder.message("192.0.2.1", new Keepalive(), true));
        assertEquals(List.of("neighbor 192.0.2.1 send notification code 6 subcode 2 data 0x"),
                TextEncoder.message("192.0.2.1", new Notification(6, 2), false));
    }

    private static final String MARKER = "0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF";

    /** ExaBGP's text {@code packets}: the type's number, then {@code header} and {@code body} (none when empty). */
    @Test
    void packetsAreTheTypeNumberAndTheOctets() {
        byte[] eor = MessageEncoder.encode(Update.endOfRib(Family.IPV4_UNICAST), Negotiated.DEFAULT);
        assertEquals("neighbor 192.0.2.1 receive 2 header " + MARKER + "001702 body 0x00000000",
                TextEncoder.packets("192.0.2.1", eor, true));
        byte[] keepalive = MessageEncoder.encode(new Keepalive(), Negotiated.DEFAULT);
        assertEquals("neighbor 192.0.2.1 send 4 header " + MARKER + "001304", TextEncoder.packets("192.0.2.1", keepalive, false));
    }

    /**
     * ExaBGP's text {@code consolidate} with {@code packets}: each line ends with the octets; an UPDATE has them on a
     * line of its own (starting with the blank) before its end line.
     */
    @Test
    void consolidatedLinesEndWithTheOctets() {
        byte[] keepalive = MessageEncoder.encode(new Keepalive(), Negotiated.DEFAULT);
        assertEquals(List.of("neighbor 192.0.2.1 receive keepalive header " + MARKER + "001304"),
                TextEncoder.message("192.0.2.1", new Keepalive(), true, keepalive));
        Notification cease = new Notification(6, 2);
        assertEquals(List.of("neighbor 192.0.2.1 send notification code 6 subcode 2 data 0x header " + MARKER + "001503 body 0x0602"),
                TextEncoder.message("192.0.2.1", cease, false, MessageEncoder.encode(cease, Negotiated.DEFAULT)));
        Update eor = Update.endOfRib(Family.IPV4_UNICAST);
        assertEquals(List.of("neighbor 192.0.2.1 send update start", "neighbor 192.0.2.1 send update route eor 1/1 (ipv4 unicast)",
                        " header " + MARKER + "001702 body 0x00000000", "neighbor 192.0.2.1 send update end"),
                TextEncoder.message("192.0.2.1", eor, false, MessageEncoder.encode(eor, Negotiated.DEFAULT)));
        assertEquals(TextEncoder.message("192.0.2.1", eor, false), TextEncoder.message("192.0.2.1", eor, false, null));
    }
}
