package dev.twinbgp.speaker.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.speaker.config.IpAddress;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CommandParserTest {

    private static Request parse(String line) throws CommandException {
        return CommandParser.parse(line);
    }

    @Test
    void announceRouteUsesTheConfigurationGrammar() throws Exception {
        Command.Announce a = assertInstanceOf(Command.Announce.class,
                parse("announce route 10.0.0.0/24 next-hop 1.2.3.4 med 10 community [65000:1]").command());
        assertEquals(1, a.routes().size());
        assertEquals("10.0.0.0/24", a.routes().get(0).prefix().toString());
        assertEquals(OptionalLong.of(10), a.routes().get(0).attributes().med());
        Command.Announce v6 = assertInstanceOf(Command.Announce.class,
                parse("announce ipv6 unicast 2001:db8::/32 next-hop 2001:db8::1").command());
        assertEquals(Family.IPV6_UNICAST, v6.routes().get(0).family());
    }

    @Test
    void attributesNlriGivesOneRoutePerPrefix() throws Exception {
        Command.Announce a = assertInstanceOf(Command.Announce.class,
                parse("announce attributes next-hop 10.0.255.254 origin igp local-preference 200 nlri 10.0.4.0/24 10.0.5.0/24").command());
        assertEquals(2, a.routes().size());
        assertEquals("10.0.5.0/24", a.routes().get(1).prefix().toString());
        assertEquals(OptionalLong.of(200), a.routes().get(1).attributes().localPreference());
    }

    @Test
    void groupHoldsRouteChangesSeparatedBySemicolons() throws Exception {
        // ExaBGP's group command, as conf-mvpn.ci sends it: applied together, one acknowledgement
        Request r = parse("group announce route 10.0.0.0/24 next-hop 1.2.3.4 ; neighbor 127.0.0.1 withdraw route 10.0.1.0/24 ;");
        Command.Group g = assertInstanceOf(Command.Group.class, r.command());
        assertEquals(2, g.requests().size());
        assertInstanceOf(Command.Announce.class, g.requests().get(0).command());
        assertInstanceOf(Command.Withdraw.class, g.requests().get(1).command());
        assertEquals(1, g.requests().get(1).selectors().size());
        assertTrue(CommandExecutor.isRouteChange(g));
        assertThrows(CommandException.class, () -> parse("group announce route 10.0.0.0/24 next-hop 1.2.3.4 ; show neighbor"));
        assertThrows(CommandException.class, () -> parse("group"));
        assertInstanceOf(Command.GroupStart.class, parse("group start").command()); // the multi-line form
        assertInstanceOf(Command.GroupEnd.class, parse("group end").command());
        assertFalse(CommandExecutor.isRouteChange(parse("group start").command()));
        assertThrows(CommandException.class, () -> parse("group announce route 10.0.0.0/24 next-hop 1.2.3.4 ; group withdraw route 10.0.0.0/24"));
    }

    @Test
    void withdrawNeedsNoNextHop() throws Exception {
        assertInstanceOf(Command.Withdraw.class, parse("withdraw route 10.0.0.0/24").command());
    }

    @Test
    void neighborSelectorsSeparatedByCommas() throws Exception {
        Request r = parse("neighbor 192.0.2.1 local-ip 192.0.2.2 peer-as 65001, neighbor 192.0.2.9 withdraw route 10.0.0.0/8");
        assertEquals(2, r.selectors().size());
        NeighborSelector first = r.selectors().get(0);
        assertEquals(Optional.of(IpAddress.parse("192.0.2.1")), first.peer());
        assertEquals(Optional.of(IpAddress.parse("192.0.2.2")), first.localIp());
        assertEquals(OptionalLong.of(65001), first.peerAs());
        assertEquals(Optional.of(IpAddress.parse("192.0.2.9")), r.selectors().get(1).peer());
        assertInstanceOf(Command.Withdraw.class, r.command());
        assertEquals(NeighborSelector.ANY, parse("neighbor * show neighbor").selectors().get(0));
    }

    @Test
    void operationalCommands() throws Exception {
        assertEquals(new Command.ShowNeighbor(false, false), parse("show neighbor summary").command());
        assertEquals(new Command.ShowNeighbor(true, true), parse("show neighbor extensive json").command());
        assertEquals(new Command.ShowAdjRib(true, true, false), parse("show adj-rib in extensive").command());
        // ExaBGP's filter: the neighbor's address among the keywords
        IpAddress peer = IpAddress.parse("192.0.2.1");
        assertEquals(new Command.ShowNeighbor(Command.NeighborView.SUMMARY, false, Optional.of("192.0.2.1")),
                parse("show neighbor 192.0.2.1 summary").command());
        assertEquals(new Command.ShowNeighbor(Command.NeighborView.EXTENSIVE, false, Optional.of("192.0.2.1")),
                parse("show neighbor extensive 192.0.2.1").command());
        // ExaBGP's configuration view, its filter a part of the neighbor's name (here an AS number)
        assertEquals(new Command.ShowNeighbor(Command.NeighborView.CONFIGURATION, false, Optional.of("65003")),
                parse("show neighbor 65003 configuration").command());
        // ExaBGP's precedence whatever the order: summary, then extensive, then configuration
        assertEquals(new Command.ShowNeighbor(Command.NeighborView.EXTENSIVE, false, Optional.empty()),
                parse("show neighbor configuration extensive").command());
        assertThrows(CommandException.class, () -> parse("show neighbor configuratoin"));
        assertEquals(new Command.ShowAdjRib(false, false, true, Optional.of(peer)), parse("show adj-rib out 192.0.2.1 json").command());
        assertEquals(new Command.ShowAdjRib(false, false, false, Optional.empty(), Optional.of(Command.RouteKind.FLOW)),
                parse("show adj-rib out flow").command());
        assertEquals(new Command.FlushAdjRibOut(), parse("flush adj-rib out").command());
        assertEquals(new Command.ClearAdjRib(false), parse("clear adj-rib out").command());
        assertEquals(new Command.Teardown(Optional.of(IpAddress.parse("192.0.2.1")), 4), parse("teardown 192.0.2.1 4").command());
        assertEquals(new Command.Teardown(Optional.empty(), 2), parse("neighbor 192.0.2.1 teardown").command());
        assertEquals(new Command.EndOfRib(Optional.of(Family.IPV4_UNICAST)), parse("announce eor ipv4 unicast").command());
        assertEquals(new Command.EndOfRib(Optional.empty()), parse("announce eor").command());
        assertEquals(new Command.EndOfRib(Optional.of(Family.IPV4_MULTICAST)), parse("announce eor ipv4 multicast").command());
        assertEquals(Family.IPV4_MULTICAST, ((Command.Announce) parse("announce ipv4 multicast 10.0.0.0/24 next-hop 1.2.3.4")
                .command()).routes().get(0).family());
        assertEquals(Family.IPV6_MULTICAST, ((Command.Withdraw) parse("withdraw ipv6 multicast 2001:db8::/32")
                .command()).routes().get(0).family());
        // RFC 4684 memberships, ExaBGP's announce/rtc.py grammar
        dev.twinbgp.speaker.config.FlowConfig rtc = ((Command.Announce) parse(
                "announce ipv4 rtc origin-as 65001 route-target 65001:100 next-hop 192.0.2.1").command()).flows().get(0);
        assertEquals(Family.IPV4_RTC, rtc.family());
        assertEquals("60" + "0000fde9" + "0002fde900000064", java.util.HexFormat.of().formatHex(rtc.rule().route().nlri()));
        assertEquals("rtc 65001:target:192.0.2.1:7", ((Command.Announce) parse(
                "announce ipv4 rtc origin-as 65001 route-target target:192.0.2.1:7 next-hop 192.0.2.1").command()).flows()
                .get(0).rule().toString());
        assertEquals("00", java.util.HexFormat.of().formatHex(((Command.Withdraw) parse("withdraw ipv4 rtc default").command())
                .flows().get(0).rule().route().nlri()));
        assertEquals(new Command.RouteRefresh(Family.IPV6_UNICAST), parse("announce route-refresh ipv6 unicast").command());
        assertEquals(new Command.SetAck(Command.AckMode.SILENCED), parse("silence-ack").command());
        assertInstanceOf(Command.Shutdown.class, parse("shutdown").command());
        assertInstanceOf(Command.Version.class, parse("version").command());
        assertInstanceOf(Command.Help.class, parse("help").command());
    }

    @Test
    void blankLinesAndCommentsAreIgnored() throws Exception {
        assertNull(parse("   "));
        assertNull(parse("# a comment"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "frobnicate|unknown command 'frobnicate', expected announce, withdraw, group, show, flush, clear, teardown, shutdown, reload, version, help, ping, operational, create, delete, enable-ack, disable-ack, silence-ack or neighbor",
        "announce|announce: expected route, flow route, ipv4, ipv6, attributes, eor, route-refresh or watchdog",
        "announce foo|announce: expected route, flow route, ipv4, ipv6, attributes, eor, route-refresh or watchdog, found 'foo'",
        "announce flow route source 10.0.0.0/8 protocol =tcpp then discard|announce column 48: found '=tcpp', expected a protocol (tcp, udp, icmp, gre, ... or 0-255)",
        "announce flow route { match { source 10.0.0.0/8; } then { rate-limit fast; } }|announce column 70: found 'fast', expected a rate in bytes per second",
        "announce route 10.0.0.0/24|announce column 27: found end of the command, expected next-hop (route 10.0.0.0/24 has no next hop)",
        "announce route 10.0.0.0/33 next-hop 1.2.3.4|announce column 16: found '10.0.0.0/33', expected a prefix length of 0-32",
        "announce route 10.0.0.0/24 next-hop 1.2.3.4 med x|announce column 49: found 'x', expected a MED (0-4294967295)",
        "withdraw|withdraw: expected route, flow route, ipv4, ipv6, attributes or watchdog",
        "announce watchdog|expected a watchdog name after announce watchdog",
        "withdraw watchdog dnsr now|unexpected 'now', expected withdraw watchdog NAME",
        "ping a b c|ping: expected ping [UUID [TIMESTAMP]] or ping text",
        "announce attributes next-hop 1.2.3.4 10.0.0.0/8|announce attributes: expected ATTRIBUTES nlri PREFIX [PREFIX ...]",
        "announce attributes med 5 nlri 10.0.0.0/8|announce attributes: expected next-hop among the attributes",
        "announce attributes next-hop 1.2.3.4 nlri 10.0.0.1/8|announce attributes: host bits set in 10.0.0.1/8",
        "announce eor ipv4 flowspec|announce eor: expected AFI SAFI (ipv4 or ipv6; unicast, multicast, nlri-mpls, mpls-vpn, flow, flow-vpn, mcast-vpn, mup or sr-policy; or l2vpn evpn or vpls; or bgp-ls bgp-ls)",
        "announce route-refresh|announce route-refresh: expected AFI SAFI (e.g. ipv4 unicast)",
        "show|show: expected neighbor or adj-rib",
        "show adj-rib sideways|show adj-rib: expected in or out",
        "show neighbor verbose|show neighbor: found 'verbose', expected summary, extensive, configuration, json or a neighbor's address (or a part of it)",
        "show neighbor 10.0.0.1 10.0.0.2 summary|show neighbor: found '10.0.0.2' after the filter 10.0.0.1: one filter at most",
        "show adj-rib out sideways|show adj-rib out: found 'sideways', expected extensive, json, inet, flow, l2vpn or a neighbor's address",
        "flush adj-rib in|expected 'out'",
        "clear adj-rib|clear adj-rib: expected in or out",
        "teardown 192.0.2.1 999|teardown: expected a Cease subcode 0-255, found '999'",
        "teardown banana|teardown: expected an IP address, found 'banana'",
        "neighbor 300.1.1.1 announce route 10.0.0.0/8 next-hop 1.1.1.1|neighbor: expected an IP address, found '300.1.1.1'",
        "neighbor 192.0.2.1 peer-as x announce eor|peer-as: expected an AS number 0-4294967295, found 'x'",
        "neighbor 192.0.2.1|expected a command after the neighbor selector",
        "neighbor 192.0.2.1, withdraw route 10.0.0.0/8|expected 'neighbor' after ','",
        "version now|unexpected 'now', expected version",
        "operational|operational: expected adm, asm, rpcq, rpcp, apcq, apcp, lpcq or lpcp",
        "operational nsq afi ipv4|operational: unknown type 'nsq', expected adm, asm, rpcq, rpcp, apcq, apcp, lpcq or lpcp",
        "operational adm afi ipv4 safi unicast|operational adm: missing 'advisory', expected afi ... safi ... advisory",
        "operational rpcp afi ipv4 safi unicast sequence 1 counter x|operational rpcp: counter must be 0..4294967295, found 'x'",
        "operational rpcq safi unicast afi ipv4 sequence 1|operational rpcq: unexpected 'safi', expected 'afi'",
        "operational rpcq afi ipv4 safi unicast router-id 1.2.3 sequence 1|operational rpcq: router-id must be an IPv4 address, found '1.2.3'",
        "operational adm afi ipv4 safi unicast advisory \"open|operational: unterminated quoted string at column 48",
    })
    void malformedCommandsSayWhatWasExpected(String line, String expected) {
        CommandException e = assertThrows(CommandException.class, () -> parse(line));
        assertEquals(expected, e.getMessage());
    }

    @Test
    void operationalCommandsAsExaBgpWritesThem() throws CommandException {
        Command.Operational adm = (Command.Operational) parse(
                "neighbor 192.0.2.1 operational adm afi ipv4 safi unicast advisory \"this is a test\"").command();
        assertEquals(dev.twinbgp.bgp.wire.Operational.advisory(dev.twinbgp.bgp.wire.Operational.ADM,
                dev.twinbgp.bgp.wire.family.Family.IPV4_UNICAST, "this is a test"), adm.message(1));
        Command.Operational lpcp = (Command.Operational) parse(
                "operational lpcp afi ipv6 safi unicast router-id 10.0.0.9 sequence 3 counter 4").command();
        assertEquals(dev.twinbgp.bgp.wire.Operational.counter(dev.twinbgp.bgp.wire.Operational.LPCP,
                dev.twinbgp.bgp.wire.family.Family.IPV6_UNICAST, 0x0A000009L, 3, 4), lpcp.message(1));
        // ExaBGP 4 and 5 register the command as 'announce operational' (reactor/api/command/announce.py)
        Command.Operational rpcq = (Command.Operational) parse(
                "neighbor 192.0.2.1 announce operational rpcq afi ipv4 safi unicast sequence 7").command();
        assertEquals(dev.twinbgp.bgp.wire.Operational.query(dev.twinbgp.bgp.wire.Operational.RPCQ,
                dev.twinbgp.bgp.wire.family.Family.IPV4_UNICAST, 1, 7), rpcq.message(1));
        assertEquals(adm.message(1), ((Command.Operational) parse(
                "announce operational adm afi ipv4 safi unicast advisory \"this is a test\"").command()).message(1));
    }

    @Test
    void randomLinesNeverThrowAnythingButCommandException() {
        java.util.Random random = new java.util.Random(20261122);
        String[] words = {"announce", "withdraw", "route", "attributes", "nlri", "neighbor", ",", "*", "10.0.0.0/8",
            "2001:db8::/32", "next-hop", "1.2.3.4", "self", "[", "]", "(", ")", "as-path", "community", "65000:1", "med",
            "eor", "ipv4", "unicast", "show", "adj-rib", "in", "out", "teardown", "local-as", "99999999999", "-1", ";",
            "\"", "{", "}", "split", "/24", "path-information", "attribute", "0x20", "0xc0", "\u00e9", "\t"};
        for (int i = 0; i < 20_000; i++) {
            StringBuilder line = new StringBuilder();
            int n = random.nextInt(12);
            for (int w = 0; w < n; w++) {
                line.append(words[random.nextInt(words.length)]).append(random.nextInt(8) == 0 ? "" : " ");
            }
            try {
                parse(line.toString());
            } catch (CommandException e) {
                assertTrue(!e.getMessage().isBlank(), line::toString);
                assertTrue(!e.getMessage().startsWith("cannot read the command"), () -> line + " -> " + e.getMessage());
            }
        }
    }

    @Test
    void neverThrowsAnythingElse() {
        String[] nasty = {"announce route", "announce route /", "neighbor", "neighbor ,", ",,,", "announce attributes nlri",
            "withdraw attributes nlri", "announce route 10.0.0.0/24 next-hop 1.2.3.4 as-path [", "\u0000\u0001", "show adj-rib"};
        for (String line : nasty) {
            try {
                parse(line);
            } catch (CommandException e) {
                assertTrue(!e.getMessage().isEmpty());
            }
        }
    }

    @Test
    void watchdogAndPing() throws CommandException {
        assertEquals(new Command.Watchdog("dnsr", true), parse("announce watchdog dnsr").command());
        assertEquals(new Command.Watchdog("dnsr", false), parse("neighbor 127.0.0.1 withdraw watchdog dnsr").command());
        assertEquals(new Command.Ping(false), parse("ping").command());
        assertEquals(new Command.Ping(false), parse("ping 0f5c3f6e-8b4a-4f0e-9d3c-5a2b1c0d9e8f 1700000000.5").command());
        assertEquals(new Command.Ping(true), parse("ping text").command());
    }

    @Test
    void createNeighborBecomesAConfigurationBlock() throws CommandException {
        Command.CreateNeighbor c = (Command.CreateNeighbor) parse("create neighbor 127.0.0.1 local-address 127.0.0.1"
                + " local-as 1 peer-as 1 router-id 1.2.3.4 family ipv4 unicast api peer-lifecycle").command();
        assertEquals("neighbor 127.0.0.1 { local-address 127.0.0.1; local-as 1; peer-as 1; router-id 1.2.3.4;"
                + " family { ipv4 unicast; } api { processes [ peer-lifecycle ]; } }", c.config());
        assertEquals(new Command.DeleteNeighbor(dev.twinbgp.speaker.config.IpAddress.parse("127.0.0.1")),
                parse("delete neighbor 127.0.0.1").command());
    }
}
