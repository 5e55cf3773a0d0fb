package dev.twinbgp.speaker.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.twinbgp.bgp.rib.Route;
import dev.twinbgp.speaker.config.ConfigParser;
import dev.twinbgp.speaker.mapping.PeerSettingsMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code show adj-rib in|out} writes a route's attributes in the command grammar, so that the line reads back as the
 * same route: aggregator, originator-id, cluster-list, extended communities and unknown attributes included. They
 * came out as the codec's records before ({@code Aggregator[65001:1.2.3.4]}, {@code ExtendedCommunities[0x...]}).
 */
class RouteReportAttributesTest {
    @ParameterizedTest
    @ValueSource(strings = {
        "next-hop 192.0.2.1 origin igp as-path [ 65001 ] local-preference 100 atomic-aggregate aggregator ( 65001:1.2.3.4 )",
        "next-hop 192.0.2.1 origin igp as-path [ ] local-preference 100 originator-id 1.1.1.1 cluster-list [ 2.2.2.2 3.3.3.3 ]",
        "next-hop 192.0.2.1 origin igp as-path [ ] local-preference 100 extended-community [ target:65001:1 origin:1.2.3.4:5"
                + " target:65001L:2 origin:4200000000L:3 0x8008FDE900000009 l2info:19:0:1500:111 ]",
        "next-hop 192.0.2.1 origin igp as-path [ ] local-preference 100 attribute [ 0x63 0xc0 0x0102 ]",
    })
    void aRouteReadsBackFromItsLine(String attributes) throws Exception {
        String text = "neighbor 192.0.2.2 { router-id 192.0.2.1; local-address 192.0.2.1; local-as 65001; peer-as 65001;"
                + " static { route 10.0.0.0/24 " + attributes + "; } }";
        Route route = PeerSettingsMapper.map(ConfigParser.parse("t.conf", text)).get(0).routes().get(0);
        assertEquals(attributes, RouteReport.attributes(route.path()));
    }
}
