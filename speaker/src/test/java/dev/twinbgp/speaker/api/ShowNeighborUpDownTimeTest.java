package dev.twinbgp.speaker.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.twinbgp.bgp.fsm.State;
import dev.twinbgp.reactor.ReactorConfig;
import dev.twinbgp.speaker.config.ConfigParser;
import dev.twinbgp.speaker.config.Configuration;
import dev.twinbgp.speaker.mapping.PeerSettingsMapper;
import dev.twinbgp.speaker.session.Await;
import dev.twinbgp.speaker.session.BgpSpeaker;
import dev.twinbgp.speaker.session.Ports;
import dev.twinbgp.speaker.session.SessionListener;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code show neighbor}'s up/down time, between two real speakers on loopback, with the API's clock moved by the
 * test: {@code extensive} says how long the session has been down or up as ExaBGP does ("down for 0:01:05", "up for
 * 1 day, 1:01:01"; a new user saw "Up/down time    down"), the summary keeps ExaBGP's column (the time up, else
 * "down"), and the JSON's {@code duration} is the same number of seconds, {@code up} saying which.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ShowNeighborUpDownTimeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** A wall clock that moves only when the test says so. */
    private static final class MovedClock extends Clock {
        final AtomicLong millis = new AtomicLong(1_700_000_000_000L);

        void advance(Duration d) {
            millis.addAndGet(d.toMillis());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }
    }

    @Test
    void downForSinceTheStartThenUpForThenDownForSinceTheSessionEnded() throws Exception {
        int port = Ports.freeOn("127.0.0.2", "127.0.0.3");
        Configuration near = ConfigParser.parse("near", """
                neighbor 127.0.0.3 { local-address 127.0.0.2; local-as 65001; peer-as 65002; router-id 127.0.0.2;
                  connect %d; }
                """.formatted(port));
        Path socket = dir.resolve("ctl.sock");
        MovedClock clock = new MovedClock();
        Api api = Api.create(near, Api.Options.defaults().withControlSocket(socket).withClock(clock));
        AtomicLong downs = new AtomicLong();
        SessionListener counting = new SessionListener() {
            @Override
            public void down(dev.twinbgp.speaker.session.PeerDriver peer, String reason,
                             dev.twinbgp.bgp.wire.Notification notification, boolean wasEstablished) {
                downs.incrementAndGet();
            }
        };
        BgpSpeaker speaker = BgpSpeaker.open("selector", ReactorConfig.defaults(), PeerSettingsMapper.map(near),
                Api.fanOut(api.listener(), counting));
        try {
            api.start(speaker); // the neighbor is known from here: down since now
            speaker.connectPeers();
            // nothing listens: attempts fail, one a second at first; they do not move the time down
            Await.until("two refused attempts", () -> downs.get() >= 2);
            clock.advance(Duration.ofSeconds(65));
            assertTrue(extensive(socket).contains("  Down for        0:01:05"), String.join("\n", extensive(socket)));
            assertEquals("down", summaryColumn(socket));
            JsonNode down = json(socket);
            assertEquals(false, down.get("up").asBoolean(), down.toString());
            assertEquals(65, down.get("duration").asLong(), down.toString());
            // ExaBGP's keys: "state" up/down; no peer side without a session (its cli_data: None)
            assertEquals("down", down.get("state").asText(), down.toString());
            assertTrue(down.get("peer").get("id").isNull(), down.toString());
            assertTrue(down.get("peer").get("hold").isNull(), down.toString());
            assertTrue(down.get("peer").get("families").get("ipv4 unicast").isNull(), down.toString());
            assertTrue(down.get("peer").get("capabilities").get("asn4").isNull(), down.toString());
            assertEquals(0, down.get("families").size(), down.toString());
            // no OPEN sent yet (every attempt refused): the local side is the OPEN it would send, as ExaBGP's config
            assertTrue(down.get("local").get("capabilities").get("asn4").asBoolean(), down.toString());
            assertTrue(down.get("local").get("families").get("ipv4 unicast").asBoolean(), down.toString());
            assertEquals(65001, down.get("local").get("as").asLong(), down.toString());
            assertTrue(java.util.Set.of("IDLE", "CONNECT", "ACTIVE").contains(down.get("fsm").asText()), down.toString());

            Configuration far = ConfigParser.parse("far", """
                    neighbor 127.0.0.2 { local-address 127.0.0.3; local-as 65002; peer-as 65001; router-id 127.0.0.3;
                      passive; listen %d; }
                    """.formatted(port));
            try (BgpSpeaker other = BgpSpeaker.start("selector", ReactorConfig.defaults(), PeerSettingsMapper.map(far),
                    SessionListener.NONE)) {
                Await.until("established", () -> speaker.peer("127.0.0.3").state() == State.ESTABLISHED
                        && json(socket).get("up").asBoolean());
                clock.advance(Duration.ofSeconds(86_400 + 3_661));
                assertTrue(extensive(socket).contains("  Up for          1 day, 1:01:01"), String.join("\n", extensive(socket)));
                assertEquals("1 day, 1:01:01", summaryColumn(socket));
                JsonNode up = json(socket);
                assertEquals(true, up.get("up").asBoolean(), up.toString());
                assertEquals(90_061, up.get("duration").asLong(), up.toString());
                assertEquals("up", up.get("state").asText(), up.toString());
                assertEquals("ESTABLISHED", up.get("fsm").asText(), up.toString());
                ShowNeighborLastDownTest.assertExabgpShape(up);
            }
            // the far side stopped (Cease): down since then, not since the start
            Await.until("down again", () -> !json(socket).get("up").asBoolean());
            clock.advance(Duration.ofSeconds(5));
            assertTrue(extensive(socket).contains("  Down for        0:00:05"), String.join("\n", extensive(socket)));
            JsonNode downAgain = json(socket);
            assertEquals(5, downAgain.get("duration").asLong(), downAgain.toString());
            assertEquals("down", downAgain.get("state").asText(), downAgain.toString());
            assertTrue(downAgain.get("peer").get("id").isNull(), "the peer side went with the session: " + downAgain);
            assertTrue(downAgain.get("messages").get("received").get("notification").asLong() >= 1,
                    "the far side's Cease is counted: " + downAgain);
        } finally {
            api.close();
            speaker.shutdown(Duration.ofSeconds(2));
        }
    }

    /**
     * After the API's {@code teardown} the neighbor starts again after its connect retry time (as ExaBGP's
     * teardown): show neighbor says when, as it does for the FSM's own restarts (a new user saw "idle" and nothing
     * that said the session would come back). The retry time is 600 s here and the clock stands still, so the
     * countdown is exact and the restart never comes during the test.
     */
    @Test
    void aTeardownShowsWhenTheNeighborStartsAgain() throws Exception {
        int port = Ports.freeOn("127.0.0.2", "127.0.0.3");
        Configuration near = ConfigParser.parse("near", """
                neighbor 127.0.0.3 { local-address 127.0.0.2; local-as 65001; peer-as 65002; router-id 127.0.0.2;
                  connect %d; }
                """.formatted(port));
        dev.twinbgp.speaker.session.PeerSettings mapped = PeerSettingsMapper.map(near).get(0);
        dev.twinbgp.speaker.session.PeerSettings slowRetry = new dev.twinbgp.speaker.session.PeerSettings(
                mapped.peerAddress(), port, mapped.localAddress(), 0,
                dev.twinbgp.bgp.fsm.SessionConfig.builder(65001, 65002, mapped.session().localId())
                        .connectRetryTime(600).active(true).passive(false).build(),
                true, false, List.of());
        Path socket = dir.resolve("ctl.sock");
        MovedClock clock = new MovedClock();
        Api api = Api.create(near, Api.Options.defaults().withControlSocket(socket).withClock(clock));
        Configuration far = ConfigParser.parse("far", """
                neighbor 127.0.0.2 { local-address 127.0.0.3; local-as 65002; peer-as 65001; router-id 127.0.0.3;
                  passive; listen %d; }
                """.formatted(port));
        try (BgpSpeaker other = BgpSpeaker.start("selector", ReactorConfig.defaults(), PeerSettingsMapper.map(far),
                SessionListener.NONE)) {
            BgpSpeaker speaker = BgpSpeaker.open("selector", ReactorConfig.defaults(), List.of(slowRetry), api.listener());
            try {
                api.start(speaker);
                speaker.connectPeers();
                Await.until("established", () -> speaker.peer("127.0.0.3").state() == State.ESTABLISHED);
                send(socket, "neighbor 127.0.0.3 teardown 2");
                // the down line and its restart note are two notifications (listener.down, then restartScheduled):
                // wait for the line whole, not for its first half
                String expected = "  Last down       stopped administratively; sent NOTIFICATION 6/2 Cease /"
                        + " Administrative Shutdown; restarting in 600 s";
                Await.until("torn down, restart noted", () -> extensive(socket).contains(expected));
                assertEquals(600, json(socket).get("restarting-in").asLong(), json(socket).toString());
            } finally {
                api.close();
                speaker.shutdown(Duration.ofSeconds(2));
            }
        }
    }

    @Test
    void durationsArePrintedAsPythonsTimedelta() {
        assertEquals("0:00:00", NeighborReport.timedelta(0));
        assertEquals("0:00:05", NeighborReport.timedelta(5));
        assertEquals("23:59:59", NeighborReport.timedelta(86_399));
        assertEquals("1 day, 0:00:00", NeighborReport.timedelta(86_400));
        assertEquals("3 days, 4:05:06", NeighborReport.timedelta(3 * 86_400 + 4 * 3600 + 5 * 60 + 6));
    }

    private static List<String> extensive(Path socket) {
        return send(socket, "show neighbor extensive");
    }

    /** The summary's up/down column of the neighbor (ExaBGP's columns: peer, AS, up/down, state). */
    private static String summaryColumn(Path socket) {
        String row = send(socket, "show neighbor summary").stream().filter(l -> l.startsWith("127.0.0.3 "))
                .findFirst().orElseThrow();
        // ExaBGP's "%-15s %-7s %9s %-12s %10d %10d": the column is what stands between the AS and the last three words
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\S+\\s+\\S+\\s+(.+?)\\s+\\S+\\s+\\d+\\s+\\d+$").matcher(row);
        if (!m.matches()) {
            throw new AssertionError("not ExaBGP's summary row: " + row);
        }
        return m.group(1);
    }

    private static JsonNode json(Path socket) {
        try {
            return JSON.readTree(String.join("\n", send(socket, "show neighbor json"))).get(0);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> send(Path socket, String command) {
        try {
            return ControlClient.send(socket, command).lines();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
