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
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bursts and {@code auto-flush} with API programs of ours ({@code /bin/sh}), checked by the API vectors' test peer
 * ({@link ProgramPeer}: every message must be expected, in group order), on every reactor:
 * <ul>
 *   <li>{@code announce X} and {@code clear adj-rib out} written together send nothing for X: the next message after
 *       the End-of-RIB is the announcement of the route that follows;</li>
 *   <li>with {@code auto-flush false} an announcement waits for {@code flush route}: the End-of-RIB the program
 *       asks for in between arrives first;</li>
 *   <li>the session's first batch of routes carries no withdrawal (the peer has none of ours yet; ExaBGP's
 *       {@code include_withdraw}), a later one does, also for a route never announced (api-fast.ci).</li>
 * </ul>
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BurstAndAutoFlushTest {
    private static final String MARKER = "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF";
    private static final String END_OF_RIB = MARKER + "0017" + "02" + "00000000";

    @TempDir
    Path dir;

    /** The UPDATE announcing 10.0.0.N/32 next-hop 127.0.0.1 on the iBGP session below (LOCAL_PREF 100). */
    private static String announce(int n) {
        return MARKER + "0031" + "02" + "0000" + "0015" + "40010100" + "400200" + "4003047F000001" + "40050400000064"
                + "200A0000" + String.format("%02X", n);
    }

    /** The UPDATE withdrawing 10.0.0.N/32 (no attributes). */
    private static String withdraw(int n) {
        return MARKER + "001C" + "02" + "0005" + "200A0000" + String.format("%02X", n) + "0000";
    }

    private static final String WAIT_UP = """
            while read line; do case "$line" in *'"state": "up"'*) break;; esac; done
            """;

    @ParameterizedTest(name = "on {0}")
    @MethodSource("dev.twinbgp.speaker.session.EveryReactor#names")
    void anAnnouncementClearedInTheSameBurstIsNeverSent(String reactor) throws Exception {
        run(reactor, "", WAIT_UP + """
                printf '%s\\n' "announce route 10.0.0.1/32 next-hop 127.0.0.1" "clear adj-rib out"
                read ack; read ack
                echo "announce route 10.0.0.2/32 next-hop 127.0.0.1"
                exec cat > /dev/null
                """, List.of("1:raw:" + END_OF_RIB, "2:raw:" + announce(2)));
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("dev.twinbgp.speaker.session.EveryReactor#names")
    void withAutoFlushFalseAnAnnouncementWaitsForFlushRoute(String reactor) throws Exception {
        run(reactor, "auto-flush false;", WAIT_UP + """
                echo "announce route 10.0.0.3/32 next-hop 127.0.0.1"
                read ack
                echo "announce eor ipv4 unicast"
                read ack
                echo "flush route"
                exec cat > /dev/null
                """, List.of("1:raw:" + END_OF_RIB, "2:raw:" + END_OF_RIB, "3:raw:" + announce(3)));
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("dev.twinbgp.speaker.session.EveryReactor#names")
    void theFirstBatchOfRoutesCarriesNoWithdrawal(String reactor) throws Exception {
        run(reactor, "", WAIT_UP + """
                echo "withdraw route 10.0.0.4/32"
                read ack
                echo "announce route 10.0.0.5/32 next-hop 127.0.0.1"
                read ack
                echo "withdraw route 10.0.0.6/32"
                exec cat > /dev/null
                """, List.of("1:raw:" + END_OF_RIB, "2:raw:" + announce(5), "3:raw:" + withdraw(6)));
    }

    private void run(String reactor, String neighborExtra, String script, List<String> expected) throws Exception {
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Path run = Files.createDirectories(conf.resolve("run"));
        Files.writeString(run.resolve("program.sh"), script);
        Files.writeString(conf.resolve("burst.conf"), """
                process program { run /bin/sh %s; encoder json; }
                neighbor 127.0.0.1 {
                    router-id 1.2.3.4; local-address 127.0.0.1; local-as 1; peer-as 1;
                    group-updates false;
                    %s
                    family { ipv4 unicast; }
                    api { processes [ program ]; neighbor-changes; }
                }
                """.formatted(run.resolve("program.sh"), neighborExtra));
        Path ci = Files.createDirectories(dir.resolve("api")).resolve("burst.ci");
        Files.writeString(ci, "option:file:burst.conf\n" + String.join("\n", expected) + "\n");
        ProgramVector vector = ProgramVector.read(ci);
        Configuration configuration = ConfigParser.parse(vector.config());
        try (ProgramPeer peer = new ProgramPeer(vector)) {
            List<PeerSettings> peers = PeerSettingsMapper.map(configuration).stream()
                    .map(s -> s.withConnectPort(peer.port())).toList();
            Api api = Api.create(configuration, Api.Options.defaults().withoutControlSocket());
            BgpSpeaker speaker = BgpSpeaker.start(reactor, ReactorConfig.defaults(), peers, api.listener());
            try {
                api.start(speaker);
                boolean seen = peer.awaitAllSeen(60);
                assertNull(peer.failure(), () -> peer.failure() + "; " + peer.report());
                assertTrue(seen, peer::report);
            } finally {
                api.close();
                speaker.shutdown(Duration.ofSeconds(5));
            }
        }
    }
}
