package dev.twinbgp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.bgp.wire.BgpMessage;
import dev.twinbgp.bgp.wire.Keepalive;
import dev.twinbgp.bgp.wire.Update;
import dev.twinbgp.bgp.wire.family.Prefix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code twinbgp healthcheck} as a {@code process} of {@code twinbgp run}, both the built jar as real processes,
 * with a check command that flips (a flag file the test creates and removes) and a peer that reads the UPDATEs:
 * one checker changes the MED of its address (100 up, 1000 down), the other ({@code --withdraw-on-down})
 * announces and withdraws its address. Nothing here asserts time; the timeouts only bound a hang.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class HealthcheckJarIT {
    private static final Prefix METRIC = Prefix.parse("192.0.2.10/32");
    private static final Prefix WITHDRAWN = Prefix.parse("192.0.2.20/32");

    @TempDir
    Path dir;

    /** What the peer holds: prefix -> MED (-1 without), updated from each UPDATE. */
    private final java.util.Map<Prefix, Long> table = new java.util.HashMap<>();

    private void apply(Update u) {
        u.withdrawnAll().forEach(n -> n.prefixes().forEach(table::remove));
        long med = u.attributes().med().map(m -> m.value()).orElse(-1L);
        u.announced().forEach(n -> n.prefixes().forEach(p -> table.put(p, med)));
    }

    /** Reads UPDATEs until {@code condition} holds on the table. */
    private void until(TestPeer peer, String what, java.util.function.Predicate<java.util.Map<Prefix, Long>> condition)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!condition.test(table)) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what + "; table " + table);
            BgpMessage m = peer.readSkippingKeepalives(TestPeer.NEGOTIATED);
            apply(assertInstanceOf(Update.class, m, "only UPDATEs: " + m));
        }
    }

    private static String checker(Path flag, String ip, String... more) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> words = new ArrayList<>(List.of(java));
        if (Runtime.version().feature() >= 23) words.add("--sun-misc-unsafe-memory-access=allow");
        words.addAll(List.of("-jar", Path.of("target", "twinbgp.jar").toAbsolutePath().toString(), "healthcheck",
                "--cmd", "\"test -f " + flag + "\"", "--ip", ip, "--no-ip-setup", "--rise", "1", "--fall", "1",
                "--interval", "0.5", "--fast-interval", "0.2", "--timeout", "5"));
        words.addAll(List.of(more));
        return String.join(" ", words);
    }

    @Test
    void announcesChangesTheMetricAndWithdrawsAsTheCheckFlips() throws Exception {
        Path flag = dir.resolve("service-up");
        try (TestPeer peer = new TestPeer()) {
            Path config = dir.resolve("twinbgp.conf");
            Files.writeString(config, """
                    process metric {
                        run %s;
                        encoder text;
                    }
                    process withdraw {
                        run %s;
                        encoder text;
                    }
                    neighbor 127.0.0.1 {
                        router-id 10.0.0.1; local-address 127.0.0.1; local-as 65001; peer-as 65002; hold-time 30;
                        connect %d;
                        family { ipv4 unicast; }
                        api { processes [ metric withdraw ]; }
                    }
                    """.formatted(checker(flag, "192.0.2.10/32", "--community", "65001:7"),
                    checker(flag, "192.0.2.20", "--withdraw-on-down"), peer.port()));
            try (JarProcess run = JarProcess.start("run", "--config", config.toString(), "--reactor", "selector")) {
                peer.accept(60_000);
                peer.readRaw(); // OPEN
                peer.sendOpen(65001);
                peer.send(new Keepalive(), TestPeer.NEGOTIATED);

                // no flag: down. The metric checker announces with the down metric, the other withdraws (nothing).
                until(peer, "the down metric", t -> Long.valueOf(1000).equals(t.get(METRIC)));
                assertFalse(table.containsKey(WITHDRAWN), table.toString());

                Files.createFile(flag); // the service comes up
                until(peer, "the up metric and the other address", t -> Long.valueOf(100).equals(t.get(METRIC))
                        && Long.valueOf(100).equals(t.get(WITHDRAWN)));

                Files.delete(flag); // and goes down again
                until(peer, "the down metric and the withdrawal", t -> Long.valueOf(1000).equals(t.get(METRIC))
                        && !t.containsKey(WITHDRAWN));

                assertTrue(run.process.toHandle().destroy()); // SIGTERM
                assertEquals(0, run.waitFor(30), run.stderr());
                assertFalse(run.stderr().contains("WARNING"), "no JVM warnings: " + run.stderr());
                assertFalse(run.stderr().contains("\tat "), "no stack trace: " + run.stderr());
                // the checkers' lines, logged by run with its time, carry no time of their own (TWINBGP_PROCESS)
                List<String> relayed = run.err.stream().filter(l -> l.contains("process metric: ")).toList();
                assertTrue(relayed.stream().anyMatch(l -> l.contains("process metric: INFO  ")), run.stderr());
                assertTrue(relayed.stream().noneMatch(l -> l.matches(".*process metric: \\d\\d:\\d\\d:\\d\\d.*")),
                        run.stderr());
            }
        }
    }
}
