package dev.twinbgp.speaker.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.twinbgp.bgp.fsm.State;
import dev.twinbgp.reactor.ReactorConfig;
import dev.twinbgp.speaker.config.ConfigParser;
import dev.twinbgp.speaker.config.Configuration;
import dev.twinbgp.speaker.events.JsonEventListener;
import dev.twinbgp.speaker.json.ExaJson;
import dev.twinbgp.speaker.mapping.PeerSettingsMapper;
import dev.twinbgp.speaker.session.Await;
import dev.twinbgp.speaker.session.BgpSpeaker;
import dev.twinbgp.speaker.session.Ports;
import dev.twinbgp.speaker.session.SessionListener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code show neighbor} after a failure, between two real speakers on loopback: while the neighbor waits for its
 * restart the last down reason counts down to it; once the session is up again the reason stays (as history, as
 * FRR's "Last reset") but the countdown of that earlier failure is gone - in the extensive, summary and JSON forms
 * (a new user saw "restarting in 7 s" under an Established session).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ShowNeighborLastDownTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theRestartCountdownOfAnEarlierFailureIsGoneOnceEstablished() throws Exception {
        int port = Ports.freeOn("127.0.0.2", "127.0.0.3");
        Configuration near = ConfigParser.parse("near", """
                neighbor 127.0.0.3 { local-address 127.0.0.2; local-as 65001; peer-as 65002; router-id 127.0.0.2;
                  connect %d; }
                """.formatted(port));
        Path socket = dir.resolve("ctl.sock");
        Api api = Api.create(near, Api.Options.defaults().withControlSocket(socket));
        java.util.Queue<String> events = new java.util.concurrent.ConcurrentLinkedQueue<>();
        BgpSpeaker speaker = BgpSpeaker.start("selector", ReactorConfig.defaults(), PeerSettingsMapper.map(near),
                Api.fanOut(api.listener(), new JsonEventListener(ExaJson.system(), events::add)));
        try {
            api.start(speaker);
            String refused = "could not connect to the peer: 127.0.0.3:" + port + ": Connection refused";
            // nothing listens yet: the first attempt is refused, the restart comes 1 s later
            Await.until("the first refused attempt is shown",
                    () -> extensive(socket).stream().anyMatch(l -> l.startsWith("  Last down       " + refused)));

            Configuration far = ConfigParser.parse("far", """
                    neighbor 127.0.0.2 { local-address 127.0.0.3; local-as 65002; peer-as 65001; router-id 127.0.0.3;
                      passive; listen %d; }
                    """.formatted(port));
            try (BgpSpeaker other = BgpSpeaker.start("selector", ReactorConfig.defaults(), PeerSettingsMapper.map(far),
                    SessionListener.NONE)) {
                Await.until("the session is established after the refused attempts",
                        () -> speaker.peer("127.0.0.3").state() == State.ESTABLISHED);

                List<String> extensive = extensive(socket);
                assertTrue(extensive.contains("  Session         established"), String.join("\n", extensive));
                List<String> lastDown = extensive.stream().filter(l -> l.startsWith("  Last down")).toList();
                assertEquals(1, lastDown.size(), String.join("\n", extensive));
                assertTrue(lastDown.get(0).matches("  Last down       " + java.util.regex.Pattern.quote(refused)),
                        "the reason stays, without the countdown: " + lastDown.get(0));

                List<String> summary = ControlClient.send(socket, "show neighbor summary").lines();
                assertFalse(String.join("\n", summary).contains("restarting"), String.join("\n", summary));
                assertTrue(summary.stream().anyMatch(l -> l.startsWith("127.0.0.3") && l.contains("established")),
                        String.join("\n", summary));

                JsonNode json = JSON.readTree(String.join("\n", ControlClient.send(socket, "show neighbor json").lines()));
                // ExaBGP's keys (Neighbor.as_dict): "state" is up/down, the FSM state is "fsm"
                assertEquals("up", json.get(0).get("state").asText(), json.toString());
                assertEquals("ESTABLISHED", json.get(0).get("fsm").asText(), json.toString());
                assertExabgpShape(json.get(0));
                assertEquals(refused, json.get(0).get("last-down-reason").asText(), json.toString());
                assertTrue(json.get(0).get("restarting-in").isNull(), json.toString());
            }
            // the far side stopped: the JSON "down" event gives why, as ExaBGP's "reason" does, without the log's
            // "; restarting in N s"
            Await.until("a JSON down event", () -> events.stream().anyMatch(l -> l.contains("\"state\": \"down\"")));
            String down = events.stream().filter(l -> l.contains("\"state\": \"down\"")).findFirst().orElseThrow();
            String reason = JSON.readTree(down).get("neighbor").get("reason").asText();
            assertTrue(reason.startsWith("peer sent NOTIFICATION 6/"), down);
            assertFalse(reason.contains("restarting"), down);
        } finally {
            api.close();
            speaker.shutdown(Duration.ofSeconds(2));
        }
    }

    @Test
    void whileWaitingTheCountdownIsTheTimeLeftNotTheOneAnnounced() {
        PeerStats.LastDown last = PeerStats.LastDown.of("hold timer expired; restarting in 7 s", 10_000);
        assertEquals("hold timer expired", last.cause());
        assertEquals(7, last.restartInSeconds(10_000));
        assertEquals(3, last.restartInSeconds(14_200), "rounded up");
        assertEquals(-1, last.restartInSeconds(17_000), "due: no countdown");
        PeerStats.LastDown stopped = PeerStats.LastDown.of("stopped administratively", 10_000);
        assertEquals("stopped administratively", stopped.cause());
        assertEquals(-1, stopped.restartInSeconds(10_000));
    }

    /**
     * The keys, nesting and values of ExaBGP's {@code show neighbor json} for an established session between
     * 127.0.0.2 (AS 65001) and 127.0.0.3 (AS 65002), both with the default families and capabilities.
     */
    static void assertExabgpShape(JsonNode n) {
        String all = n.toString();
        for (String key : List.of("state", "duration", "fsm", "local", "peer", "messages", "capabilities", "families",
                "add-path")) {
            assertTrue(n.has(key), key + " in " + all);
        }
        assertTrue(n.get("duration").isIntegralNumber(), all);
        JsonNode local = n.get("local");
        JsonNode peer = n.get("peer");
        assertEquals("127.0.0.2", local.get("address").asText(), all);
        assertEquals(65001, local.get("as").asLong(), all);
        assertEquals("127.0.0.2", local.get("id").asText(), all);
        assertEquals(180, local.get("hold").asInt(), all);
        assertEquals("127.0.0.3", peer.get("address").asText(), all);
        assertEquals(65002, peer.get("as").asLong(), all);
        assertEquals("127.0.0.3", peer.get("id").asText(), all);
        assertEquals(180, peer.get("hold").asInt(), all);
        for (JsonNode side : List.of(local, peer)) {
            assertTrue(side.get("capabilities").get("asn4").asBoolean(), all);
            // off unless configured, as ExaBGP's 'capability { route-refresh; }'
            assertFalse(side.get("capabilities").get("route-refresh").asBoolean(), all);
            assertTrue(side.get("capabilities").get("extended-message").asBoolean(), all);
            for (String c : List.of("multi-session", "operational", "add-path", "extended-message", "graceful-restart")) {
                assertTrue(side.get("capabilities").get(c).isBoolean(), c + " in " + all);
            }
            assertTrue(side.get("families").get("ipv4 unicast").asBoolean(), all);
            assertFalse(side.get("add-path").get("ipv4 unicast").asBoolean(), all);
        }
        assertTrue(n.get("capabilities").isArray(), all);
        assertEquals("[\"asn4\",\"extended-message\"]", n.get("capabilities").toString(), all);
        assertTrue(n.get("families").isArray(), all);
        assertEquals("[\"ipv4 unicast\",\"ipv6 unicast\"]", n.get("families").toString(), all);
        assertEquals("disabled", n.get("add-path").get("ipv4 unicast").asText(), all);
        for (String direction : List.of("sent", "received")) {
            JsonNode m = n.get("messages").get(direction);
            long total = 0;
            for (String type : List.of("open", "notification", "keepalive", "update", "refresh")) {
                assertTrue(m.get(type).isIntegralNumber(), type + " " + direction + " in " + all);
                total += m.get(type).asLong();
            }
            assertTrue(m.get("open").asLong() >= 1, all);
            assertTrue(m.get("keepalive").asLong() >= 1, all);
            assertEquals(total, m.get("total").asLong(), all);
        }
        // twinbgp's own keys stay beside them
        assertTrue(n.get("up").asBoolean(), all);
        assertTrue(n.get("prefixes").has("ipv4 unicast"), all);
        assertEquals("127.0.0.3", n.get("peer-address").asText(), all);
    }

    private static List<String> extensive(Path socket) {
        try {
            return ControlClient.send(socket, "show neighbor extensive").lines();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
