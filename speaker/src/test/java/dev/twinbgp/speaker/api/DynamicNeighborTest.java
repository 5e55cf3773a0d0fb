package dev.twinbgp.speaker.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.bgp.fsm.State;
import dev.twinbgp.reactor.ReactorConfig;
import dev.twinbgp.speaker.config.ConfigParser;
import dev.twinbgp.speaker.config.Configuration;
import dev.twinbgp.speaker.session.Await;
import dev.twinbgp.speaker.session.BgpSpeaker;
import dev.twinbgp.speaker.session.PeerSettings;
import dev.twinbgp.speaker.session.Ports;
import dev.twinbgp.speaker.session.SessionListener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code create neighbor} / {@code delete neighbor} through the control socket, between two real speakers on
 * loopback: a neighbor created at run time establishes a session like a configured one, and a deleted one is
 * stopped (its peer sees the session go down) and gone from {@code show neighbor}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DynamicNeighborTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "on {0}")
    @MethodSource("dev.twinbgp.speaker.session.EveryReactor#names")
    void aNeighborCreatedAtRunTimeComesUpAndADeletedOneGoes(String reactor) throws Exception {
        int port = Ports.freeOn("127.0.0.3");
        // the far side: a configured, passive neighbor of 127.0.0.2 listening on 127.0.0.3:port
        Configuration far = ConfigParser.parse("far", """
                neighbor 127.0.0.2 { local-address 127.0.0.3; local-as 65002; peer-as 65001; router-id 127.0.0.3;
                  passive; listen %d; }
                """.formatted(port));
        List<PeerSettings> farPeers = dev.twinbgp.speaker.mapping.PeerSettingsMapper.map(far);
        try (BgpSpeaker other = BgpSpeaker.start(reactor, ReactorConfig.defaults(), farPeers, SessionListener.NONE)) {
            Configuration none = ConfigParser.parse("empty", "");
            Path socket = dir.resolve("ctl.sock");
            Api api = Api.create(none, Api.Options.defaults().withControlSocket(socket));
            BgpSpeaker speaker = BgpSpeaker.start(reactor, ReactorConfig.defaults(), List.of(), api.listener());
            try {
                api.start(speaker);
                // What 'run' refuses at start is refused here too, with the reason, and nothing is created.
                Reply refused = ControlClient.send(socket, "create neighbor 127.0.0.3 local-address 127.0.0.2"
                        + " local-as 65001 peer-as 65002 router-id 127.0.0.2 adj-rib-out false connect " + port);
                assertFalse(refused.ok(), "adj-rib-out false is refused");
                assertEquals(List.of("create neighbor: neighbor 127.0.0.3: adj-rib-out false is not implemented by"
                        + " twinbgp: it always keeps the routes it sends (ExaBGP's default, adj-rib-out true); remove"
                        + " the setting"), refused.lines());
                assertEquals(null, speaker.peer("127.0.0.3"));
                // the mapping's refusals too, without a column: the text parsed is made from the command's words
                Reply noId = ControlClient.send(socket, "create neighbor 127.0.0.3 local-as 65001 peer-as 65002");
                assertEquals(List.of("create neighbor: neighbor 127.0.0.3: needs a router-id (or an IPv4 local-address"
                        + " to take it from)"), noId.lines());
                assertEquals(null, speaker.peer("127.0.0.3"));

                Reply created = ControlClient.send(socket, "create neighbor 127.0.0.3 local-address 127.0.0.2"
                        + " local-as 65001 peer-as 65002 router-id 127.0.0.2 connect " + port);
                assertTrue(created.ok(), () -> "created: " + created.lines());
                Await.until("the created neighbor is established",
                        () -> speaker.peer("127.0.0.3") != null && speaker.peer("127.0.0.3").state() == State.ESTABLISHED);
                assertTrue(String.join("\n", ControlClient.send(socket, "show neighbor summary").lines()).contains("127.0.0.3"));

                Reply again = ControlClient.send(socket, "create neighbor 127.0.0.3 local-as 65001 peer-as 65002");
                assertFalse(again.ok(), "a second neighbor with the same address is refused");

                Reply deleted = ControlClient.send(socket, "delete neighbor 127.0.0.3");
                assertTrue(deleted.ok(), () -> "deleted: " + deleted.lines());
                Await.until("the far side sees the session go", () -> other.peer("127.0.0.2").state() != State.ESTABLISHED);
                assertEquals(null, speaker.peer("127.0.0.3"));
                assertFalse(String.join("\n", ControlClient.send(socket, "show neighbor summary").lines()).contains("127.0.0.3"));
            } finally {
                api.close();
                speaker.shutdown(Duration.ofSeconds(2));
            }
        }
    }
}
