package dev.twinbgp.speaker.conformance;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.reactor.ReactorConfig;
import dev.twinbgp.speaker.config.ConfigParser;
import dev.twinbgp.speaker.mapping.PeerSettingsMapper;
import dev.twinbgp.speaker.session.BgpSpeaker;
import dev.twinbgp.speaker.session.PeerSettings;
import dev.twinbgp.speaker.session.SessionListener;
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
 * A configuration that gives one route twice with other attributes (conf-l2vpn.ci does it with a VPLS NLRI): the
 * first session sends both, the replaced one first, so the peer ends with the one given last, which the Adj-RIB-Out
 * holds; the next session (after the peer's NOTIFICATION) sends the Adj-RIB-Out only - as ExaBGP, whose first
 * session sends its queued changes and later ones its cache. Written as a vector of the API vectors' format, run
 * by {@link ProgramPeer} on every reactor.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RouteGivenTwiceTest {
    private static final String MARKER = "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF";
    // 10.0.0.0/24: ORIGIN IGP, empty AS_PATH, NEXT_HOP 1.2.3.4, LOCAL_PREF 100 / 200 (iBGP)
    private static final String LP100 = MARKER + "0030" + "02" + "0000" + "0015" + "40010100" + "400200"
            + "40030401020304" + "40050400000064" + "180A0000";
    private static final String LP200 = MARKER + "0030" + "02" + "0000" + "0015" + "40010100" + "400200"
            + "40030401020304" + "400504000000C8" + "180A0000";
    private static final String EOR = MARKER + "0017" + "02" + "00000000";

    private static final String CONFIG = """
            neighbor 127.0.0.1 {
                router-id 10.0.0.1;
                local-address 127.0.0.1;
                local-as 65000;
                peer-as 65000;
                family { ipv4 unicast; }
                static {
                    route 10.0.0.0/24 next-hop 1.2.3.4 local-preference 100;
                    route 10.0.0.0/24 next-hop 1.2.3.4 local-preference 200;
                }
            }
            """;

    private static final String VECTOR = "option:file:twice.conf\n"
            + "A1:raw:" + LP100 + "\n"
            + "A2:raw:" + LP200 + "\n"
            + "A2:raw:" + EOR + "\n"
            + "A2:notification:next session\n"
            + "B1:raw:" + LP200 + "\n"
            + "B1:raw:" + EOR + "\n";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "on {0}")
    @MethodSource("dev.twinbgp.speaker.session.EveryReactor#names")
    void firstSessionSendsBothInOrderLaterOnesTheTable(String reactor) throws Exception {
        Files.createDirectories(dir.resolve("conf"));
        Files.createDirectories(dir.resolve("encoding"));
        Files.writeString(dir.resolve("conf/twice.conf"), CONFIG);
        Path ci = dir.resolve("encoding/twice.ci");
        Files.writeString(ci, VECTOR);
        ProgramVector vector = ProgramVector.read(ci);
        try (ProgramPeer peer = new ProgramPeer(vector)) {
            List<PeerSettings> peers = PeerSettingsMapper.map(ConfigParser.parse(vector.config())).stream()
                    .map(s -> s.withConnectPort(peer.port())).toList();
            BgpSpeaker speaker = BgpSpeaker.start(reactor, ReactorConfig.defaults(), peers, SessionListener.NONE);
            try {
                boolean seen = peer.awaitAllSeen(60);
                assertNull(peer.failure(), () -> peer.failure() + "; " + peer.report());
                assertTrue(seen, () -> "not every expected message came: " + peer.report());
            } finally {
                speaker.shutdown(Duration.ofSeconds(5));
            }
        }
    }
}
