package dev.twinbgp.speaker.api;

import dev.twinbgp.speaker.session.Await;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.bgp.rib.Path;
import dev.twinbgp.bgp.rib.Route;
import dev.twinbgp.bgp.wire.attribute.Attribute;
import dev.twinbgp.bgp.wire.attribute.Attributes;
import dev.twinbgp.bgp.wire.family.Prefix;
import dev.twinbgp.speaker.session.PeerDriver;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The API with real child processes ({@code /bin/sh} scripts) driving a real session on loopback, hold time
 * 3 s ({@link #LOADED_HOLD_TIME} for the two that move 100,000 routes): a health check, a burst of 100,000
 * commands, a process that never reads, one that keeps exiting.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ProcessEndToEndTest {
    @TempDir
    java.nio.file.Path dir;

    private ApiHarness harness;

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    /**
     * The hold time of the tests that move 100,000 routes through both speakers. Not 3 s: a hold timer is a
     * wall-clock threshold on how long a loop may go without a message through, and on a loaded 2-core machine
     * (load 5-7) the 3 s one expired in the middle of the flood with nothing stalled, on every reactor. What those
     * tests guard against does not end by itself (a loop blocked on a child that never reads stays blocked), so
     * they catch it by what stops arriving, not by a timer.
     */
    static final int LOADED_HOLD_TIME = 30;

    static String config(String process, java.nio.file.Path script, String encoder, String apiExtra) {
        return config(process, script, encoder, apiExtra, 3);
    }

    static String config(String process, java.nio.file.Path script, String encoder, String apiExtra, int holdTime) {
        return """
                process %1$s { run /bin/sh %2$s; encoder %3$s; }
                neighbor 127.0.0.3 {
                    router-id 127.0.0.2;
                    local-address 127.0.0.2;
                    local-as 65001;
                    peer-as 65002;
                    hold-time %5$d;
                    connect PORT;
                    family { ipv4 unicast; }
                    api { processes [ %1$s ]; %4$s }
                }
                """.formatted(process, script, encoder, apiExtra, holdTime);
    }

    @Test
    void healthCheckAnnouncesAndWithdrawsItsAddress() throws Exception {
        java.nio.file.Path script = ApiHarness.script(dir, "check.sh", """
                echo "announce route 192.0.2.1/32 next-hop 127.0.0.2 community [65001:666]"
                read ack; echo "$ack" >> %1$s/acks
                while [ ! -f %1$s/down ]; do sleep 0.1; done
                echo "withdraw route 192.0.2.1/32"
                read ack; echo "$ack" >> %1$s/acks
                echo "announce route 192.0.2.1/33 next-hop 127.0.0.2"
                read ack; echo "$ack" >> %1$s/acks
                exec cat > /dev/null
                """.formatted(dir));
        harness = ApiHarness.start("selector", "selector", dir, config("check", script, "json", ""),
                Api.Options.defaults().withoutControlSocket(), List.of(), true);
        PeerDriver peer = harness.peerSide();
        Await.until("the peer holds the service address", () -> ApiHarness.ribInSize(peer) == 1);
        Path path = peer.query(() -> peer.adjRibIn().get(Prefix.parse("192.0.2.1/32"))).get();
        assertEquals(new Attribute.NextHop(Attribute.NextHop.of("127.0.0.2").address()), path.attributes().nextHop().orElseThrow());
        assertEquals(new Attribute.Communities(List.of(65001L << 16 | 666)),
                path.attributes().get(Attribute.Communities.class).orElseThrow());
        // The route can reach the peer before the script has read and written its ack: wait for it.
        Await.until("the script got its ack", () -> !lines(dir.resolve("acks")).isEmpty());
        assertEquals(List.of("done"), lines(dir.resolve("acks")));

        Files.createFile(dir.resolve("down"));
        Await.until("the peer lost the address", () -> ApiHarness.ribInSize(peer) == 0);
        Await.until("three acks", () -> lines(dir.resolve("acks")).size() == 3);
        assertEquals(List.of("done", "done", "error"), lines(dir.resolve("acks")),
                "a malformed command is answered error");
        assertEquals(0, ApiHarness.ribInSize(peer), "and changed nothing");
        assertTrue(harness.peerEvents.downs.isEmpty(), () -> "no session went down: " + harness.peerEvents.downs);
    }

    @Test
    void theExampleHealthCheckFollowsTheService() throws Exception {
        java.nio.file.Path example = java.nio.file.Path.of("..", "examples", "healthcheck.sh").toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(example), "examples/healthcheck.sh is where the docs say");
        String config = config("health", example, "text", "").replace("run /bin/sh " + example,
                "run /usr/bin/env SERVICE_IP=192.0.2.10 NEXT_HOP=127.0.0.2 \"CHECK=test -f " + dir.resolve("up")
                        + "\" INTERVAL=0.1 RISE=1 FALL=1 /bin/sh " + example);
        harness = ApiHarness.start("selector", "selector", dir, config, Api.Options.defaults().withoutControlSocket(),
                List.of(), true);
        PeerDriver peer = harness.peerSide();
        Await.until("established", harness::established);
        Files.createFile(dir.resolve("up"));
        Await.until("the service address is announced", () -> ApiHarness.ribInSize(peer) == 1);
        assertNotNull(peer.query(() -> peer.adjRibIn().get(Prefix.parse("192.0.2.10/32"))).get());
        Files.delete(dir.resolve("up"));
        Await.until("and withdrawn when the service fails", () -> ApiHarness.ribInSize(peer) == 0);
        Files.createFile(dir.resolve("up"));
        Await.until("and announced again", () -> ApiHarness.ribInSize(peer) == 1);
        assertEquals(0, harness.api.dropped("health"));
    }

    @Test
    void theExampleConfigurationParses() throws Exception {
        var config = dev.twinbgp.speaker.config.ConfigParser.parse(
                java.nio.file.Path.of("..", "examples", "healthcheck.conf"));
        assertEquals("healthcheck", config.processes().get(0).name());
        assertEquals(List.of("healthcheck"), config.neighbors().get(0).apis().get(0).processes());
    }

    @Test
    void aBurstGetsOneAckPerCommandInOrder() throws Exception {
        // 5,000 lines written at once: merged into batches of up to ApiProcess.MAX_BATCH commands, whose "done"s
        // go to the queue as one entry per batch; the program must still read one line per command, and the
        // malformed line's "error" exactly at its place.
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            lines.append(i == 3000 ? "announce route 10.0.0.0/33 next-hop 127.0.0.2"
                    : "announce route 10.%d.%d.0/24 next-hop 127.0.0.2 med %d".formatted(i / 256, i % 256, i / 4)).append('\n');
        }
        Files.writeString(dir.resolve("burst.txt"), lines);
        java.nio.file.Path script = ApiHarness.script(dir, "burst.sh", """
                cat %1$s/burst.txt
                exec cat > %1$s/answers
                """.formatted(dir));
        harness = ApiHarness.start("selector", "selector", dir, config("burst", script, "text", ""),
                Api.Options.defaults().withoutControlSocket(), List.of(), true);
        PeerDriver peer = harness.peerSide();
        Await.until("the peer holds the burst", () -> ApiHarness.ribInSize(peer) == 4999);
        Await.until("every answer", () -> lines(dir.resolve("answers")).size() == 5000);
        List<String> answers = lines(dir.resolve("answers"));
        for (int i = 0; i < 5000; i++) {
            assertEquals(i == 3000 ? "error" : "done", answers.get(i), "answer " + i);
        }
        assertEquals(0, harness.api.dropped("burst"));
    }

    @Test
    void commandsApplyInTheOrderSentEvenWhenBatched() throws Exception {
        // printf writes all lines at once: they reach the reader together and are merged into one batch
        java.nio.file.Path script = ApiHarness.script(dir, "order.sh", """
                printf '%s\\n' \\
                  "announce route 192.0.2.1/32 next-hop 127.0.0.2" \\
                  "announce route 192.0.2.2/32 next-hop 127.0.0.2" \\
                  "withdraw route 192.0.2.1/32" \\
                  "announce route 192.0.2.2/32 next-hop 127.0.0.2 med 5" \\
                  "announce route 192.0.2.3/32 next-hop 127.0.0.2" \\
                  "withdraw route 192.0.2.3/32" \\
                  "announce route 192.0.2.1/32 next-hop 127.0.0.2 med 1"
                exec cat > /dev/null
                """);
        harness = ApiHarness.start("selector", "selector", dir, config("order", script, "json", ""),
                Api.Options.defaults().withoutControlSocket(), List.of(), true);
        PeerDriver peer = harness.peerSide();
        Await.until("the final table", () -> {
            try {
                Path one = peer.query(() -> peer.adjRibIn().get(Prefix.parse("192.0.2.1/32"))).get();
                Path two = peer.query(() -> peer.adjRibIn().get(Prefix.parse("192.0.2.2/32"))).get();
                return ApiHarness.ribInSize(peer) == 2 && one != null && two != null
                        && one.attributes().med().orElseThrow().value() == 1 && two.attributes().med().orElseThrow().value() == 5;
            } catch (Exception e) {
                return false;
            }
        });
    }

    @Test
    void aProcessNoNeighborNamesChangesNothingWithoutASelector() throws Exception {
        java.nio.file.Path script = ApiHarness.script(dir, "lonely.sh", """
                echo "announce route 192.0.2.1/32 next-hop 127.0.0.2"; read a; echo "$a" >> %1$s/answers
                echo "neighbor 127.0.0.3 announce route 192.0.2.9/32 next-hop 127.0.0.2"; read a; echo "$a" >> %1$s/answers
                exec cat > /dev/null
                """.formatted(dir));
        java.nio.file.Path idle = ApiHarness.script(dir, "idle.sh", "exec cat > /dev/null\n");
        String config = "process lonely { run /bin/sh " + script + "; }\n" + config("idle", idle, "text", "");
        harness = ApiHarness.start("selector", "selector", dir, config, Api.Options.defaults().withoutControlSocket(),
                List.of(), true);
        Await.until("two answers", () -> lines(dir.resolve("answers")).size() == 2);
        assertEquals(List.of("error", "done"), lines(dir.resolve("answers")));
        PeerDriver peer = harness.peerSide();
        Await.until("only the selected route arrives", () -> ApiHarness.ribInSize(peer) == 1);
        assertNotNull(peer.query(() -> peer.adjRibIn().get(Prefix.parse("192.0.2.9/32"))).get());
    }

    @Test
    void aMultiLineGroupHoldsItsRouteChangesUntilGroupEnd() throws Exception {
        // ExaBGP's group start ... group end (reactor/api/command/group.py): the changes wait for the end, other
        // commands run meanwhile, a nested start and an end without a start are errors
        java.nio.file.Path script = ApiHarness.script(dir, "group.sh", """
                out=%s/answers
                echo "group start"; read a; echo "$a" >> $out; read a; echo "$a" >> $out
                echo "announce route 192.0.2.1/32 next-hop 127.0.0.2"; read a; echo "$a" >> $out
                echo "announce route 192.0.2.2/32 next-hop 127.0.0.2"; read a; echo "$a" >> $out
                echo "withdraw route 192.0.2.9/32"; read a; echo "$a" >> $out
                echo "group announce route 192.0.2.4/32 next-hop 127.0.0.2 ; withdraw route 192.0.2.8/32"; read a; echo "$a" >> $out
                echo "announce route 192.0.2.3/33 next-hop 127.0.0.2"; read a; echo "$a" >> $out
                echo "show adj-rib out"; read a; echo "$a" >> $out
                echo "group start"; read a; echo "$a" >> $out
                echo "group end"; read a; echo "$a" >> $out; read a; echo "$a" >> $out
                echo "group end"; read a; echo "$a" >> $out
                echo "group start"; read a; echo "$a" >> $out; read a; echo "$a" >> $out
                echo "group end"; read a; echo "$a" >> $out; read a; echo "$a" >> $out
                exec cat > /dev/null
                """.formatted(dir));
        harness = ApiHarness.start("selector", "selector", dir, config("group", script, "text", ""),
                Api.Options.defaults().withoutControlSocket(), List.of(), true);
        Await.until("every answer", () -> lines(dir.resolve("answers")).size() == 16);
        assertEquals(List.of(
                "group started", "done",
                "done", "done", "done", "done",
                "error", // 192.0.2.3/33: refused at once, not held
                "done", // show adj-rib out: nothing yet, the group holds it
                "error", // nested group start
                "group processed: 3 announced, 2 withdrawn", "done",
                "error", // group end without a start
                "group started", "done",
                "group ended (0 commands)", "done"), lines(dir.resolve("answers")));
        Await.until("the three routes at the peer", () -> ApiHarness.ribInSize(harness.peerSide()) == 3);
    }

    @Test
    void ackModesAndAnswersOnStdin() throws Exception {
        java.nio.file.Path script = ApiHarness.script(dir, "acks.sh", """
                out=%s/answers
                echo "disable-ack"; read a; echo "$a" >> $out
                echo "announce route 192.0.2.1/32 next-hop 127.0.0.2"
                echo "silence-ack"
                echo "announce route 192.0.2.2/32 next-hop 127.0.0.2 med 9"
                echo "bogus"
                echo "enable-ack"; read a; echo "$a" >> $out
                echo "show adj-rib out"
                while read l; do echo "$l" >> $out; [ "$l" = done ] && break; done
                echo "withdraw route 192.0.2.1/32"; read a; echo "$a" >> $out
                echo "clear adj-rib out"; read a; echo "$a" >> $out
                echo "version"; read a; echo "$a" >> $out; read a; echo "$a" >> $out
                exec cat > /dev/null
                """.formatted(dir));
        harness = ApiHarness.start("selector", "selector", dir, config("acks", script, "text", ""),
                Api.Options.defaults().withoutControlSocket(), List.of(), true);
        Await.until("every answer", () -> lines(dir.resolve("answers")).size() == 9);
        assertEquals(List.of(
                "done",
                "done",
                "neighbor 127.0.0.3 ipv4 unicast 192.0.2.1/32 next-hop 127.0.0.2 origin igp as-path [ 65001 ]",
                "neighbor 127.0.0.3 ipv4 unicast 192.0.2.2/32 next-hop 127.0.0.2 origin igp as-path [ 65001 ] med 9",
                "done",
                "done",
                "done",
                "twinbgp dev",
                "done"), lines(dir.resolve("answers")));
        PeerDriver twin = harness.twinSide();
        Await.until("nothing left to announce", () -> {
            try {
                return twin.query(() -> twin.adjRibOut().size()).get() == 0;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        Await.until("and the peer has nothing", () -> ApiHarness.ribInSize(harness.peerSide()) == 0);
    }

    @ParameterizedTest
    @MethodSource("dev.twinbgp.speaker.session.EveryReactor#names")
    void aBurstOf100000CommandsDoesNotStarveKeepalives(String reactor) throws Exception {
        java.nio.file.Path script = ApiHarness.script(dir, "burst.sh", """
                awk 'BEGIN { for (i = 0; i < 100000; i++) \
                  printf "announce route 10.%d.%d.%d/32 next-hop 127.0.0.2\\n", int(i / 65536), int(i / 256) % 256, i % 256 }'
                exec cat > /dev/null
                """);
        harness = ApiHarness.start(reactor, "selector", dir, config("burst", script, "json", "", LOADED_HOLD_TIME),
                Api.Options.defaults().withoutControlSocket(), List.of(), true);
        PeerDriver peer = harness.peerSide();
        Await.untilCount("the peer holds 100,000 routes", 100_000, () -> ApiHarness.ribInSize(peer));
        // Read in order after the last route: a KEEPALIVE counted from here was sent after the whole burst, by
        // the twin's keepalive timer (restarted by each UPDATE it sent, RFC 4271 section 8.2.2), so its loop still
        // runs its timers and writes. One interval (hold / 3) away.
        int keepalives = harness.peerEvents.keepalivesReceived.get();
        Await.until("keepalives still flow", () -> harness.peerEvents.keepalivesReceived.get() >= keepalives + 1);
        assertTrue(harness.peerEvents.downs.isEmpty() && harness.twinEvents.downs.isEmpty(),
                () -> "no session went down: " + harness.peerEvents.downs + harness.twinEvents.downs);
        assertEquals(1, harness.peerEvents.established.get());
    }

    @ParameterizedTest
    @MethodSource("dev.twinbgp.speaker.session.EveryReactor#names")
    void aProcessThatNeverReadsDoesNotStallTheSpeaker(String reactor) throws Exception {
        java.nio.file.Path script = ApiHarness.script(dir, "sink.sh", "exec sleep 600\n");
        List<Route> routes = new ArrayList<>(100_000);
        Path path = new Path(Attributes.of(new Attribute.Origin(Attribute.Origin.IGP), Attribute.AsPath.sequence(65002L),
                Attribute.NextHop.of(ApiHarness.PEER)));
        for (int i = 0; i < 100_000; i++) {
            routes.add(new Route(Prefix.ipv4(0x0B000000 | i, 32), path));
        }
        // group-updates off on the peer: 100,000 UPDATEs, each an event for the process
        java.nio.file.Path watcher = ApiHarness.script(dir, "watch.sh", "exec cat > " + dir.resolve("watched") + "\n");
        String config = "process watch { run /bin/sh " + watcher + "; encoder json; }\n"
                + config("sink", script, "json", "receive { parsed; update; }", LOADED_HOLD_TIME);
        harness = ApiHarness.start(reactor, "selector", dir, config,
                Api.Options.defaults().withoutControlSocket().withQueueCapacity(256), routes, false);
        PeerDriver twin = harness.twinSide();
        PeerDriver peer = harness.peerSide();
        // The sink takes nothing for 600 s: a loop that waited for room in its queue would stay blocked, and the
        // routes after the first few hundred would never arrive. How long they take is the machine's load.
        Await.untilCount("twin holds the 100,000 routes", 100_000, () -> ApiHarness.ribInSize(twin));
        assertTrue(harness.api.dropped("sink") > 0, "the overflow is counted");
        Await.until("the other process is told", () -> String.join("\n", lines(dir.resolve("watched")))
                .contains("\"type\": \"process\", \"process\": { \"name\": \"sink\", \"state\": \"stalled\""));

        // Still served after the stall, while the sink's queue stays full: each UPDATE from the peer is one more
        // event offered to it on twin's loop (dropped and counted), and twin's loop still sends.
        long dropped = harness.api.dropped("sink");
        peer.withdraw(List.of(Prefix.ipv4(0x0B000000, 32)));
        peer.announce(List.of(new Route(Prefix.parse("198.51.100.0/24"), path)));
        Await.until("twin applies UPDATEs after the stall", () -> ApiHarness.ribInSize(twin) == 100_000
                && has(twin, "198.51.100.0/24") && !has(twin, "11.0.0.0/32"));
        Await.until("their events are dropped, not waited for", () -> harness.api.dropped("sink") > dropped);
        twin.announce(List.of(new Route(Prefix.parse("203.0.113.0/24"), new Path(Attributes.of(
                new Attribute.Origin(Attribute.Origin.IGP), Attribute.AsPath.sequence(65001L),
                Attribute.NextHop.of(ApiHarness.TWIN))))));
        Await.until("and twin still sends UPDATEs", () -> has(peer, "203.0.113.0/24"));
        assertTrue(harness.peerEvents.downs.isEmpty() && harness.twinEvents.downs.isEmpty(),
                () -> "no session went down: " + harness.peerEvents.downs + harness.twinEvents.downs);
        assertEquals(1, harness.twinEvents.established.get());
        assertEquals(1, harness.peerEvents.established.get());
    }

    private static boolean has(PeerDriver p, String prefix) {
        return ApiHarness.query(p, () -> p.adjRibIn().get(Prefix.parse(prefix))) != null;
    }

    @Test
    void aProcessThatExitsIsRestarted() throws Exception {
        java.nio.file.Path script = ApiHarness.script(dir, "flaky.sh", """
                echo started >> %s/starts
                exit 3
                """.formatted(dir));
        harness = ApiHarness.start("selector", "selector", dir, config("flaky", script, "text", ""),
                Api.Options.defaults().withoutControlSocket(), List.of(), true);
        // Checked at every poll, not only at the end: a start is counted before its child can write
        // (written <= starts), and each counted start ran one child, the next only after the previous
        // one exited (starts <= written + 1). Read in this order so that the counter's growth between
        // reads cannot break either bound.
        Await.until("started three times", () -> {
            long countedBefore = harness.api.starts("flaky");
            int written = lines(dir.resolve("starts")).size();
            long countedAfter = harness.api.starts("flaky");
            assertTrue(written <= countedAfter,
                    () -> written + " children wrote their line but only " + countedAfter + " starts are counted");
            assertTrue(countedBefore <= written + 1,
                    () -> countedBefore + " starts are counted but only " + written + " children wrote their line");
            return written >= 3;
        });
        assertTrue(harness.api.starts("flaky") >= 3);
    }

    @Test
    void eventsReachTheProcessAsJson() throws Exception {
        java.nio.file.Path script = ApiHarness.script(dir, "log.sh", "exec cat > " + dir.resolve("events") + "\n");
        Path path = new Path(Attributes.of(new Attribute.Origin(Attribute.Origin.IGP), Attribute.AsPath.sequence(65002L),
                Attribute.NextHop.of(ApiHarness.PEER)));
        harness = ApiHarness.start("selector", "selector", dir,
                config("log", script, "json", "neighbor-changes; receive { parsed; update; }"),
                Api.Options.defaults().withoutControlSocket(),
                List.of(new Route(Prefix.parse("198.51.100.0/24"), path)), true);
        Await.until("an update event", () -> String.join("\n", lines(dir.resolve("events"))).contains("198.51.100.0/24"));
        List<String> events = lines(dir.resolve("events"));
        assertTrue(events.stream().anyMatch(l -> l.contains("\"type\": \"state\"") && l.contains("\"state\": \"up\"")),
                () -> "a state up event: " + events);
        assertNotNull(events.stream().filter(l -> l.contains("\"type\": \"update\"")).findFirst().orElse(null));
        assertNull(events.stream().filter(l -> l.equals("done") || l.equals("error")).findFirst().orElse(null),
                "no acks: the process sent no command");
    }

    static List<String> lines(java.nio.file.Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }
}
