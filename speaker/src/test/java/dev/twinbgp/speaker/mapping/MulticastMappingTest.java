package dev.twinbgp.speaker.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.twinbgp.bgp.rib.Route;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.speaker.config.ConfigParser;
import dev.twinbgp.speaker.session.PeerSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Multicast routes written in ExaBGP's announce blocks become routes of ipv4/ipv6 multicast, and the families are offered. */
class MulticastMappingTest {
    @Test
    void announceBlockMulticastRoutesKeepTheirFamily() throws Exception {
        String conf = """
                neighbor 127.0.0.2 {
                    router-id 127.0.0.1; local-address 127.0.0.1; local-as 65001; peer-as 65002;
                    family { ipv4 unicast; ipv4 multicast; ipv6 multicast; }
                    announce {
                        ipv4 { multicast 10.3.0.0/24 next-hop 192.0.2.51; unicast 10.3.0.0/24 next-hop 192.0.2.52; }
                        ipv6 { multicast 2001:db8:3::/48 next-hop 2001:db8::51; }
                    }
                }
                """;
        PeerSettings s = PeerSettingsMapper.map(ConfigParser.parse("m.conf", conf)).get(0);
        assertEquals(List.of(Family.IPV4_MULTICAST, Family.IPV4_UNICAST, Family.IPV6_MULTICAST),
                s.routes().stream().map(Route::family).toList());
        assertEquals(List.of(Family.IPV4_UNICAST, Family.IPV4_MULTICAST, Family.IPV6_MULTICAST), s.session().families());
    }
}
