package dev.twinbgp.speaker.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.reactor.ReactorConfig;
import dev.twinbgp.speaker.api.Api;
import dev.twinbgp.speaker.config.ConfigParser;
import dev.twinbgp.speaker.config.Configuration;
import dev.twinbgp.speaker.mapping.PeerSettingsMapper;
import dev.twinbgp.speaker.mapping.SoftwareVersion;
import dev.twinbgp.speaker.session.BgpSpeaker;
import dev.twinbgp.speaker.session.EveryReactor;
import dev.twinbgp.speaker.session.PeerSettings;
import dev.twinbgp.speaker.session.SessionListener;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every ExaBGP encoding vector ({@code encoding/*.ci}) on both reactors: the configuration is parsed and
 * mapped as {@code twinbgp run} does, the neighbor's connect port pointed at a {@link ConformancePeer}, and
 * every message the speaker sends must be one the vector lists, byte for byte.
 *
 * <p>Known difference (the vectors' README): {@code conf-cap-software-version} expects ExaBGP's own version
 * string in the Software Version capability; we compare with it replaced by ours, lengths recomputed.
 * No vector contradicts an RFC as far as these tests go; where ExaBGP's behaviour is one the RFC requires
 * (no LOCAL_PREF to an external peer, RFC 4271 section 5.1.5; our AS prepended, section 5.1.2) the mapper
 * follows both.
 *
 * <p>Every vector runs; where a vector contradicts an RFC, {@link Vectors#rfc} gives the RFC's bytes.
 *
 * <p>A vector whose configuration starts an API program the vectors' folder does not hold ({@code conf-watchdog.ci}:
 * {@code run/watchdog.run}) runs with our stand-in for it ({@link Vectors#STAND_INS}, in the test resources): its
 * configuration is copied beside the stand-in, the API is started as in the daemon, and the peer is the API
 * vectors' {@link ProgramPeer} (the same checks: every message one the vector lists, in its groups' order).
 *
 * <p>Skipped (JUnit assumption, with the reason) when {@code twinbgp.conformance.dir} is empty.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EncodingConformanceTest {
    private static final String EXABGP_VERSION = "ExaBGP/5.0.0-0+test";
    private static final long WAIT_SECONDS = 60;

    private static String dir() {
        return System.getProperty("twinbgp.conformance.dir", "");
    }

    static Stream<Arguments> vectors() throws IOException {
        if (dir().isBlank()) {
            return Stream.of(Arguments.of("skipped", "selector"));
        }
        List<Arguments> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of(dir(), "encoding"))) {
            for (Path ci : files.filter(p -> p.toString().endsWith(".ci")).sorted().toList()) {
                for (String reactor : EveryReactor.names()) {
                    out.add(Arguments.of(ci.getFileName().toString(), reactor));
                }
            }
        }
        return out.stream();
    }

    private static void assumeVectors() {
        Assumptions.assumeFalse(dir().isBlank(),
                "twinbgp.conformance.dir is empty: set TWINBGP_CONFORMANCE_DIR to run the ExaBGP encoding vectors");
    }

    @Test
    void thereAreThirtyVectors() throws IOException {
        assumeVectors();
        try (Stream<Path> files = Files.list(Path.of(dir(), "encoding"))) {
            assertEquals(30, files.filter(p -> p.toString().endsWith(".ci")).count());
        }
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("vectors")
    void speakerSendsExactlyTheVectorsMessages(String file, String reactor) throws Exception {
        assumeVectors();
        if (Vectors.STAND_INS.containsKey(file)) {
            runWithStandIn(file, reactor);
            return;
        }
        EncodingVector vector = EncodingVector.read(Path.of(dir(), "encoding", file));
        List<PeerSettings> mapped = PeerSettingsMapper.map(ConfigParser.parse(vector.config()));
        assertEquals(1, mapped.size(), "one neighbor per vector");
        try (ConformancePeer peer = new ConformancePeer(vector, EncodingConformanceTest::ourSoftwareVersion)) {
            PeerSettings settings = towards(mapped.get(0), peer.port());
            BgpSpeaker speaker = BgpSpeaker.start(reactor, ReactorConfig.defaults(), List.of(settings), SessionListener.NONE);
            try {
                boolean seen = peer.awaitAllSeen(WAIT_SECONDS);
                assertNull(peer.failure(), () -> peer.failure() + "; " + peer.report());
                assertTrue(seen, () -> "not every expected message came within " + WAIT_SECONDS + " s: " + peer.report());
            } finally {
                speaker.shutdown(Duration.ofSeconds(5));
            }
            assertTrue(peer.awaitClosed(WAIT_SECONDS), "the speaker did not close the connection");
            assertNull(peer.failure(), () -> peer.failure() + "; " + peer.report());
        }
    }

    /** {@code file} with its missing API program replaced by our stand-in (see the class comment). */
    private static void runWithStandIn(String file, String reactor) throws Exception {
        ProgramVector vector = ProgramVector.read(Path.of(dir(), "encoding", file));
        Path work = Files.createTempDirectory("twinbgp-" + vector.name());
        try {
            String program = Vectors.STAND_INS.get(file);
            Path standIn = work.resolve(program);
            Files.createDirectories(standIn.getParent());
            try (InputStream in = EncodingConformanceTest.class.getResourceAsStream("/conformance/" + program)) {
                assertNotNull(in, "stand-in " + program + " is not in the test resources");
                Files.copy(in, standIn);
            }
            Files.setPosixFilePermissions(standIn, PosixFilePermissions.fromString("rwx------"));
            Path config = work.resolve(vector.config().getFileName());
            Files.copy(vector.config(), config); // its "run ./run/NAME" is relative to the configuration's folder
            Configuration configuration = ConfigParser.parse(config);
            try (ProgramPeer peer = new ProgramPeer(vector)) {
                List<PeerSettings> peers = PeerSettingsMapper.map(configuration).stream()
                        .map(s -> towards(s, peer.port())).toList();
                Api api = Api.create(configuration, Api.Options.defaults().withoutControlSocket());
                BgpSpeaker speaker = BgpSpeaker.start(reactor, ReactorConfig.defaults(), peers, api.listener());
                try {
                    api.start(speaker);
                    boolean seen = peer.awaitAllSeen(WAIT_SECONDS);
                    assertNull(peer.failure(), () -> peer.failure() + "; " + peer.report());
                    assertTrue(seen, () -> "not every expected message came within " + WAIT_SECONDS + " s: " + peer.report());
                } finally {
                    api.close();
                    speaker.shutdown(Duration.ofSeconds(5));
                }
            }
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** The configured neighbor, connecting to the test peer's port (the configurations use 127.0.0.1 already). */
    private static PeerSettings towards(PeerSettings s, int port) {
        return new PeerSettings(s.peerAddress(), port, s.localAddress(), s.listenPort(), s.session(), s.groupUpdates(),
                s.manualEor(), s.routes());
    }

    /** An expected OPEN with ExaBGP's software version replaced by ours (and its lengths recomputed). */
    private static String ourSoftwareVersion(String expectedHex) {
        String exa = HexFormat.of().withUpperCase().formatHex(EXABGP_VERSION.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (!expectedHex.contains(exa)) {
            return expectedHex;
        }
        byte[] open = HexFormat.of().parseHex(expectedHex);
        return HexFormat.of().withUpperCase().formatHex(OpenBytes.parse(open).withSoftwareVersion(SoftwareVersion.text()).toMessage());
    }
}
