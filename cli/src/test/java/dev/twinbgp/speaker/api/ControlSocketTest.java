package dev.twinbgp.speaker.api;

import dev.twinbgp.speaker.session.Await;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.twinbgp.bgp.rib.Route;
import dev.twinbgp.bgp.wire.attribute.Attribute;
import dev.twinbgp.bgp.wire.attribute.Attributes;
import dev.twinbgp.bgp.wire.ErrorCodes;
import dev.twinbgp.bgp.wire.family.Prefix;
import dev.twinbgp.cli.Main;
import dev.twinbgp.speaker.session.PeerDriver;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code twinbgp ctl} against a running speaker, through a real Unix-domain socket. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ControlSocketTest {
    @TempDir
    java.nio.file.Path dir;

    private ApiHarness harness;
    private java.nio.file.Path socket;

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    private record Result(int exit, String out, String err) {
    }

    private Result ctl(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 3];
        all[0] = "ctl";
        all[1] = "--socket";
        all[2] = socket.toString();
        System.arraycopy(args, 0, all, 3, args.length);
        int exit = cli.execute(all);
        return new Result(exit, out.toString(), err.toString());
    }

    private void startSpeaker() throws Exception {
        java.nio.file.Path script = ApiHarness.script(dir, "idle.sh", "exec cat > /dev/null\n");
        socket = dir.resolve("run").resolve("twinbgp.sock");
        Files.createDirectories(socket.getParent(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        harness = ApiHarness.start("selector", "selector", dir, ProcessEndToEndTest.config("idle", script, "text", ""),
                Api.Options.defaults().withControlSocket(socket), List.of(), true);
        Await.until("established", harness::established);
    }

    @Test
    void ctlDrivesARunningSpeaker() throws Exception {
        startSpeaker();
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)), "socket mode 0600");

        Result version = ctl("version");
        assertEquals(0, version.exit());
        assertEquals("twinbgp dev", version.out().strip());

        Result announce = ctl("announce", "route", "198.51.100.0/24", "next-hop", "127.0.0.2", "med", "7");
        assertEquals(0, announce.exit(), announce.err());
        PeerDriver peer = harness.peerSide();
        Await.until("the peer got the route", () -> ApiHarness.ribInSize(peer) == 1);

        Result rib = ctl("show", "adj-rib", "out");
        assertEquals("neighbor 127.0.0.3 ipv4 unicast 198.51.100.0/24 next-hop 127.0.0.2 origin igp as-path [ 65001 ] med 7",
                rib.out().strip());

        Result summary = ctl("show", "neighbor", "summary");
        assertTrue(summary.out().lines().skip(1).findFirst().orElseThrow().matches("127\\.0\\.0\\.3 +65002 +\\d+:\\d\\d:\\d\\d established +\\d+ +\\d+"),
                summary.out());

        JsonNode json = new ObjectMapper().readTree(ctl("--json", "show", "neighbor").out());
        // ExaBGP's keys: "state" up/down, the FSM state in "fsm"
        assertEquals("up", json.get(0).get("state").asText(), json.toString());
        assertEquals("ESTABLISHED", json.get(0).get("fsm").asText(), json.toString());
        assertEquals(65002, json.get(0).get("peer").get("as").asLong(), json.toString());
        assertEquals(65002, json.get(0).get("peer-as").asLong());

        Result selected = ctl("neighbor", "127.0.0.3", "withdraw", "route", "198.51.100.0/24");
        assertEquals(0, selected.exit(), selected.err());
        Await.until("the peer lost the route", () -> ApiHarness.ribInSize(peer) == 0);

        Result unmatched = ctl("neighbor", "192.0.2.99", "withdraw", "route", "198.51.100.0/24");
        assertEquals(1, unmatched.exit());
        assertEquals("no configured neighbor matches the selector", unmatched.err().strip());

        Result teardown = ctl("teardown", "127.0.0.3", "4");
        assertEquals(0, teardown.exit(), teardown.err());
        Await.until("the peer got the Cease", () -> !harness.peerEvents.notificationsReceived.isEmpty());
        assertEquals(ErrorCodes.CEASE, harness.peerEvents.notificationsReceived.get(0).code());
        assertEquals(4, harness.peerEvents.notificationsReceived.get(0).subcode());
        // As in ExaBGP, a teardown ends the session, not the neighbor: it comes back.
        PeerDriver twinSide = harness.twin.peers().get(0);
        Await.until("the session is established again after the teardown",
                () -> twinSide.state() == dev.twinbgp.bgp.fsm.State.ESTABLISHED
                        && harness.peerEvents.notificationsReceived.size() == 1);
    }

    @Test
    void showNeighborCountsPrefixesPerFamily() throws Exception {
        java.nio.file.Path script = ApiHarness.script(dir, "idle.sh", "exec cat > /dev/null\n");
        socket = dir.resolve("run").resolve("twinbgp.sock");
        Files.createDirectories(socket.getParent(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        dev.twinbgp.bgp.rib.Path path = new dev.twinbgp.bgp.rib.Path(Attributes.of(new Attribute.Origin(Attribute.Origin.IGP),
                Attribute.AsPath.sequence(65002L), Attribute.NextHop.of(ApiHarness.PEER)));
        List<Route> routes = List.of(new Route(Prefix.parse("203.0.113.0/24"), path),
                new Route(Prefix.parse("203.0.114.0/24"), path), new Route(Prefix.parse("203.0.115.0/24"), path));
        harness = ApiHarness.start("selector", "netty", dir, ProcessEndToEndTest.config("idle", script, "text", ""),
                Api.Options.defaults().withControlSocket(socket), routes, true);
        Await.until("established", harness::established);
        Await.until("twinbgp holds the peer's 3 routes", () -> ApiHarness.ribInSize(harness.twinSide()) == 3);
        assertEquals(0, ctl("announce", "route", "198.51.100.0/24", "next-hop", "127.0.0.2").exit());
        Await.until("the peer got the route", () -> ApiHarness.ribInSize(harness.peerSide()) == 1);

        JsonNode counts = new ObjectMapper().readTree(ctl("--json", "show", "neighbor").out()).get(0).get("prefixes");
        assertEquals("{\"ipv4 unicast\":{\"received\":3,\"accepted\":3,\"sent\":1}}", counts.toString());
        Result summary = ctl("show", "neighbor", "summary");
        assertTrue(summary.out().lines().anyMatch(l -> l.matches("Peer +Family +received +accepted +sent")), summary.out());
        assertTrue(summary.out().lines().anyMatch(l -> l.matches("127\\.0\\.0\\.3 +ipv4 unicast +3 +3 +1")), summary.out());

        // A withdrawal leaves the received count (announcements made) and lowers the accepted one (routes held).
        harness.peerSide().withdraw(List.of(Prefix.parse("203.0.114.0/24")));
        Await.until("twinbgp dropped the withdrawn route", () -> ApiHarness.ribInSize(harness.twinSide()) == 2);
        Result extensive = ctl("show", "neighbor", "extensive");
        assertTrue(extensive.out().contains("\n  Prefixes        ipv4 unicast: received 3 accepted 2 sent 1\n"), extensive.out());
    }

    @Test
    void malformedCommandsGetTheirErrorLineAndChangeNothing() throws Exception {
        startSpeaker();
        Result bad = ctl("announce", "route", "198.51.100.0/24", "next-hop", "127.0.0.2", "med", "lots");
        assertEquals(1, bad.exit());
        assertEquals("announce column 55: found 'lots', expected a MED (0-4294967295)", bad.err().strip());
        assertEquals("", bad.out());
        Result unknown = ctl("frobnicate");
        assertEquals(1, unknown.exit());
        assertEquals("unknown command 'frobnicate', expected " + CommandParser.COMMANDS, unknown.err().strip());
        Result family = ctl("announce", "route", "2001:db8::/32", "next-hop", "2001:db8::1");
        assertEquals(1, family.exit());
        assertEquals("neighbor 127.0.0.3 is not configured for ipv6 unicast (family { } block)", family.err().strip());
        Result group = ctl("group", "start"); // one command per connection: only a process groups lines
        assertEquals(1, group.exit());
        assertEquals("group start / group end: only an API process groups lines; here write 'group COMMAND ; COMMAND ...'"
                + " on one line", group.err().strip());
        PeerDriver twin = harness.twinSide();
        assertEquals(0, (int) twin.query(() -> twin.adjRibOut().size()).get(), "nothing was announced");
        assertEquals(null, twin.query(() -> twin.adjRibOut().routes().stream()
                .filter(r -> r.prefix().equals(Prefix.parse("198.51.100.0/24"))).findFirst().orElse(null)).get());
    }

    @Test
    void shutdownRunsTheWiredAction() throws Exception {
        java.nio.file.Path script = ApiHarness.script(dir, "idle.sh", "exec cat > /dev/null\n");
        socket = dir.resolve("run").resolve("twinbgp.sock");
        Files.createDirectories(socket.getParent());
        java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
        harness = ApiHarness.start("selector", "selector", dir, ProcessEndToEndTest.config("idle", script, "text", ""),
                Api.Options.defaults().withControlSocket(socket).withShutdown(stopped::countDown), List.of(), true);
        assertEquals(0, ctl("shutdown").exit());
        assertTrue(stopped.await(30, TimeUnit.SECONDS), "the shutdown action ran");
        Result help = ctl("help");
        assertTrue(help.out().contains("announce route PREFIX next-hop IP [ATTRIBUTES]"), help.out());
        Result extensive = ctl("show", "neighbor", "extensive");
        assertTrue(extensive.out().startsWith("Neighbor 127.0.0.3\n"), extensive.out());
        Result eor = ctl("announce", "eor", "ipv4", "unicast");
        assertEquals(0, eor.exit(), eor.err());
        Result refresh = ctl("announce", "route-refresh", "ipv4", "unicast");
        assertEquals(0, refresh.exit(), "the harness's session is up with route refresh: " + refresh.err());
        Result noSession = ctl("announce", "route-refresh", "ipv6", "unicast");
        assertEquals(1, noSession.exit(), "IPv6 unicast was not negotiated");
        assertTrue(noSession.err().contains("no established session negotiated route refresh"), noSession.err());
    }

    @Test
    void ctlWithoutASpeakerSaysSo() {
        socket = dir.resolve("nobody.sock");
        Result r = ctl("version");
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("twinbgp ctl: no speaker answers on " + socket), r.err());
        assertTrue(r.err().contains("(is 'twinbgp run' running, with this control socket?)"), "a hint: " + r.err());
    }

    @Test
    void aStaleSocketFileIsReplacedAndALiveOneRefused() throws Exception {
        startSpeaker();
        java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> ControlServer.open(socket, false, () -> null));
        assertTrue(e.getMessage().contains("in use by another running speaker"), e.getMessage());
    }
}
