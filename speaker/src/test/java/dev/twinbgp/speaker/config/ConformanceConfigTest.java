package dev.twinbgp.speaker.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.bgp.wire.capability.AddPathMode;
import dev.twinbgp.bgp.wire.family.Family;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every ExaBGP conformance configuration must parse; a few are checked in detail. */
class ConformanceConfigTest {

    private static Path confDir() {
        String dir = System.getProperty("twinbgp.conformance.dir", "");
        Assumptions.assumeFalse(dir.isBlank(),
                "twinbgp.conformance.dir is empty: set TWINBGP_CONFORMANCE_DIR to run the ExaBGP vectors");
        return Path.of(dir, "conf");
    }

    static Stream<Path> files() throws IOException {
        String dir = System.getProperty("twinbgp.conformance.dir", "");
        if (dir.isBlank()) {
            return Stream.of(Path.of("skipped"));
        }
        try (Stream<Path> list = Files.list(Path.of(dir, "conf"))) {
            return list.filter(p -> p.toString().endsWith(".conf")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void everyConformanceFileParses(Path file) throws ConfigException, IOException {
        confDir();
        // Parses, and maps to sessions and UPDATEs as twinbgp run would (some files have no neighbor, API-only).
        Configuration configuration = ConfigParser.parse(file);
        assertEquals(configuration.neighbors().size(),
                dev.twinbgp.speaker.mapping.PeerSettingsMapper.map(configuration).size(), file.toString());
    }

    @Test
    void thereAreAHundredAndThree() throws IOException {
        try (Stream<Path> list = Files.list(confDir())) {
            assertEquals(103, list.filter(p -> p.toString().endsWith(".conf")).count());
        }
    }

    private static NeighborConfig only(String name) throws ConfigException {
        return ConfigParser.parse(confDir().resolve(name)).neighbors().get(0);
    }

    @Test
    void redirectToNextHopIetfIpv4IsAnExtendedCommunityIpv6OneIsAttribute25() throws ConfigException {
        // draft-ietf-idr-flowspec-redirect-ip as ExaBGP encodes it: IPv4 type 0x01 subtype 0x0C (8 octets); IPv6 an
        // RFC 5701 IPv6 Address Specific Extended Community, type 0x00 subtype 0x0C (20 octets), attribute 25
        NeighborConfig n = only("conf-flow-redirect.conf");
        assertEquals("[0x010c010203040000]", n.flows().get(3).attributes().extendedCommunities().toString());
        assertEquals("[[ 0x19 0xc0 0x000c2a020b800000000100000000000000010000 ]]",
                n.flows().get(4).attributes().genericAttributes().toString());
        assertEquals(List.of(), n.flows().get(4).attributes().extendedCommunities());
    }

    @Test
    void flowScopeInterfaceSetIsAnExtendedCommunity() throws ConfigException {
        // draft-ietf-idr-flowspec-interfaceset section 3: 0x47 non-transitive / 0x07 transitive, subtype 0x02,
        // AS (4 octets), direction (2 bits: 1 input, 2 output), group (14 bits); discard follows (0x8006)
        NeighborConfig n = only("api-flow-merge.conf");
        assertEquals("[0x4702caffee014001, 0x0702000000fe80fe, 0x8006000000000000]",
                n.flows().get(1).attributes().extendedCommunities().toString().toLowerCase(java.util.Locale.ROOT));
    }

    @Test
    void bgpLsIsTheOnlyFamily() throws ConfigException {
        assertEquals(List.of(Family.BGP_LS), only("conf-bgpls.conf").families());
    }

    @Test
    void aggregator() throws ConfigException {
        NeighborConfig n = only("conf-aggregator.conf");
        assertEquals(Optional.of("a quagga test peer"), n.description());
        RouteAttributes a = n.routes().get(0).attributes();
        assertEquals("1.0.64.0/18", n.routes().get(0).prefix().toString());
        assertEquals(List.of(new AsPathSegment(AsPathSegment.Type.SEQUENCE, List.of(57821L, 6939L))),
                a.asPath().orElseThrow());
        assertTrue(a.atomicAggregate());
        assertEquals(new Aggregator(18144, IpAddress.parse("219.118.225.189")), a.aggregator().orElseThrow());
        assertEquals("192.168.1.254", a.nextHop().orElseThrow().toString());
        assertEquals(NeighborConfig.DEFAULT_FAMILIES, n.families());
    }

    @Test
    void templateRoutesComeFirstAndNeighborWins() throws ConfigException {
        NeighborConfig n = only("conf-template.conf");
        assertEquals(List.of("1.0.0.0/8", "2.0.0.0/8", "3.0.0.0/8", "4.0.0.0/8"),
                n.routes().stream().map(r -> r.prefix().toString()).toList());
        assertEquals("1.2.3.4", n.routes().get(2).attributes().nextHop().orElseThrow().toString());
        assertEquals(65533, n.localAs());
        assertEquals(List.of(Family.IPV4_UNICAST), n.families());
        assertEquals(1200, n.capabilities().gracefulRestart().getAsInt());
        assertFalse(n.groupUpdates());
        assertEquals("127.0.0.0", n.routerId().orElseThrow().toString());
        assertEquals(List.of("test"), n.inherited());
    }

    @Test
    void newV4AnnounceBlocksAndCommunities() throws ConfigException {
        NeighborConfig n = only("conf-new-v4.conf");
        assertEquals(8, n.routes().size());
        assertEquals(List.of(new Community(0)), n.routes().get(0).attributes().communities());
        assertEquals(List.of(new Community(30740L << 16 | 30740)), n.routes().get(1).attributes().communities());
        assertEquals(200, n.routes().get(6).attributes().localPreference().getAsLong());
    }

    @Test
    void ipv6RoutesAndFamily() throws ConfigException {
        NeighborConfig n = only("conf-ipv6grouping.conf");
        assertEquals(List.of(Family.IPV6_UNICAST), n.families());
        assertEquals(2, n.routes().size());
        RouteConfig route = n.routes().get(0);
        assertEquals(Family.IPV6_UNICAST, route.family());
        assertEquals("2a02:b80:0:1::1/128", route.prefix().toString());
        assertEquals("2a02:b80:0:2::1", route.attributes().nextHop().orElseThrow().toString());
        assertTrue(n.groupUpdates());
    }

    @Test
    void genericAttributesAndLargeCommunities() throws ConfigException {
        RouteAttributes a = only("conf-generic-attribute.conf").routes().get(2).attributes();
        assertEquals(List.of(new GenericAttribute(0x99, 0x70, new byte[] {0, 0, 0, 0x64})), a.genericAttributes());
        NeighborConfig large = only("conf-largecommunity.conf");
        assertEquals(2, large.routes().get(1).attributes().largeCommunities().size(), "duplicates dropped");
        assertEquals(new LargeCommunity(2914, 3320, 123), large.routes().get(1).attributes().largeCommunities().get(1));
    }

    @Test
    void extendedCommunityPathInformationAndCapabilities() throws ConfigException {
        RouteAttributes ext = only("conf-ipv46routes4family.conf").routes().get(0).attributes();
        assertEquals("0x0002004800000001", ext.extendedCommunities().get(0).toString());
        NeighborConfig path = only("conf-path-information.conf");
        assertEquals(Optional.of(AddPathMode.BOTH), path.capabilities().addPath());
        assertEquals(3, path.routes().get(2).attributes().pathInformation().getAsLong());
        assertFalse(only("conf-no-asn4.conf").capabilities().asn4());
        assertTrue(only("conf-cap-software-version.conf").capabilities().softwareVersion());
        NeighborConfig host = only("conf-hostname.conf");
        assertEquals(Optional.of("my-host-name"), host.hostName());
        assertEquals(Optional.of("my-domain-name.com"), host.domainName());
        assertTrue(only("conf-ipself4.conf").routes().get(0).attributes().nextHop().orElseThrow()
                instanceof NextHop.Self);
        NeighborConfig ebgp = only("conf-ebgp.conf");
        assertTrue(ebgp.prependsLocalAs());
        assertTrue(ebgp.defaultLocalPreference().isEmpty());
    }
}
