package dev.twinbgp.speaker.conformance;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.reactor.ReactorConfig;
import dev.twinbgp.speaker.api.Api;
import dev.twinbgp.speaker.config.ConfigParser;
import dev.twinbgp.speaker.config.Configuration;
import dev.twinbgp.speaker.mapping.PeerSettingsMapper;
import dev.twinbgp.speaker.session.BgpSpeaker;
import dev.twinbgp.speaker.session.PeerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ExaBGP's watchdog vector ({@code encoding/conf-watchdog.ci} with {@code conf/api-watchdog.conf}) on every reactor:
 * a route written {@code watchdog dnsr withdraw} starts withdrawn, and {@code announce watchdog dnsr} /
 * {@code withdraw watchdog dnsr} from the API put it on the wire and take it off, byte for byte as ExaBGP does.
 * The vector's own program ({@code run/watchdog.run}) is not in the vectors' folder (their README); this test
 * writes the one the vector describes: once the session is up (it waits 3 s: the configuration asks for no
 * events to wait on), announce the watchdog, then withdraw and announce it in turn, three times.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WatchdogVectorTest {
    private static final String PROGRAM = """
            #!/bin/sh
            sleep 3
            for i in 1 2 3; do
              echo 'announce watchdog dnsr'
              sleep 0.5
              echo 'withdraw watchdog dnsr'
              sleep 0.5
            done
            sleep 30
            """;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "on {0}")
    @MethodSource("dev.twinbgp.speaker.session.EveryReactor#names")
    void watchdogAnnouncesAndWithdrawsItsRoutes(String reactor) throws Exception {
        String vectors = System.getProperty("twinbgp.conformance.dir", "");
        Path ci = Path.of(vectors, "encoding", "conf-watchdog.ci");
        Assumptions.assumeTrue(!vectors.isBlank() && Files.isRegularFile(ci),
                "twinbgp.conformance.dir is not ExaBGP's full conformance folder: set TWINBGP_CONFORMANCE_DIR to"
                        + " ../shared/conformance/exabgp-full to run the watchdog vector");
        ProgramVector vector = ProgramVector.read(ci);
        Files.createDirectories(dir.resolve("run"));
        Path program = dir.resolve("run/watchdog.run");
        Files.writeString(program, PROGRAM);
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwx------"));
        Path config = dir.resolve("api-watchdog.conf");
        Files.copy(vector.config(), config);
        Configuration configuration = ConfigParser.parse(config);
        try (ProgramPeer peer = new ProgramPeer(vector)) {
            List<PeerSettings> peers = PeerSettingsMapper.map(configuration).stream()
                    .map(s -> new PeerSettings(s.peerAddress(), peer.port(), s.localAddress(), s.listenPort(),
                            s.session(), s.groupUpdates(), s.manualEor(), s.routes()))
                    .toList();
            Api api = Api.create(configuration, Api.Options.defaults().withoutControlSocket());
            BgpSpeaker speaker = BgpSpeaker.start(reactor, ReactorConfig.defaults(), peers, api.listener());
            try {
                api.start(speaker);
                boolean seen = peer.awaitAllSeen(60);
                assertNull(peer.failure(), () -> peer.failure() + "; " + peer.report());
                assertTrue(seen, () -> "not every expected message came: " + peer.report());
            } finally {
                api.close();
                speaker.shutdown(Duration.ofSeconds(5));
            }
        }
    }
}
