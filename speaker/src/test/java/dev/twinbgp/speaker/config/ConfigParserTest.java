package dev.twinbgp.speaker.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.bgp.wire.capability.AddPathMode;
import dev.twinbgp.bgp.wire.family.Family;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parser on twinbgp's own example files (src/test/resources/config). */
class ConfigParserTest {

    static Path resource(String name) {
        try {
            return Path.of(ConfigParserTest.class.getResource("/config/" + name).toURI());
        } catch (URISyntaxException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    @Test
    void fullFeaturedNeighbor() throws ConfigException {
        Configuration configuration = ConfigParser.parse(resource("full-featured.conf"));
        assertEquals(Optional.of(ReactorKind.NETTY), configuration.reactor());
        assertEquals(List.of(new ProcessConfig("watcher", List.of("/usr/bin/env", "python3", "/opt/watch me.py"),
                ProcessConfig.Encoder.JSON)), configuration.processes());

        NeighborConfig n = configuration.neighbors().get(0);
        assertEquals(IpAddress.parse("2001:db8::2"), n.peerAddress());
        assertEquals("2001:db8::1", n.localAddress().orElseThrow().toString());
        assertEquals("10.255.0.1", n.routerId().orElseThrow().toString());
        assertEquals(65001, n.localAs());
        assertEquals(65002, n.peerAs());
        assertFalse(n.isIbgp());
        assertEquals(90, n.holdTime());
        assertTrue(n.passive());
        assertEquals(1179, n.listenPort().getAsInt());
        assertEquals(2179, n.connectPort());
        assertEquals(Optional.of("IPv6 eBGP peer"), n.description());
        assertEquals(Optional.of("edge1"), n.hostName());
        assertEquals(Optional.of("example.net"), n.domainName());
        assertFalse(n.groupUpdates());
        assertTrue(n.adjRibIn() && n.adjRibOut() && n.manualEor());
        assertEquals(List.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST), n.families());

        Capabilities c = n.capabilities();
        assertTrue(c.asn4());
        assertTrue(c.routeRefresh(), "from the template");
        assertEquals(Optional.of(AddPathMode.SEND), c.addPath());
        assertEquals(90, c.gracefulRestart().getAsInt(), "bare graceful-restart takes the hold time");
        assertFalse(c.extendedMessage());
        assertTrue(c.softwareVersion());
        assertTrue(c.extendedNextHop(), "enabled by the nexthop block");
        assertEquals(List.of(new NextHopEncoding(Family.IPV4_UNICAST, Family.AFI_IPV6)), n.nextHopEncodings());

        ApiConfig api = n.apis().get(0);
        assertEquals(List.of("watcher"), api.processes());
        assertTrue(api.neighborChanges());
        assertEquals(Set.of(ApiConfig.Message.PARSED, ApiConfig.Message.UPDATE, ApiConfig.Message.NOTIFICATION,
                ApiConfig.Message.OPEN, ApiConfig.Message.KEEPALIVE, ApiConfig.Message.REFRESH), api.receive());
        assertEquals(Set.of(ApiConfig.Message.PACKETS), api.send());

        assertEquals(List.of("192.0.2.0/24", "2001:db8:100::/48", "198.51.100.0/24"),
                n.routes().stream().map(r -> r.prefix().toString()).toList());
        RouteAttributes v6 = n.routes().get(1).attributes();
        assertEquals(List.of(new AsPathSegment(AsPathSegment.Type.SEQUENCE, List.of(65001L)),
                new AsPathSegment(AsPathSegment.Type.SET, List.of(1L, 2L))), v6.asPath().orElseThrow());
        assertEquals(Optional.of("lab"), v6.name());
        assertEquals(6, n.expandedRoutes().size(), "split /50 of a /48 gives four routes");
        assertEquals(Origin.EGP, n.routes().get(2).attributes().origin().orElseThrow());
    }

    @Test
    void blockFormRouteWithEveryAttribute() throws ConfigException {
        NeighborConfig n = ConfigParser.parse(resource("attributes.conf")).neighbors().get(0);
        assertEquals(Optional.of(IpAddress.parse("10.0.0.1")), n.routerId(), "router-id defaults to local-address");
        assertEquals(100, n.defaultLocalPreference().getAsLong());
        assertEquals(NeighborConfig.DEFAULT_HOLD_TIME, n.holdTime());
        assertEquals(Capabilities.DEFAULT, n.capabilities());
        assertFalse(n.passive());
        assertTrue(n.groupUpdates());

        RouteAttributes a = n.routes().get(0).attributes();
        assertEquals(Origin.INCOMPLETE, a.origin().orElseThrow());
        assertEquals(List.of(new AsPathSegment(AsPathSegment.Type.CONFED_SEQUENCE, List.of(64512L, 64513L))),
                a.asPath().orElseThrow());
        assertEquals(10, a.med().getAsLong());
        assertEquals(300, a.localPreference().getAsLong());
        assertTrue(a.atomicAggregate());
        assertEquals(new Aggregator(65000, IpAddress.parse("10.0.0.1")), a.aggregator().orElseThrow());
        assertEquals(List.of(Community.NO_EXPORT, new Community(65000L << 16 | 1), Community.NO_PEER,
                Community.BLACKHOLE, Community.GRACEFUL_SHUTDOWN, new Community(0x00010002)), a.communities());
        assertEquals(List.of(new LargeCommunity(65000, 1, 2)), a.largeCommunities());
        assertEquals(List.of("0x0002fde800000001", "0x01030a0000010007", "0x0202fa56ea000005", "0x0300000000000001"),
                a.extendedCommunities().stream().map(ExtendedCommunity::toString).toList());
        assertEquals("10.0.0.9", a.originatorId().orElseThrow().toString());
        assertEquals(List.of(IpAddress.parse("10.0.0.8"), IpAddress.parse("10.0.0.7")), a.clusterList());
        assertEquals(42, a.pathInformation().getAsLong());
        assertEquals(List.of(new GenericAttribute(0x20, 0xC0, new byte[] {0, 0, 0, 1, 0, 0, 0, 2})),
                a.genericAttributes());

        RouteConfig split = n.routes().get(1);
        assertEquals(List.of(new AsPathSegment(AsPathSegment.Type.SEQUENCE, List.of(65010L))),
                split.attributes().asPath().orElseThrow());
        assertEquals(List.of("203.0.114.0/24", "203.0.115.0/24"),
                split.expandSplit().stream().map(r -> r.prefix().toString()).toList());
        assertTrue(split.expandSplit().get(0).attributes().split().isEmpty());
    }

    @Test
    void unquotedDescriptionOfSeveralWords() throws ConfigException {
        NeighborConfig n = ConfigParser.parse("d.conf",
                "neighbor 10.0.0.1 {\n local-as 1; peer-as 2; description edge  router   one;\n}\n").neighbors().get(0);
        assertEquals(Optional.of("edge router one"), n.description());
        assertTrue(n.routerId().isEmpty(), "no router-id and no local-address: decided when the session is up");
    }

    @Test
    void emptyFileIsValidWithNoNeighbors() throws ConfigException {
        Configuration configuration = ConfigParser.parse(resource("empty.conf"));
        assertTrue(configuration.neighbors().isEmpty());
        assertEquals(Optional.empty(), configuration.reactor());
    }

    @Test
    void samePeerFromTwoLocalAddressesIsTwoNeighbors() throws ConfigException {
        Configuration configuration = ConfigParser.parse(resource("two-neighbors.conf"));
        assertEquals(2, configuration.neighbors().size());
        NeighborConfig first = configuration.neighbors().get(0);
        assertTrue(first.prependsLocalAs());
        assertEquals(List.of(new Community(64500L << 16 | 100)), first.routes().get(0).attributes().communities());
        assertEquals(NeighborConfig.DEFAULT_FAMILIES, first.families());
    }

    @Test
    void missingFileIsOneLine(@TempDir Path dir) {
        Path missing = dir.resolve("nope.conf");
        ConfigException error = assertThrows(ConfigException.class, () -> ConfigParser.parse(missing));
        assertEquals(missing + ": cannot read: no such file", error.getMessage());
        ConfigException directory = assertThrows(ConfigException.class, () -> ConfigParser.parse(dir));
        assertEquals(dir + ": cannot read: is a directory", directory.getMessage());
    }

    @Test
    void notUtf8IsOneLine(@TempDir Path dir) throws Exception {
        Path binary = dir.resolve("bin.conf");
        java.nio.file.Files.write(binary, new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF});
        ConfigException error = assertThrows(ConfigException.class, () -> ConfigParser.parse(binary));
        assertEquals(binary + ": cannot read: not UTF-8 text", error.getMessage());
    }

