package dev.twinbgp.speaker.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.bgp.rib.Path;
import dev.twinbgp.bgp.rib.Route;
import dev.twinbgp.bgp.wire.attribute.Attribute;
import dev.twinbgp.bgp.wire.attribute.Attributes;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.speaker.config.ConfigException;
import dev.twinbgp.speaker.config.FlowConfig;
import dev.twinbgp.speaker.config.FlowParser;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * FlowSpec with GoBGP on loopback (RFC 8955, RFC 8956): GoBGP receives our IPv4 and IPv6 rules with their
 * actions ({@code gobgp global rib -a ipv4-flowspec}), and we receive a rule GoBGP announces and report it in
 * ExaBGP's JSON. GoBGP connects; we are passive.
 */
class GoBgpFlowSpecInteropTest extends AbstractInteropTest {
    static final long OUR_AS = 65041;
    static final long THEIR_AS = 65042;

    GoBgpFlowSpecInteropTest() {
        super("127.0.0.51", "127.0.0.52");
    }

    /** A rule from the API grammar, with ORIGIN, our AS_PATH and its actions as extended communities. */
    static Route rule(String command) throws ConfigException {
        FlowConfig flow = FlowParser.command(command);
        List<Long> ext = new ArrayList<>();
        flow.attributes().extendedCommunities().forEach(c -> ext.add(java.nio.ByteBuffer.wrap(c.octets()).getLong()));
        Attributes attrs = Attributes.of(new Attribute.Origin(Attribute.Origin.IGP), Attribute.AsPath.sequence(OUR_AS),
                new Attribute.ExtendedCommunities(ext));
        return new Route(flow.rule().route(), new Path(attrs));
    }

    @Test
    void rulesBothWays() throws Exception {
        List<Route> rules = List.of(
                rule("flow route destination 10.0.0.1/32 protocol tcp destination-port =80 then discard"),
                rule("flow route source 192.0.2.0/24 packet-length [ >200&<300 ] then rate-limit 9600"),
                rule("flow route destination 2001:db8::1/128 next-header udp then mark 10"));
        GoBgpPeering p = gobgp(OUR_AS, THEIR_AS);
        GoBgp gobgp = p.daemon().families("ipv4-flowspec", "ipv6-flowspec");
        p.start(List.of(Family.IPV4_FLOW, Family.IPV6_FLOW), rules);

        // Ours -> GoBGP, with the actions.
        gobgp.await("our IPv4 rules in its RIB", Interop.LONG, () -> {
            String rib = gobgp.gobgp("global", "rib", "-a", "ipv4-flowspec");
            return rib.contains("10.0.0.1/32") && rib.contains("192.0.2.0/24");
        });
        String v4 = gobgp.gobgp("global", "rib", "-a", "ipv4-flowspec");
        assertTrue(v4.contains("discard"), v4);
        assertTrue(v4.contains("9600"), v4);
        gobgp.await("our IPv6 rule in its RIB", Interop.LONG,
                () -> gobgp.gobgp("global", "rib", "-a", "ipv6-flowspec").contains("2001:db8::1/128"));
        String v6 = gobgp.gobgp("global", "rib", "-a", "ipv6-flowspec");
        assertTrue(v6.toLowerCase().contains("mark") || v6.contains("10"), v6);

        // GoBGP -> ours, reported in ExaBGP's JSON.
        gobgp.gobgp("global", "rib", "-a", "ipv4-flowspec", "add", "match", "destination", "10.9.9.9/32",
                "protocol", "udp", "then", "discard");
        p.ours().awaitJson("GoBGP's rule in our JSON", all -> all.lines().anyMatch(l ->
                l.contains("\"announce\":{\"ipv4flow\":{\"no-nexthop\":[{\"destination-ipv4\":[\"10.9.9.9/32\"],\"protocol\":[\"=udp\"]")
                && l.contains("\"string\":\"rate-limit:0\"")), gobgp);
        assertTrue(p.ours().received(Family.IPV4_FLOW) > 0);
    }
}
