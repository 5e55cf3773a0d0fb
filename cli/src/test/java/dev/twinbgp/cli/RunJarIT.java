package dev.twinbgp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.twinbgp.bgp.wire.BgpMessage;
import dev.twinbgp.bgp.wire.Keepalive;
import dev.twinbgp.bgp.wire.Notification;
import dev.twinbgp.bgp.wire.Open;
import dev.twinbgp.bgp.wire.family.Prefix;
import dev.twinbgp.bgp.wire.Update;
import dev.twinbgp.speaker.config.ConfigException;
import dev.twinbgp.speaker.config.ConfigParser;
import dev.twinbgp.speaker.session.EveryReactor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code twinbgp run} as a real process (failsafe runs this after {@code package}): bad input
 * fails fast with one line; against a blocking-socket test peer it sends its routes and
 * End-of-RIB, writes JSON events on stdout, and on SIGTERM sends Cease / Administrative
 * Shutdown and exits 0.
 */
class RunJarIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path config(String text) throws Exception {
        Path file = dir.resolve("twinbgp.conf");
        Files.writeString(file, text);
        return file;
    }

    private static String neighbor(int connectPort) {
        return """
                neighbor 127.0.0.1 {
                    router-id 10.0.0.1;
                    local-address 127.0.0.1;
                    local-as 65001;
                    peer-as 65002;
                    hold-time 30;
                    connect %d;
                    family { ipv4 unicast; }
                    static {
                        route 10.1.0.0/24 next-hop 127.0.0.1 med 10;
                        route 10.1.1.0/24 next-hop 127.0.0.1 med 10;
                        route 10.2.0.0/24 next-hop 127.0.0.1 community [ 65001:1 ];
                    }
                }
                """.formatted(connectPort);
    }

    @Test
    void aBadConfigurationIsTheParsersOneLineAndExitTwo() throws Exception {
        Path file = config("neighbor 127.0.0.1 {\n    local-as 65001;\n    bogus 1;\n}\n");
        ConfigException expected = assertThrows(ConfigException.class, () -> ConfigParser.parse(file));
        try (JarProcess p = JarProcess.start("run", "--config", file.toString())) {
            assertEquals(2, p.waitFor(60));
            assertEquals(List.of(expected.getMessage()), p.err, "exactly the parser's line, no stack trace, no log");
            assertTrue(expected.getMessage().startsWith(file + ":3:5: "), expected.getMessage());
            assertEquals(List.of(), p.out);
        }
    }

    /**
     * A neighbor without router-id (nor an IPv4 local-address to take it from) is refused after parsing, by the peer
     * mapping: at the neighbor's block, {@code FILE:LINE:COLUMN: ...} like every other configuration error (it was
     * {@code FILE: ...}, the neighbor model keeps no positions), exit 2, no stack trace - by run and by validate.
     */
    @Test
    void aNeighborWithoutRouterIdIsRefusedAtItsBlock() throws Exception {
        Path file = config("process p { run /bin/cat; encoder text; }\n\n  neighbor 2001:db8::1 {\n"
                + "    local-as 65001;\n    peer-as 65002;\n}\n");
        String expected = file + ":3:12: neighbor 2001:db8::1: needs a router-id (or an IPv4 local-address to take it from)";
        for (String command : List.of("run", "validate")) {
            try (JarProcess p = JarProcess.start(command, "--config", file.toString())) {
                assertEquals(2, p.waitFor(60), command);
                assertEquals(List.of(expected), p.err, command + ": exactly the one line, no stack trace, no log");
                assertEquals(List.of(), p.out, command);
            }
        }
    }

    /** Bad usage names the command it is about, as every other error of run does ("twinbgp run: ..."). */
    @Test
    void noConfigurationFileIsTwoLinesNamingTheCommand() throws Exception {
        try (JarProcess p = JarProcess.start("run")) {
            assertEquals(2, p.waitFor(60));
            assertEquals(List.of("twinbgp run: Missing the configuration file: give it as --config FILE or as FILE",
                    "Try 'twinbgp run --help'."), p.err);
        }
    }

    @Test
    void validateExitsTwoForTheSameFile() throws Exception {
        Path file = config("neighbor 127.0.0.1 { bogus; }\n");
        try (JarProcess p = JarProcess.start("validate", "--config", file.toString())) {
            assertEquals(2, p.waitFor(60));
            assertEquals(1, p.err.size(), p.stderr());
        }
    }

    @Test
    void anUnknownReactorIsOneLineListingTheAvailableOnes() throws Exception {
        Path file = config(neighbor(179));
        try (JarProcess p = JarProcess.start("run", "--config", file.toString(), "--reactor", "epoll")) {
            assertEquals(2, p.waitFor(60));
            assertEquals(List.of("twinbgp run: unknown reactor 'epoll' (from --reactor); available: netty, selector, virtual"), p.err);
        }
    }

    /**
     * A listening port in use, beside a neighbor we connect to: exit 1 with one sentence and no stack trace, and the
     * other peer never saw a connection from us - on every reactor. (A new user's {@code run} connected its peers
     * before it bound the port: a session had reached OpenConfirm by the time the bind failed and it exited 1.)
     * The peer's socket is asked only after the process has ended: any connection the process had opened would
     * be waiting in its accept queue, even one closed since, so the check waits on nothing.
     */
    @ParameterizedTest
    @MethodSource("dev.twinbgp.speaker.session.EveryReactor#names")
    void aPortThatCannotBeBoundIsOneLineAndExitOneAndNoPeerSeesAConnection(String reactor) throws Exception {
        try (ServerSocket taken = new ServerSocket();
             java.nio.channels.ServerSocketChannel peer = java.nio.channels.ServerSocketChannel.open()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            peer.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Path file = config("""
                    neighbor 127.0.0.5 {
                        router-id 10.0.0.1; local-address 127.0.0.1; local-as 65001; peer-as 65002;
                        passive; listen %d;
                    }
                    %s""".formatted(taken.getLocalPort(), neighbor(peer.socket().getLocalPort())));
            try (JarProcess p = JarProcess.start("run", "--config", file.toString(), "--reactor", reactor)) {
                assertEquals(1, p.waitFor(60), p.stderr());
                String last = p.err.get(p.err.size() - 1);
                assertTrue(last.matches("twinbgp run: cannot listen on 127\\.0\\.0\\.1:" + taken.getLocalPort() + ": [^\\n]+"),
                        p.stderr());
                assertFalse(p.stderr().contains("\tat "), "no stack trace: " + p.stderr());
                assertFalse(p.stderr().contains(" down: "), "no session was tried: " + p.stderr());
                assertFalse(p.stderr().contains("WARNING"), "no JVM warnings: " + p.stderr());
            }
            peer.configureBlocking(false);
            assertEquals(null, peer.accept(), "the peer never saw a connection from a speaker that could not start");
        }
    }

    /**
     * What a user reads first: the reactor, "listening on", "started" - and only then the sessions' news, such as
     * a neighbor that refuses the connection (its "down" line used to come before "listening on" and "started").
     */
    @Test
    void listeningAndStartedAreLoggedBeforeTheFirstFailedConnect() throws Exception {
        int dead = dev.twinbgp.speaker.session.Ports.freeOn("127.0.0.1");
        int listen = dev.twinbgp.speaker.session.Ports.freeOn("127.0.0.1");
        Path file = config("""
                neighbor 127.0.0.5 {
                    router-id 10.0.0.1; local-address 127.0.0.1; local-as 65001; peer-as 65002;
                    passive; listen %d;
                }
                %s""".formatted(listen, neighbor(dead)));
        try (JarProcess run = JarProcess.start("run", "--config", file.toString())) {
            assertTrue(JarProcess.await(run.err, l -> l.contains(" down: "), 60), run.stderr());
            List<String> lines = List.copyOf(run.err);
            int listening = indexOf(lines, "listening on 127.0.0.1:" + listen);
            int started = indexOf(lines, "started 2 neighbor(s)");
            int down = indexOf(lines, " down: could not connect to the peer: 127.0.0.1:" + dead);
            assertTrue(lines.get(0).contains("using the netty reactor"), run.stderr());
            assertTrue(0 < listening && listening < started && started < down, run.stderr());
            assertTrue(run.process.toHandle().destroy()); // SIGTERM
            assertEquals(0, run.waitFor(30), run.stderr());
        }
    }

    private static int indexOf(List<String> lines, String part) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(part)) {
                return i;
            }
        }
        return -1;
    }

    /** Every reactor, and "": without --reactor (netty, the default). */
    static Stream<String> reactorsAndTheDefault() {
        return Stream.concat(EveryReactor.names().stream(), Stream.of(""));
    }

    @ParameterizedTest
    @MethodSource("reactorsAndTheDefault")
    void sendsItsRoutesWritesEventsAndCeasesOnSigterm(String reactor) throws Exception {
        try (TestPeer peer = new TestPeer()) {
            Path file = config(neighbor(peer.port()));
            List<String> args = new ArrayList<>(List.of("run", "--config", file.toString(), "--events", "-"));
            if (!reactor.isEmpty()) {
                args.addAll(List.of("--reactor", reactor));
            }
            try (JarProcess p = JarProcess.start(args.toArray(String[]::new))) {
                peer.accept(30_000);
                byte[] open = peer.readRaw();
                assertEquals(1, open[18], "the speaker's first message is an OPEN");
                assertEquals(4, open[19], "BGP version 4");
                assertEquals(65001, (open[20] & 0xFF) << 8 | open[21] & 0xFF, "My Autonomous System");
                peer.sendOpen(65001);
                peer.send(new Keepalive(), TestPeer.NEGOTIATED);

                Set<Prefix> received = new java.util.HashSet<>();
                int updates = 0;
                while (true) {
                    BgpMessage m = peer.readSkippingKeepalives(TestPeer.NEGOTIATED);
                    Update u = assertInstanceOf(Update.class, m, "UPDATEs after the OPEN: " + m);
                    if (u.isEndOfRib()) {
                        break; // RFC 4724 section 2: the initial table is complete
                    }
                    updates++;
                    u.announced().forEach(nlri -> nlri.prefixes().forEach(received::add));
                }
                assertEquals(Set.of(Prefix.parse("10.1.0.0/24"), Prefix.parse("10.1.1.0/24"), Prefix.parse("10.2.0.0/24")),
                        Set.copyOf(received));
                assertEquals(2, updates, "two attribute sets, grouped: two UPDATEs");

                peer.sendOneRoute();
                assertTrue(JarProcess.await(p.out, l -> l.contains("\"type\": \"update\""), 30), "an update event: " + p.out);

                // SIGTERM. Through the handle: Process.destroy() would also close our ends of the
                // process's pipes, losing the log lines the shutdown hook writes.
                assertTrue(p.process.toHandle().destroy());
                Notification n = assertInstanceOf(Notification.class, peer.readSkippingKeepalives(TestPeer.NEGOTIATED));
                assertEquals(6, n.code(), "Cease");
                assertEquals(2, n.subcode(), "Administrative Shutdown (RFC 4486)");
                assertTrue(peer.closedBySpeaker());
                assertEquals(0, p.waitFor(5), "exit 0 within a few seconds of SIGTERM: " + p.stderr());

                String expectedReactor = reactor.isEmpty() ? "netty" : reactor;
                String source = reactor.isEmpty() ? "the default" : "--reactor";
                assertTrue(p.err.get(0).contains("using the " + expectedReactor + " reactor (from " + source + ")"),
                        "the first log line names the reactor: " + p.stderr());
                assertFalse(p.stderr().contains("WARNING"), "no JVM warnings: " + p.stderr());
                assertFalse(p.stderr().contains("\tat "), "no stack trace: " + p.stderr());
                assertTrue(p.stderr().contains("stopped"), "the last log lines are not lost: " + p.stderr());

                List<String> types = new ArrayList<>();
                List<String> states = new ArrayList<>();
                for (String line : p.out) {
                    JsonNode event = JSON.readTree(line); // every stdout line is one JSON object
                    assertEquals("127.0.0.1", event.at("/neighbor/address/peer").asText(), line);
                    assertEquals(65001, event.at("/neighbor/asn/local").asLong(), line);
                    types.add(event.get("type").asText());
                    if (event.get("type").asText().equals("state")) {
                        states.add(event.at("/neighbor/state").asText());
                    }
                }
                assertEquals(List.of("connected", "up", "down"), states, String.join("\n", p.out));
                assertTrue(types.containsAll(List.of("state", "open", "update", "notification")), types.toString());
                JsonNode update = JSON.readTree(p.out.stream().filter(l -> l.contains("\"type\": \"update\"")).findFirst().orElseThrow());
                assertEquals("in", update.at("/neighbor/direction").asText());
                assertTrue(update.at("/neighbor/message/update/announce/ipv4 unicast").toString().contains("192.0.2.0/24"),
                        update.toString());
                JsonNode cease = JSON.readTree(p.out.stream().filter(l -> l.contains("\"type\": \"notification\"")).findFirst().orElseThrow());
                assertEquals("out", cease.at("/neighbor/direction").asText());
            }
        }
    }

    /**
     * The reactor from the environment, then from the configuration; and a peer that accepts the
     * connection but never answers the OPEN delays nothing on SIGTERM.
     */
    @ParameterizedTest
    @ValueSource(strings = {"TWINBGP_REACTOR", "the configuration"})
    void theReactorFromTheEnvironmentOrTheConfigurationAndASilentPeerDelaysNothing(String source) throws Exception {
        try (TestPeer peer = new TestPeer()) {
            boolean fromEnv = source.equals("TWINBGP_REACTOR");
            Path file = config((fromEnv ? "twinbgp { reactor netty; }\n" : "twinbgp { reactor selector; }\n")
                    + neighbor(peer.port()));
            java.util.Map<String, String> env = fromEnv ? java.util.Map.of("TWINBGP_REACTOR", "selector") : java.util.Map.of();
            try (JarProcess p = JarProcess.start(env, "run", "--config", file.toString())) {
                peer.accept(30_000);
                assertEquals(1, peer.readRaw()[18], "the speaker's OPEN; the test peer never answers it");
                assertTrue(JarProcess.await(p.err, l -> l.contains("started 1 neighbor"), 30), p.stderr());
                assertTrue(p.process.toHandle().destroy()); // SIGTERM
                assertEquals(0, p.waitFor(5), "exit 0 within a few seconds of SIGTERM: " + p.stderr());
                assertTrue(p.err.get(0).contains("using the selector reactor (from " + source + ")"), p.stderr());
                assertEquals(List.of(), p.out, "no --events: nothing on stdout");
            }
        }
    }

    /**
     * A neighbor where nothing listens: one INFO line per failed attempt, the address once, and never an
     * immediate second attempt (a new user saw two "down" lines a millisecond apart for the first failure:
     * the restart schedule's immediate step, meant for a lost session, retried the refused connect at once).
     */
    @Test
    void aPeerThatRefusesIsOneDownLinePerAttemptAndTheFirstRetryWaitsASecond() throws Exception {
        int port = dev.twinbgp.speaker.session.Ports.freeOn("127.0.0.1");
        Path file = config(neighbor(port));
        try (JarProcess run = JarProcess.start("run", "--config", file.toString())) {
            assertTrue(JarProcess.await(run.err, l -> l.contains("restarting in 2 s"), 60), run.stderr());
            assertTrue(run.process.toHandle().destroy()); // SIGTERM
            assertEquals(0, run.waitFor(30), run.stderr());
            List<String> downs = run.err.stream().filter(l -> l.contains(" down: ")).toList();
            String refused = "INFO  PeerDriver - peer 127.0.0.1 down: could not connect to the peer: 127.0.0.1:" + port
                    + ": Connection refused; restarting in ";
            assertTrue(downs.size() >= 2, run.stderr());
            assertTrue(downs.get(0).endsWith(refused + "1 s"), run.stderr());
            assertTrue(downs.get(1).endsWith(refused + "2 s"), run.stderr());
        }
    }

    /** {@code twinbgp ctl} (the jar, as a second process) against {@code twinbgp run} (the jar). */
    @Test
    void ctlTalksToARunningDaemonThroughItsControlSocket() throws Exception {
        Path file = config(neighbor(dev.twinbgp.speaker.session.Ports.freeOn("127.0.0.1")));
        Path socket = dir.resolve("ctl.sock");
        try (JarProcess run = JarProcess.start("run", "--config", file.toString(), "--control-socket", socket.toString())) {
            assertTrue(JarProcess.await(run.err, l -> l.contains("control socket"), 60), run.stderr());
            assertEquals(java.util.Set.of(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                    java.nio.file.attribute.PosixFilePermission.OWNER_WRITE), Files.getPosixFilePermissions(socket));
            try (JarProcess ctl = JarProcess.start("ctl", "--socket", socket.toString(), "show", "neighbor", "summary")) {
                assertEquals(0, ctl.waitFor(60), ctl.stderr());
                assertTrue(ctl.out.stream().anyMatch(l -> l.contains("127.0.0.1")), String.join("\n", ctl.out));
                assertEquals(List.of(), ctl.err, "nothing but the answer");
            }
            try (JarProcess ctl = JarProcess.start("ctl", "--socket", socket.toString(), "bogus", "command")) {
                assertEquals(1, ctl.waitFor(60), String.join("\n", ctl.out));
                assertEquals(1, ctl.err.size(), ctl.stderr());
            }
            assertTrue(run.process.toHandle().destroy()); // SIGTERM
            assertEquals(0, run.waitFor(30), run.stderr());
            assertTrue(Files.notExists(socket), "the control socket is removed on shutdown");
        }
    }

    /** Without --control-socket: $XDG_RUNTIME_DIR/twinbgp.sock, else /tmp/twinbgp-$UID/twinbgp.sock in a 0700 directory. */
    @Test
    void theDefaultControlSocketIsUnderTheRuntimeDirectoryElseAPrivateTmpDirectory() throws Exception {
        Path file = config(neighbor(dev.twinbgp.speaker.session.Ports.freeOn("127.0.0.1")));
        Path runtime = Files.createDirectories(dir.resolve("runtime"));
        Path inRuntime = runtime.resolve("twinbgp.sock");
        String uid = String.valueOf(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        Path fallback = Path.of(System.getProperty("java.io.tmpdir"), "twinbgp-" + uid, "twinbgp.sock");
        for (String xdg : List.of(runtime.toString(), "")) {
            Path expected = xdg.isEmpty() ? fallback : inRuntime;
            try (JarProcess run = JarProcess.start(java.util.Map.of("XDG_RUNTIME_DIR", xdg), "run", "--config", file.toString())) {
                assertTrue(JarProcess.await(run.err, l -> l.contains("control socket " + expected), 60), run.stderr());
                try (JarProcess ctl = JarProcess.start(java.util.Map.of("XDG_RUNTIME_DIR", xdg), "ctl", "version")) {
                    assertEquals(0, ctl.waitFor(60), ctl.stderr());
                }
                if (xdg.isEmpty()) {
                    assertEquals(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"),
                            Files.getPosixFilePermissions(fallback.getParent()));
                }
                assertTrue(run.process.toHandle().destroy()); // SIGTERM
                assertEquals(0, run.waitFor(30), run.stderr());
            }
        }
    }
}
