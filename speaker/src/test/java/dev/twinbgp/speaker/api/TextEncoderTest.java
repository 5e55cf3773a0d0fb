package dev.twinbgp.speaker.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.twinbgp.bgp.wire.attribute.Attribute;
import dev.twinbgp.bgp.wire.attribute.Attributes;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.Keepalive;
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
        assertEquals(List.of("neighbor 192.0.2.1 send update start", "neighbor 192.0.2.1 send update route ipv4 unicast eor",
                "neighbor 192.0.2.1 send update end"), TextEncoder.message("192.0.2.1", Update.endOfRib(Family.IPV4_UNICAST), false));
    }

    @Test
    void keepaliveAndNotification() {
        assertEquals(List.of("neighbor 192.0.2.1 receive keepalive"), TextEncoder.message("192.0.2.1", new Keepalive(), true));
        assertEquals(List.of("neighbor 192.0.2.1 send notification code 6 subcode 2 data "),
                TextEncoder.message("192.0.2.1", new Notification(6, 2), false));
    }
}
