package dev.twinbgp.bgp.rib;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.twinbgp.bgp.wire.attribute.Attribute;
import dev.twinbgp.bgp.wire.attribute.Attributes;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.capability.Negotiated;
import dev.twinbgp.bgp.wire.family.Prefix;
import dev.twinbgp.bgp.wire.Update;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Adj-RIB-In's per-family route counts ({@code show neighbor}'s accepted) follow announcements, replacements and withdrawals. */
class AdjRibInCountsTest {
    private final AdjRibIn rib = new AdjRibIn();
    private final Path v4 = new Path(Attributes.of(new Attribute.Origin(Attribute.Origin.IGP),
            Attribute.AsPath.sequence(65002L), Attribute.NextHop.of("192.0.2.1")));
    private final Path v6 = new Path(Attributes.of(new Attribute.Origin(Attribute.Origin.IGP),
            Attribute.AsPath.sequence(65002L)), Prefix.parse("2001:db8::1/128").address());

    private void apply(List<Update> updates) {
        updates.forEach(rib::apply);
    }

    private void announce(Collection<Route> routes) {
        apply(AdjRibOut.announce(routes, Negotiated.DEFAULT, true));
    }

    private void withdraw(String... prefixes) {
        apply(AdjRibOut.withdraw(List.of(prefixes).stream().map(Prefix::parse).toList(), Negotiated.DEFAULT));
    }

    @Test
    void countsFollowTheRoutesHeldPerFamily() {
        announce(List.of(new Route(Prefix.parse("10.0.0.0/24"), v4), new Route(Prefix.parse("10.0.1.0/24"), v4),
                new Route(Prefix.parse("10.0.2.0/24"), v4), new Route(Prefix.parse("2001:db8:1::/48"), v6),
                new Route(Prefix.parse("2001:db8:2::/48"), v6)));
        assertEquals(Map.of(Family.IPV4_UNICAST, 3, Family.IPV6_UNICAST, 2), rib.sizesByFamily());

        announce(List.of(new Route(Prefix.parse("10.0.1.0/24"), v4), new Route(Prefix.parse("2001:db8:1::/48"), v6)));
        assertEquals(Map.of(Family.IPV4_UNICAST, 3, Family.IPV6_UNICAST, 2), rib.sizesByFamily(), "a replacement adds nothing");

        withdraw("10.0.1.0/24", "2001:db8:2::/48", "10.9.9.0/24");
        assertEquals(Map.of(Family.IPV4_UNICAST, 2, Family.IPV6_UNICAST, 1), rib.sizesByFamily(),
                "a withdrawal of what is not held removes nothing");
        assertEquals(3, rib.size());

        rib.clear();
        assertEquals(Map.of(), rib.sizesByFamily());
    }
}
