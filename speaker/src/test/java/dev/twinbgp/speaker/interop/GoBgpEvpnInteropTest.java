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
import dev.twinbgp.speaker.config.L2vpnParser;
import dev.twinbgp.speaker.config.NextHop;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * EVPN with GoBGP on loopback (RFC 7432, RFC 9136): GoBGP receives our MAC/IP (type 2), Inclusive Multicast
 * (type 3) and IP Prefix (type 5) routes and lists them ({@code gobgp global rib -a evpn}); we receive the three
 * types from GoBGP and report them in ExaBGP's JSON. GoBGP connects; we are passive.
 */
class GoBgpEvpnInteropTest extends AbstractInteropTest {
    static final long OUR_AS = 65141;
    static final long THEIR_AS = 65142;

    GoBgpEvpnInteropTest() {
        super("127.0.0.141", "127.0.0.142");
    }

    /** A route of the API grammar ({@code evpn ...}) with ORIGIN, our AS_PATH, its communities and next hop. */
    static Route route(String command, long asn) throws ConfigException {
        FlowConfig r = L2vpnParser.command(command, true);
        List<Long> ext = new ArrayList<>();
        r.attributes().extendedCommunities().forEach(c -> ext.add(java.nio.ByteBuffer.wrap(c.octets()).getLong()));
        List<Attribute> attrs = new ArrayList<>(List.of(new Attribute.Origin(Attribute.Origin.IGP),
                Attribute.AsPath.sequence(asn)));
        if (!ext.isEmpty()) {
            attrs.add(new Attribute.ExtendedCommunities(ext));
        }
        IpAddress nextHop = ((NextHop.Address) r.attributes().nextHop().orElseThrow()).address();
        return new Route(r.rule().route(), new Path(Attributes.of(attrs), nextHop.bytes()));
    }

    static List<Route> ourRoutes(String nextHop, long asn) throws ConfigException {
        return List.of(
                route("evpn mac-ip rd 10.0.0.1:100 ethernet-tag 100 mac 00:11:22:33:44:55 ip 10.1.1.1 label 1000"
                        + " next-hop " + nextHop + " extended-community [ target:65000:100 ]", asn),
                route("evpn multicast rd 10.0.0.1:100 ethernet-tag 100 ip " + nextHop + " next-hop " + nextHop
                        + " extended-community [ target:65000:100 ]", asn),
                route("evpn ip-prefix rd 10.0.0.1:200 esi - ethernet-tag 0 prefix 10.20.30.0/24 gateway 0.0.0.0 label 2000"
                        + " next-hop " + nextHop + " extended-community [ target:65000:200 ]", asn));
    }

    @Test
    void routesBothWays() throws Exception {
        GoBgpPeering p = gobgp(OUR_AS, THEIR_AS);
        GoBgp gobgp = p.daemon().families("l2vpn-evpn");
        p.start(List.of(Family.L2VPN_EVPN), ourRoutes(ours(), OUR_AS));

        // Ours -> GoBGP: types 2, 3 and 5 in its RIB.
        gobgp.await("our EVPN routes in its RIB", Interop.LONG, () -> {
            String rib = gobgp.gobgp("global", "rib", "-a", "evpn");
            return rib.contains("00:11:22:33:44:55") && rib.contains("multicast") && rib.contains("10.20.30.0");
        });
        String rib = gobgp.gobgp("global", "rib", "-a", "evpn");
        assertTrue(rib.contains("10.1.1.1") && rib.contains("10.0.0.1:100") && rib.contains("10.0.0.1:200"), rib);

        // GoBGP -> ours, reported in ExaBGP's JSON and held in the Adj-RIB-In.
        gobgp.gobgp("global", "rib", "-a", "evpn", "add", "macadv", "aa:bb:cc:dd:ee:ff", "10.9.9.9", "etag", "7",
                "label", "77", "rd", "192.0.2.1:9", "rt", "65000:9");
        gobgp.gobgp("global", "rib", "-a", "evpn", "add", "multicast", "192.0.2.9", "etag", "7", "rd", "192.0.2.1:9",
                "rt", "65000:9");
        gobgp.gobgp("global", "rib", "-a", "evpn", "add", "prefix", "10.99.0.0/16", "gw", "192.0.2.254", "etag", "0",
                "label", "99", "rd", "192.0.2.1:10", "rt", "65000:10");
        p.ours().awaitJson("GoBGP's routes in our JSON", all ->
                all.contains("\"name\":\"MAC/IPadvertisement\",\"rd\":\"192.0.2.1:9\"")
                        && all.contains("\"mac\":\"AA:BB:CC:DD:EE:FF\"") && all.contains("\"ip\":\"10.9.9.9\"")
                        && all.contains("\"name\":\"InclusiveMulticastEthernetTag\",\"rd\":\"192.0.2.1:9\",\"ethernet-tag\":7,\"ip\":\"192.0.2.9\"")
                        && all.contains("\"ip\":\"10.99.0.0\",\"iplen\":16,\"gateway\":\"192.0.2.254\""), gobgp);
        Interop.until("three routes in our Adj-RIB-In", () -> p.ours().received(Family.L2VPN_EVPN) == 3, gobgp::log);
    }
}
