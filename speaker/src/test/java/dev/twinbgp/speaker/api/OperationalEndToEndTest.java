package dev.twinbgp.speaker.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.bgp.wire.Operational;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.speaker.session.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ExaBGP's operational messages end to end on loopback: an API process's {@code operational adm ...} reaches
 * the peer as an OPERATIONAL message, and one the peer sends reaches the process as ExaBGP's JSON.
 */
class OperationalEndToEndTest {
    @TempDir
    Path dir;
    private ApiHarness harness;

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    private static String config(Path script, boolean operational) {
        return """
                process ops { run /bin/sh %1$s; encoder json; }
                neighbor 127.0.0.3 {
                    router-id 127.0.0.2;
                    local-address 127.0.0.2;
                    local-as 65001;
                    peer-as 65002;
                    hold-time 30;
                    connect PORT;
                    family { ipv4 unicast; }
                    capability { operational %2$s; }
                    api { processes [ ops ]; receive { parsed; operational; } }
                }
                """.formatted(script, operational ? "enable" : "disable");
    }

    private Path script() throws Exception {
        return ApiHarness.script(dir, "ops.sh", """
                while [ ! -f %1$s/go ]; do sleep 0.1; done
                echo 'operational adm afi ipv4 safi unicast advisory "hello world"'
                read ack; echo "$ack" >> %1$s/acks
                echo 'operational rpcq afi ipv4 safi unicast sequence 7'
                read ack; echo "$ack" >> %1$s/acks
                exec cat >> %1$s/events
                """.formatted(dir));
    }

    @Test
    void commandsGoOnTheWireAndReceivedOnesAreReportedInJson() throws Exception {
        harness = ApiHarness.start("selector", "netty", dir, config(script(), true),
                Api.Options.defaults().withoutControlSocket(), List.of(), true);
        Await.until("established", harness::established);
        Files.createFile(dir.resolve("go"));
        Await.until("the peer got two OPERATIONAL messages", () -> harness.peerEvents.operationalsReceived.size() == 2);
        assertEquals(Operational.advisory(Operational.ADM, Family.IPV4_UNICAST, "hello world"),
                harness.peerEvents.operationalsReceived.get(0));
        assertEquals(Operational.query(Operational.RPCQ, Family.IPV4_UNICAST, 0x7F000002L, 7),
                harness.peerEvents.operationalsReceived.get(1), "router-id defaults to ours");
        Await.until("two acks", () -> lines(dir.resolve("acks")).size() == 2);
        assertEquals(List.of("done", "done"), lines(dir.resolve("acks")));

        assertTrue(harness.peerSide().sendOperational(
                id -> Operational.counter(Operational.RPCP, Family.IPV4_UNICAST, id, 7, 42)).get());
        Await.until("the process got the reply as JSON",
                () -> lines(dir.resolve("events")).stream().anyMatch(l -> l.contains("RPCP")));
        String line = lines(dir.resolve("events")).stream().filter(l -> l.contains("RPCP")).findFirst().orElseThrow()
                .replace(" ", "");
        assertTrue(line.contains("\"type\":\"operational\""), line);
        assertTrue(line.contains("\"operational\":{\"name\":\"RPCP\",\"afi\":\"ipv4\",\"safi\":\"unicast\","
                + "\"router-id\":\"127.0.0.3\",\"sequence\":7,\"counter\":42}"), line);
        assertTrue(harness.twinEvents.downs.isEmpty() && harness.peerEvents.downs.isEmpty());
    }

    @Test
    void withoutTheCapabilityNothingIsSentAndTheCommandFails() throws Exception {
        harness = ApiHarness.start("selector", "selector", dir, config(script(), false),
                Api.Options.defaults().withoutControlSocket(), List.of(), true);
        Await.until("established", harness::established);
        Files.createFile(dir.resolve("go"));
        Await.until("two acks", () -> lines(dir.resolve("acks")).size() == 2);
        assertEquals(List.of("error", "error"), lines(dir.resolve("acks")));
        assertTrue(harness.peerEvents.operationalsReceived.isEmpty());
        assertTrue(!harness.peerSide().sendOperational(
                id -> Operational.counter(Operational.RPCP, Family.IPV4_UNICAST, id, 7, 42)).get());
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }
}
