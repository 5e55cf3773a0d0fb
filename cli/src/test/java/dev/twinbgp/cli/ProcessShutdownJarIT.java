package dev.twinbgp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.twinbgp.bgp.wire.Keepalive;
import dev.twinbgp.bgp.wire.Notification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the API processes see when {@code twinbgp run} stops (SIGTERM), as with ExaBGP (reactor/loop.py
 * {@code shutdown}: the peers first, then {@code processes.terminate()}, which writes the {@code shutdown}
 * notification to each process before it ends them): the session's {@code down} event, then
 * {@code {"type": "notification", "notification": "shutdown"}} (text: {@code shutdown PID PPID}), then the end of
 * their input. A new user's watcher, moved from ExaBGP, never saw either: the processes were stopped first.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ProcessShutdownJarIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void processesSeeTheSessionGoDownThenTheShutdownNotification() throws Exception {
        stopAndCheck(false);
    }

    /**
     * Ctrl-C on a foreground {@code twinbgp run}: the terminal sends SIGINT to its whole process group. The
     * processes run in a group of their own, as ExaBGP's (os.setpgrp()), so they are not interrupted with it:
     * they still get the down events and the shutdown notification (they died at once, before).
     */
    @Test
    void ctrlCInTheTerminalReachesTheProcessesOnlyThroughTheStop() throws Exception {
        stopAndCheck(true);
    }

    private void stopAndCheck(boolean ctrlC) throws Exception {
        Path jsonSeen = dir.resolve("json.seen");
        Path textSeen = dir.resolve("text.seen");
        try (TestPeer peer = new TestPeer()) {
            Path file = dir.resolve("twinbgp.conf");
            Files.writeString(file, """
                    process watch-json { run /bin/sh -c "exec cat > %s"; encoder json; }
                    process watch-text { run /bin/sh -c "exec cat > %s"; encoder text; }
                    neighbor 127.0.0.1 {
                        router-id 10.0.0.1;
                        local-address 127.0.0.1;
                        local-as 65001;
                        peer-as 65002;
                        hold-time 30;
                        connect %d;
                        family { ipv4 unicast; }
                        api { processes [ watch-json watch-text ]; neighbor-changes; }
                    }
                    """.formatted(jsonSeen, textSeen, peer.port()));
            try (JarProcess p = ctrlC ? JarProcess.startAsForegroundJob("run", "--config", file.toString())
                    : JarProcess.start("run", "--config", file.toString())) {
                peer.accept(30_000);
                peer.readRaw(); // the OPEN
                peer.sendOpen(65001);
                peer.send(new Keepalive(), TestPeer.NEGOTIATED);
                assertTrue(JarProcess.await(p.err, l -> l.contains("peer 127.0.0.1 up"), 30), p.stderr());
                assertTrue(await(jsonSeen, "\"state\": \"up\"") && await(textSeen, "neighbor 127.0.0.1 up"),
                        "the processes saw the session come up");

                if (ctrlC) {
                    p.interruptGroup();
                } else {
                    assertTrue(p.process.toHandle().destroy()); // SIGTERM
                }
                dev.twinbgp.bgp.wire.BgpMessage m;
                do {
                    m = peer.readSkippingKeepalives(TestPeer.NEGOTIATED); // the End-of-RIB first
                } while (m instanceof dev.twinbgp.bgp.wire.Update);
                Notification n = assertInstanceOf(Notification.class, m);
                assertEquals(6, n.code(), "Cease");
                assertEquals(0, p.waitFor(10), "exit 0 after the signal: " + p.stderr());
                assertTrue(p.stderr().contains("stopping: Cease"), p.stderr());

                List<String> json = Files.readAllLines(jsonSeen);
                int down = indexOf(json, "\"state\": \"down\"");
                assertTrue(down >= 0, "the json process saw the session go down: " + String.join("\n", json) + "\n" + p.stderr());
                JsonNode last = JSON.readTree(json.get(json.size() - 1));
                assertEquals("notification", last.get("type").asText(), json.get(json.size() - 1));
                assertEquals("shutdown", last.get("notification").asText(), json.get(json.size() - 1));
                assertEquals(json.size() - 2, down, "down, then shutdown, last: " + String.join("\n", json));

                List<String> text = Files.readAllLines(textSeen);
                assertTrue(text.size() >= 2, String.join("\n", text));
                assertTrue(text.get(text.size() - 2).startsWith("neighbor 127.0.0.1 down - "), String.join("\n", text));
                assertTrue(text.get(text.size() - 1).matches("shutdown \\d+ \\d+"), String.join("\n", text));
            }
        }
    }

    private static int indexOf(List<String> lines, String part) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(part)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean await(Path file, String part) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() - end < 0) {
            if (Files.exists(file) && Files.readString(file).contains(part)) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }
}
