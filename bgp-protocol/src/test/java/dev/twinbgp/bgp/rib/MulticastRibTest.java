package dev.twinbgp.bgp.rib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.bgp.wire.Update;
import dev.twinbgp.bgp.wire.attribute.Attribute;
import dev.twinbgp.bgp.wire.attribute.Attributes;
import dev.twinbgp.bgp.wire.capability.Negotiated;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.family.Prefix;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SAFI 2 (RFC 4760): a multicast route and the unicast route of the same prefix are two routes - two keys in the
 * Adj-RIB-In, counted in their own families, withdrawn one without the other - and multicast goes in MP_REACH_NLRI.
 */
class MulticastRibTest {
    private final AdjRibIn rib = new AdjRibIn();
    private final Path unicast = new Path(Attributes.of(new Attribute.Origin(Attribute.Origin.IGP),
            Attribute.AsPath.sequence(65002L), Attribute.NextHop.of("192.0.2.1")));
    private final Path multicast = new Path(Attributes.of(new Attribute.Origin(Attribute.Origin.IGP),
            Attribute.AsPath.sequence(65002L)), Prefix.parse("192.0.2.2/32").address());
    private final Path multicast6 = new Path(Attributes.of(new Attribute.Origin(Attribute.Origin.IGP),
            Attribute.AsPath.sequence(65002L)), Prefix.parse("2001:db8::2/128").address());

    @Test
    void aMulticastPrefixIsAnotherKeyThanTheUnicastOne() {
        Prefix u = Prefix.parse("10.0.0.0/24");
        Prefix m = u.multicast();
        assertNotEquals(u, m);
        assertEquals(Family.IPV4_MULTICAST, m.family());
        assertEquals(Family.IPV6_MULTICAST, Prefix.parse("2001:db8::/32").multicast().family());
        assertEquals(m, Prefix.parse("10.0.0.0/24").multicast());
        assertEquals(m.hashCode(), Prefix.parse("10.0.0.0/24").multicast().hashCode());
        assertTrue(m.withPathId(7).isMulticast() && m.withPathId(7).withoutPathId().equals(m));
        assertTrue(u.compareTo(m) < 0, "unicast sorts first");
    }

    @Test
    void unicastAndMulticastOfOnePrefixAreTwoRoutes() {
        Prefix u = Prefix.parse("10.0.0.0/24");
        Prefix u6 = Prefix.parse("2001:db8:1::/48");
        List<Update> updates = AdjRibOut.announce(List.of(new Route(u, unicast), new Route(u.multicast(), multicast),
                new Route(u6.multicast(), multicast6)), Negotiated.DEFAULT, true);
        assertTrue(updates.stream().anyMatch(x -> x.mpReach().map(r -> r.family().equals(Family.IPV4_MULTICAST)).orElse(false)),
                "IPv4 multicast in MP_REACH_NLRI: " + updates);
        updates.forEach(rib::apply);
        assertEquals(3, rib.size());
        assertEquals(Map.of(Family.IPV4_UNICAST, 1, Family.IPV4_MULTICAST, 1, Family.IPV6_MULTICAST, 1), rib.sizesByFamily());
        assertNotNull(rib.get(u));
        assertNotNull(rib.get(u.multicast()));
        assertTrue(rib.get(u) != rib.get(u.multicast()), "each keeps its own path");
        assertEquals(List.of(Family.IPV4_UNICAST, Family.IPV4_MULTICAST, Family.IPV6_MULTICAST),
                rib.routes().stream().map(Route::family).toList());

        AdjRibOut.withdraw(List.of(u.multicast()), Negotiated.DEFAULT).forEach(rib::apply);
        assertNull(rib.get(u.multicast()), "the multicast route is gone");
        assertNotNull(rib.get(u), "the unicast one stays");
        assertEquals(Map.of(Family.IPV4_UNICAST, 1, Family.IPV4_MULTICAST, 0, Family.IPV6_MULTICAST, 1), rib.sizesByFamily());
    }
}