    @Test
    void processListsWithCommasPatternsRespawnAndWatchdogs() throws ConfigException {
        Configuration c = ConfigParser.parse("t.conf", """
                process add-one { run /bin/true; }
                process add-two { run /bin/true; respawn false; }
                process other { run /bin/true; }
                neighbor 192.0.2.1 {
                    local-as 65000; peer-as 65001; router-id 192.0.2.2;
                    api { processes [ other, add-one ]; }
                    api { processes-match [ "^add" ]; }
                    static { route 10.0.0.0/24 next-hop 192.0.2.2 watchdog dnsr withdraw; }
                }
                """);
        assertTrue(c.processes().get(0).respawn());
        assertFalse(c.processes().get(1).respawn());
        List<ApiConfig> apis = c.neighbors().get(0).apis();
        assertEquals(List.of("other", "add-one"), apis.get(0).processes());
        assertEquals(List.of("add-one", "add-two"), apis.get(1).processes());
        RouteConfig route = c.neighbors().get(0).routes().get(0);
        assertEquals(Optional.of("dnsr"), route.attributes().watchdog());
        assertTrue(route.attributes().withdrawn());
        assertTrue(route.watchedBy("dnsr"));
        assertFalse(route.announced().attributes().withdrawn());
    }

    @Test
    void badProcessPatternSaysWhere() {
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class, () -> ConfigParser.parse("t.conf",
                "process p { run /bin/true; }\nneighbor 192.0.2.1 { local-as 1; peer-as 2; router-id 1.1.1.1;\n"
                        + "  api { processes-match [ \"(\" ]; } }\n"));
        assertTrue(e.getMessage().startsWith("t.conf:3:27: found '(', expected a regular expression"), e.getMessage());
    }

    @Test
    void routesWrittenWithEqualAttributesShareOneAttributeSet() throws ConfigException {
        NeighborConfig n = ConfigParser.parse("t.conf", """
                neighbor 192.0.2.1 {
                  router-id 10.0.0.1; local-as 65000; peer-as 65001;
                  static {
                    route 10.0.0.0/24 next-hop 192.0.2.9 med 5 community [ 65000:1 ];
                    route 10.0.1.0/24 next-hop 192.0.2.9 med 6 community [ 65000:1 ];
                    route 10.0.2.0/24 { next-hop 192.0.2.9; med 5; community [ 65000:1 ]; }
                  }
                }
                """).neighbors().get(0);
        List<RouteConfig> routes = n.routes();
        assertEquals(3, routes.size());
        assertTrue(routes.get(0).attributes() == routes.get(2).attributes(), "equal sets are one object");
        assertFalse(routes.get(0).attributes().equals(routes.get(1).attributes()));
        assertEquals(List.of("10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"),
                routes.stream().map(r -> r.prefix().toString()).toList());
    }

    @Test
    void aLongConfigurationIsReadAsAStreamAndItsErrorsKeepTheirPlace(@TempDir Path dir) throws Exception {
        StringBuilder text = new StringBuilder("neighbor 192.0.2.1 {\n  router-id 10.0.0.1; local-as 65000; peer-as 65001;\n"
                + "  static {\n");
        for (int i = 0; i < 20_000; i++) {
            text.append("    route 10.").append(i >> 8).append('.').append(i & 0xFF)
                    .append(".0/24 next-hop 192.0.2.9 med ").append(i % 7).append(";\n");
        }
        String good = text + "  }\n}\n";
        NeighborConfig n = ConfigParser.parse("t.conf", good).neighbors().get(0);
        assertEquals(20_000, n.routes().size());
        Path file = dir.resolve("t.conf");
        java.nio.file.Files.writeString(file, good);
        assertEquals(n.routes(), ConfigParser.parse(file).neighbors().get(0).routes(), "read from the file as a stream");
        java.nio.file.Files.writeString(file, text + "    route 10.0.0.0/24 next-hop 192.0.2.9 colour 5;\n");
        ConfigException inFile = assertThrows(ConfigException.class, () -> ConfigParser.parse(file));
        assertTrue(inFile.getMessage().startsWith(file + ":20004:42: found 'colour'"), inFile.getMessage());
        assertEquals(7, n.routes().stream().map(RouteConfig::attributes).distinct().count());
        // the first error in the file is the one reported, wherever the tokenizer has got to
        ConfigException quote = assertThrows(ConfigException.class,
                () -> ConfigParser.parse("t.conf", text + "    route 10.0.0.0/24 next-hop 192.0.2.9 name \"x;\n  }\n}\n"));
        assertEquals("t.conf:20004:47: found '\"x;', expected a closing \" on the same line", quote.getMessage());
        ConfigException first = assertThrows(ConfigException.class,
                () -> ConfigParser.parse("t.conf", text + "    route 10.0.0.0/24 next-hop 192.0.2.9 colour 5;\n"
                        + "    route 10.0.0.0/24 next-hop 192.0.2.9 name \"x;\n  }\n}\n"));
        assertTrue(first.getMessage().startsWith("t.conf:20004:42: found 'colour'"), first.getMessage());
    }
}
