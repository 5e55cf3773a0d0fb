package dev.twinbgp.bgp.wire.capability;

import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.Open;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NegotiationTest {
    private static Open open(Capability... caps) {
        return Open.of(65000, 180, 1, List.of(caps));
    }

    @Test
    void bothSidesMustAdvertise() {
        Capability.AddPath ours = new Capability.AddPath(List.of(new Capability.AddPath.Entry(Family.IPV4_UNICAST, AddPathMode.BOTH),
                new Capability.AddPath.Entry(Family.IPV6_UNICAST, AddPathMode.RECEIVE)));
        Capability.AddPath theirs = new Capability.AddPath(List.of(new Capability.AddPath.Entry(Family.IPV4_UNICAST, AddPathMode.SEND),
                new Capability.AddPath.Entry(Family.IPV6_UNICAST, AddPathMode.BOTH)));
        Negotiated n = Negotiation.between(
                open(new Capability.FourOctetAs(65000), new Capability.ExtendedMessage(), ours),
                open(new Capability.FourOctetAs(65001), theirs));
        assertEquals(new Negotiated(true, Set.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST), Set.of(), false), n);
        assertEquals(Negotiated.DEFAULT, Negotiation.between(open(new Capability.FourOctetAs(1)), open()));
    }
}
