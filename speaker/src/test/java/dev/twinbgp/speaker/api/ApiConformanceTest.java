package dev.twinbgp.speaker.api;

import dev.twinbgp.speaker.session.Await;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.twinbgp.bgp.fsm.State;
import dev.twinbgp.reactor.ReactorConfig;
import dev.twinbgp.speaker.config.ConfigParser;
import dev.twinbgp.speaker.config.Configuration;
import dev.twinbgp.speaker.mapping.PeerSettingsMapper;
import dev.twinbgp.speaker.session.BgpSpeaker;
import dev.twinbgp.speaker.session.EveryReactor;
import dev.twinbgp.speaker.session.PeerDriver;
import dev.twinbgp.speaker.session.PeerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For every {@code cmd} line of ExaBGP's encoding vectors ({@code encoding/*.ci}), the command sent through
 * the control socket to an established session must put exactly the {@code raw} bytes next to it on the wire,
 * on both reactors. The speaker is built from the vector's configuration by the configuration mapping, without
 * its static routes (the commands announce them); command routes go through the same mapping. Vectors come from the system property {@code twinbgp.conformance.dir}; without it
 * the test is skipped.
 *
 * <p>Besides the End-of-RIBs the commands ask for, the speaker sends one by itself after its (empty) initial
 * table (RFC 4724 section 2); as the vectors' README says, an End-of-RIB is accepted whenever it arrives.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ApiConformanceTest {
    private static final String SKIP = "twinbgp.conformance.dir not set (or not a directory): API encoding vectors"
            + " not run; run with TWINBGP_CONFORMANCE_DIR=/work/shared/conformance/exabgp-full ./run-tests";

    @TempDir
    Path dir;

    private static Path vectors() {
        String d = System.getProperty("twinbgp.conformance.dir", "");
        return d.isBlank() || !Files.isDirectory(Path.of(d)) ? null : Path.of(d);
    }

    static Stream<Arguments> vectorsWithCommands() throws Exception {
        Path root = vectors();
        if (root == null) {
            return Stream.of(Arguments.of("(none)", "selector"));
        }
        List<Arguments> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(root.resolve("encoding"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".ci")).sorted().toList()) {
                if (Files.readAllLines(f).stream().anyMatch(l -> l.matches("\\d+:cmd:.*"))) {
                    for (String reactor : EveryReactor.names()) {
                        out.add(Arguments.of(f.getFileName().toString(), reactor));
                    }
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("vectorsWithCommands")
    void commandsProduceTheExpectedBytes(String vector, String reactor) throws Exception {
        Path root = vectors();
        Assumptions.assumeTrue(root != null, SKIP);
        List<String> lines = Files.readAllLines(root.resolve("encoding").resolve(vector));
        String confName = null;
        long asn = -1;
        boolean ipv6 = false;
        List<String> commands = new ArrayList<>();
        Map<Integer, List<String>> expected = new TreeMap<>();
        for (String line : lines) {
            if (line.startsWith("option:file:")) {
                confName = line.substring("option:file:".length()).strip();
            } else if (line.startsWith("option:asn:")) {
                asn = Long.parseLong(line.substring("option:asn:".length()).strip());
            } else if (line.strip().equals("option:bind:ipv6")) {
                ipv6 = true;
            } else if (line.matches("\\d+:cmd:.*")) {
                commands.add(line.substring(line.indexOf(":cmd:") + 5));
            } else if (line.matches("\\d+:raw:.*")) {
                int group = Integer.parseInt(line.substring(0, line.indexOf(':')));
                String hex = dev.twinbgp.speaker.conformance.Vectors.rfc(
                        line.substring(line.indexOf(":raw:") + 5).replace(":", "").toUpperCase());
                expected.computeIfAbsent(group, k -> new ArrayList<>()).add(hex);
            }
        }
        Configuration config = ConfigParser.parse(root.resolve("conf").resolve(confName));

        Path socket = dir.resolve("ctl.sock");
        Api api = Api.create(config, Api.Options.defaults().withControlSocket(socket));
        try (ConformancePeer peer = new ConformancePeer(asn, ipv6);
             BgpSpeaker speaker = BgpSpeaker.start(reactor, ReactorConfig.defaults(), List.of(settings(config, peer.port())),
                     api.listener());
             api) {
            api.start(speaker);
            PeerDriver driver = speaker.peers().get(0);
            Await.until("Established with the test peer", Duration.ofSeconds(30),
                    () -> driver.state() == State.ESTABLISHED, () -> String.valueOf(peer.failure));
            for (String command : commands) {
                Reply reply = ControlClient.send(socket, command);
                assertTrue(reply.ok(), () -> "'" + command + "' was refused: " + reply.lines());
            }
            match(peer, expected);
            assertNull(peer.failure);
        }
    }

    /** Groups in increasing order, any order inside a group; an End-of-RIB is accepted whenever it comes. */
    private static void match(ConformancePeer peer, Map<Integer, List<String>> expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (expected.values().stream().anyMatch(l -> !l.isEmpty())) {
            String got = peer.received.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (got == null) {
                fail("timed out; still expected " + expected);
            }
            if (isEndOfRib(got)) {
                expected.values().forEach(l -> l.remove(got));
                continue;
            }
            List<String> group = expected.values().stream().filter(l -> !l.isEmpty()).findFirst().orElseThrow();
            if (!group.remove(got)) {
                fail("unexpected message\n  " + got + "\nexpected one of\n  " + String.join("\n  ", group));
            }
        }
    }

    /** An UPDATE that is an End-of-RIB (RFC 4724 section 2): empty, or only an empty MP_UNREACH_NLRI. */
    private static boolean isEndOfRib(String hex) {
        String body = hex.substring(38);
        return hex.substring(36, 38).equals("02")
                && (body.equals("00000000") || body.matches("00000006800F0003[0-9A-F]{6}|00000007900F0003[0-9A-F]{6}"));
    }

    /** The mapped neighbor, connecting to the test peer, with no routes: the commands announce them. */
    private static PeerSettings settings(Configuration config, int port) throws Exception {
        PeerSettings s = PeerSettingsMapper.map(config).get(0);
        return new PeerSettings(s.peerAddress(), port, s.localAddress(), s.listenPort(), s.session(), s.groupUpdates(),
                false, List.of());
    }
}
