package dev.twinbgp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.twinbgp.speaker.interop.ExternalDaemon;
import dev.twinbgp.speaker.session.Ports;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Peering with BIRD 2", as a user copies it: BIRD 2 started on {@code examples/bird2.conf},
 * {@code twinbgp run} (the jar) on {@code examples/bird2-twinbgp.conf}, both files as they are but for the port
 * (1790 there; a free one here, several tests run at once). The session comes up, each side has the other's route.
 * A loopback peer needs {@code multihop} in BIRD ("Invalid next hop" without it), and BIRD listening on the port of
 * every address leaves twinbgp to connect ({@code passive on}): the files' comments and the README say so.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class Bird2ExampleJarIT {
    private static final Path EXAMPLES = Path.of("..", "examples");

    @TempDir
    Path dir;

    @Test
    void theReadmesBirdExampleEstablishesAndExchangesRoutes() throws Exception {
        assumeTrue(Boolean.getBoolean("twinbgp.interop"), "interop tests need real daemons: run with"
                + " TWINBGP_INTEROP=true (as .ci/run does) after 'apt-get install bird2'");
        assumeTrue(ExternalDaemon.installed("bird") && ExternalDaemon.installed("birdc"), "bird2 is not installed");
        String readme = Files.readString(Path.of("..", "README.md"));
        assertTrue(readme.contains("bird -f -c examples/bird2.conf -s /tmp/bird-twinbgp.ctl")
                && readme.contains("./twinbgp run --config examples/bird2-twinbgp.conf"), "the README runs these files");

        int port = Ports.freeOn("127.0.0.2", "127.0.0.3");
        Path birdConf = dir.resolve("bird2.conf");
        Path twinConf = dir.resolve("bird2-twinbgp.conf");
        Files.writeString(birdConf, withPort(Files.readString(EXAMPLES.resolve("bird2.conf")), port));
        Files.writeString(twinConf, withPort(Files.readString(EXAMPLES.resolve("bird2-twinbgp.conf")), port));
        Path sock = dir.resolve("bird.ctl");
        Process bird = new ProcessBuilder("bird", "-f", "-c", birdConf.toString(), "-s", sock.toString(),
                "-P", dir.resolve("bird.pid").toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("bird.log").toFile()).start();
        try (JarProcess run = JarProcess.start("run", "--config", twinConf.toString(),
                "--control-socket", dir.resolve("ctl.sock").toString())) {
            assertTrue(JarProcess.await(run.err, l -> l.contains("peer 127.0.0.3 up"), 60), run.stderr() + birdLog());
            awaitBirdc(sock, "show protocols twinbgp", "Established");
            String route = awaitBirdc(sock, "show route", "192.0.2.0/24");
            assertTrue(route.contains("from 127.0.0.2") && route.contains("[AS65001i]"), route);
            assertTrue(JarProcess.await(run.err, l -> l.contains("End-of-RIB received"), 30), run.stderr());
            try (JarProcess ctl = JarProcess.start("ctl", "--socket", dir.resolve("ctl.sock").toString(),
                    "show", "adj-rib", "in")) {
                assertEquals(0, ctl.waitFor(60), ctl.stderr());
                assertTrue(ctl.out.stream().anyMatch(l -> l.startsWith(
                        "neighbor 127.0.0.3 ipv4 unicast 198.51.100.0/24 next-hop 127.0.0.3")), String.join("\n", ctl.out));
            }
            assertTrue(run.process.toHandle().destroy()); // SIGTERM
            assertEquals(0, run.waitFor(30), run.stderr());
        } finally {
            bird.destroy();
            if (!bird.waitFor(10, TimeUnit.SECONDS)) {
                bird.destroyForcibly();
            }
        }
    }

    private static String withPort(String conf, int port) {
        assertTrue(conf.contains("1790"), conf);
        return conf.replace("1790", Integer.toString(port));
    }

    private String birdLog() throws IOException {
        Path log = dir.resolve("bird.log");
        return Files.exists(log) ? "\nbird.log:\n" + Files.readString(log) : "";
    }

    /** Polls {@code birdc COMMAND} until its output contains {@code expected} (60 s at most); that output. */
    private String awaitBirdc(Path sock, String command, String expected) throws Exception {
        String last = "";
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() - end < 0) {
            Path out = dir.resolve("birdc.out");
            List<String> cmd = new java.util.ArrayList<>(List.of("birdc", "-s", sock.toString()));
            cmd.addAll(List.of(command.split(" ")));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            last = Files.readString(out, StandardCharsets.UTF_8);
            if (last.contains(expected)) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("birdc " + command + ": no '" + expected + "' within 60 s; last answer:\n" + last + birdLog());
    }
}
