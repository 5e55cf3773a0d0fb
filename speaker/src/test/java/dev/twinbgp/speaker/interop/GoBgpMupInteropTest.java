package dev.twinbgp.speaker.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.bgp.rib.Path;
import dev.twinbgp.bgp.rib.Route;
import dev.twinbgp.bgp.wire.attribute.Attribute;
import dev.twinbgp.bgp.wire.attribute.Attributes;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.speaker.config.ConfigException;
import dev.twinbgp.speaker.config.FlowConfig;
import dev.twinbgp.speaker.config.IpAddress;
import dev.twinbgp.speaker.config.MupParser;
import dev.twinbgp.speaker.config.NextHop;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * BGP-MUP to GoBGP on loopback (draft-mpmz-bess-mup-safi; GoBGP 3.10 speaks {@code ipv4-mup}): GoBGP receives
 * our Direct Segment Discovery, Type 1 and Type 2 Session Transformed routes and lists them
 * ({@code gobgp global rib -a ipv4-mup}). GoBGP connects; we are passive.
 */
class GoBgpMupInteropTest extends AbstractInteropTest {
    static final long OUR_AS = 65161;
    static final long THEIR_AS = 65162;

    GoBgpMupInteropTest() {
        super("127.0.0.161", "127.0.0.162");
    }

    /** A route of the API grammar ({@code ipv4 mup ...}) with ORIGIN, our AS_PATH, its communities and next hop. */
    static Route route(String command) throws ConfigException {
        FlowConfig r = MupParser.command(command, true);
        List<Long> ext = new ArrayList<>();
        r.attributes().extendedCommunities().forEach(c -> ext.add(java.nio.ByteBuffer.wrap(c.octets()).getLong()));
        IpAddress nextHop = ((NextHop.Address) r.attributes().nextHop().orElseThrow()).address();
        Attributes attrs = Attributes.of(new Attribute.Origin(Attribute.Origin.IGP), Attribute.AsPath.sequence(OUR_AS),
                new Attribute.ExtendedCommunities(ext));
        return new Route(r.rule().route(), new Path(attrs, nextHop.bytes()));
    }

    @Test
    void ourRoutesInGoBgpsRib() throws Exception {
        String nh = " next-hop " + ours() + " extended-community [ target:10:10 mup:10:10 ]";
        List<Route> routes = List.of(
                route("ipv4 mup mup-dsd 10.0.0.1 rd 100:100" + nh),
                route("ipv4 mup mup-t1st 192.168.0.1/32 rd 100:100 teid 12345 qfi 9 endpoint 10.0.0.1" + nh),
                route("ipv4 mup mup-t2st 10.0.0.2 rd 100:100 teid 12345/32" + nh));
        GoBgpPeering p = gobgp(OUR_AS, THEIR_AS);
        GoBgp gobgp = p.daemon().families("ipv4-mup");
        p.start(List.of(Family.IPV4_MUP), routes);

        gobgp.await("our MUP routes in its RIB", Interop.LONG, () -> {
            String rib = gobgp.gobgp("global", "rib", "-a", "ipv4-mup");
            return rib.contains("dsd") && rib.contains("t1st") && rib.contains("t2st");
        });
        String rib = gobgp.gobgp("global", "rib", "-a", "ipv4-mup");
        assertTrue(rib.contains("10.0.0.1") && rib.contains("192.168.0.1") && rib.contains("12345"), rib);
    }
}
