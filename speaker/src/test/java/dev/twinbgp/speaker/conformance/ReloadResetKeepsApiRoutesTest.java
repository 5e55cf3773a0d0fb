package dev.twinbgp.speaker.conformance;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.reactor.ReactorConfig;
import dev.twinbgp.speaker.api.Api;
import dev.twinbgp.speaker.api.Reply;
import dev.twinbgp.speaker.config.ConfigParser;
import dev.twinbgp.speaker.config.Configuration;
import dev.twinbgp.speaker.mapping.PeerSettingsMapper;
import dev.twinbgp.speaker.session.BgpSpeaker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A reload that resets a neighbor (another hold time) keeps the routes an API process announced to it, as ExaBGP's
 * reload does (its RIB is cached by the neighbor's name, which the hold time is not part of): the process, which
 * announced once and runs on, is not asked again, and the new session gets its route beside the configuration's.
 * Before, the new session had the configuration's routes only.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ReloadResetKeepsApiRoutesTest {
    private static final String MARKER = "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF";

    @TempDir
    Path dir;

    /** The UPDATE announcing 10.0.0.N/32 next-hop 127.0.0.1 on the iBGP session below (LOCAL_PREF 100). */
    private static String announce(int n) {
        return MARKER + "0031" + "02" + "0000" + "0015" + "40010100" + "400200" + "4003047F000001" + "40050400000064"
                + "200A0000" + String.format("%02X", n);
    }

    private static String configuration(int port, Path script, int holdTime) {
        return """
                process once { run /bin/sh %s; encoder json; }
                neighbor 127.0.0.1 {
                    router-id 1.2.3.4; local-address 127.0.0.1; local-as 1; peer-as 1; connect %d; hold-time %d;
                    group-updates false;
                    family { ipv4 unicast; }
                    static { route 10.0.0.1/32 next-hop 127.0.0.1; }
                    api { processes [ once ]; }
                }
                """.formatted(script, port, holdTime);
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("dev.twinbgp.speaker.session.EveryReactor#names")
    void theApiRoutesOfANeighborResetByAReloadAreAnnouncedAgain(String reactor) throws Exception {
        Path script = dir.resolve("once.sh");
        Files.writeString(script, """
                echo "announce route 10.0.0.3/32 next-hop 127.0.0.1"
                exec cat > /dev/null
                """);
        Files.createDirectories(dir.resolve("conf"));
        Path ci = Files.createDirectories(dir.resolve("api")).resolve("reset.ci");
        Files.writeString(ci, "option:file:unused.conf\n"
                + "A1:raw:" + announce(1) + "\nA1:raw:" + announce(3) + "\n"
                + "B1:raw:" + announce(1) + "\nB1:raw:" + announce(3) + "\n");
        try (ProgramPeer peer = new ProgramPeer(ProgramVector.read(ci))) {
            Path file = dir.resolve("twinbgp.conf");
            Files.writeString(file, configuration(peer.port(), script, 180));
            Configuration configuration = ConfigParser.parse(file);
            Api api = Api.create(configuration, Api.Options.defaults().withoutControlSocket()
                    .withReloadSource(() -> ConfigParser.parse(file)));
            BgpSpeaker speaker = BgpSpeaker.start(reactor, ReactorConfig.defaults(),
                    PeerSettingsMapper.map(configuration), api.listener());
            try {
                api.start(speaker);
                assertTrue(peer.awaitSeenOn(0, 60), peer::report);

                Files.writeString(file, configuration(peer.port(), script, 90));
                Reply reloaded = api.reload().get(30, TimeUnit.SECONDS);
                assertTrue(reloaded.ok(), reloaded::toString);
                assertTrue(peer.awaitAllSeen(30), peer::report);
                assertNull(peer.failure(), peer::report);
            } finally {
                api.close();
                speaker.shutdown(Duration.ofSeconds(5));
            }
        }
    }
}
