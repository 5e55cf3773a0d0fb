package dev.twinbgp.speaker.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.bgp.rib.Path;
import dev.twinbgp.bgp.rib.Route;
import dev.twinbgp.bgp.wire.attribute.Attribute;
import dev.twinbgp.bgp.wire.attribute.Attributes;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.speaker.config.ConfigException;
import dev.twinbgp.speaker.config.FlowConfig;
import dev.twinbgp.speaker.config.GenericAttribute;
import dev.twinbgp.speaker.config.NextHop;
import dev.twinbgp.speaker.config.SrPolicyParser;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SR Policy with GoBGP on loopback (RFC 9830): GoBGP receives our IPv4 and IPv6 SR Policies - distinguisher,
 * color, endpoint and the tunnel encapsulation's preference, binding SID and segment lists - and accepts them.
 * GoBGP 3.10's CLI cannot show the family ({@code gobgp global rib -a ipv4-srpolicy} answers "unsupported address
 * family"): its debug log of each UPDATE as it decoded it is checked instead. GoBGP connects; we are passive.
 */
class GoBgpSrPolicyInteropTest extends AbstractInteropTest {
    static final long OUR_AS = 65051;
    static final long THEIR_AS = 65052;

    GoBgpSrPolicyInteropTest() {
        super("127.0.0.171", "127.0.0.172");
    }

    /** A policy from the API grammar, as the configuration maps it: ORIGIN, our AS_PATH, the tunnel, the next hop. */
    static Route policy(String command) throws ConfigException {
        FlowConfig p = SrPolicyParser.command(command, true);
        List<Attribute> attrs = new ArrayList<>(List.of(new Attribute.Origin(Attribute.Origin.IGP),
                Attribute.AsPath.sequence(OUR_AS)));
        for (GenericAttribute g : p.attributes().genericAttributes()) {
            attrs.add(new Attribute.Unknown(g.flags(), g.code(), g.value()));
        }
        byte[] nextHop = ((NextHop.Address) p.attributes().nextHop().orElseThrow()).address().bytes();
        return new Route(p.rule().route(), new Path(Attributes.of(attrs), nextHop));
    }

    @Test
    void gobgpReceivesOurPolicies() throws Exception {
        List<Route> policies = List.of(
                policy("ipv4 sr-policy distinguisher 7 color 100 endpoint 10.0.0.1 next-hop " + ours()
                        + " preference 150 binding-sid mpls 24000 segment-list weight 3 segment type-a mpls 16001"
                        + " segment type-a mpls 16002"),
                policy("ipv6 sr-policy distinguisher 0 color 200 endpoint 2001:db8::1 next-hop 2001:db8::2"
                        + " preference 100 segment-list weight 1 segment type-b srv6 2001:db8:1::1"));
        GoBgpPeering p = gobgp(OUR_AS, THEIR_AS);
        GoBgp gobgp = p.daemon().families("ipv4-srpolicy", "ipv6-srpolicy").withDebugLog();
        p.start(List.of(Family.IPV4_SR_POLICY, Family.IPV6_SR_POLICY), policies);

        // GoBGP 3.10's CLI has no SR Policy family (gobgp global rib -a ipv4-srpolicy: "unsupported address
        // family"), so what it received is read from its neighbor counters and its debug log of each UPDATE as it
        // decoded it.
        gobgp.await("GoBGP accepted both policies", Interop.LONG, () -> acceptedTwo(gobgp.gobgp("neighbor")));
        gobgp.await("both policies decoded in its log", Interop.LONG, () -> gobgp.log().contains("\"color\":200"));
        String log = gobgp.log().replace(" ", "");
        assertTrue(log.contains("{\"type\":12,\"flags\":0,\"preference\":150}"), log);
        assertTrue(log.contains("{\"type\":13,\"flags\":0,\"binding_sid\":\"24000\"}"), log);
        assertTrue(log.contains("\"Weight\":{\"type\":9,\"flags\":0,\"weight\":3}"), log);
        assertTrue(log.contains("\"label\":16001,\"tc\":0,\"s\":false"), log);
        assertTrue(log.contains("\"label\":16002,\"tc\":0,\"s\":true"), log); // bottom of stack on the last
        assertTrue(log.contains("\"afi\":1,\"safi\":73,\"value\":[{\"length\":12,\"distinguisher\":7,\"color\":100"), log);
        assertTrue(log.contains("\"sid\":\"2001:db8:1::1\""), log);
        assertTrue(log.contains("\"nexthop\":\"2001:db8::2\",\"afi\":2,\"safi\":73,\"value\":[{\"length\":24,\"distinguisher\":0,\"color\":200"), log);
        assertTrue(acceptedTwo(gobgp.gobgp("neighbor")), gobgp.gobgp("neighbor"));
    }

    /** {@code gobgp neighbor}'s line for us: "#Received Accepted" both 2. */
    private static boolean acceptedTwo(String neighbors) {
        return neighbors.lines().anyMatch(l -> l.matches(".*Establ\\s*\\|\\s*2\\s+2\\s*"));
    }
}
