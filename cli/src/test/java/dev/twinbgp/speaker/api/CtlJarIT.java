package dev.twinbgp.speaker.api;

import dev.twinbgp.speaker.session.Await;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code twinbgp ctl} as the built jar, a real process, against a speaker running in this JVM: it prints the
 * answer and nothing else (no JVM warnings, no logs), and exits 1 with the reason for a refused command.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CtlJarIT {
    @TempDir
    Path dir;

    private ApiHarness harness;

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run ctl(Path socket, String... words) throws Exception {
        Path jar = Path.of("target", "twinbgp.jar");
        assertTrue(Files.isRegularFile(jar), "the package phase builds " + jar.toAbsolutePath());
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java));
        if (Runtime.version().feature() >= 23) {
            cmd.add("--sun-misc-unsafe-memory-access=allow"); // as ./twinbgp passes it
        }
        cmd.addAll(List.of("-jar", jar.toString(), "ctl", "--socket", socket.toString()));
        cmd.addAll(List.of(words));
        Process p = new ProcessBuilder(cmd).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Run(p.exitValue(), out, err);
    }

    @Test
    void ctlFromTheJar() throws Exception {
        Path script = ApiHarness.script(dir, "idle.sh", "exec cat > /dev/null\n");
        Path socket = dir.resolve("run").resolve("twinbgp.sock");
        Files.createDirectories(socket.getParent());
        harness = ApiHarness.start("selector", "selector", dir, ProcessEndToEndTest.config("idle", script, "text", ""),
                Api.Options.defaults().withControlSocket(socket), List.of(), true);
        Await.until("established", harness::established);

        Run announce = ctl(socket, "announce", "route", "203.0.113.0/24", "next-hop", "127.0.0.2");
        assertEquals(0, announce.exit(), announce.err());
        assertEquals("", announce.err(), "no JVM warnings, no logs");
        Await.until("the peer got it", () -> ApiHarness.ribInSize(harness.peerSide()) == 1);
        Run rib = ctl(socket, "show", "adj-rib", "out");
        assertEquals("neighbor 127.0.0.3 ipv4 unicast 203.0.113.0/24 next-hop 127.0.0.2 origin igp as-path [ 65001 ]\n",
                rib.out());
        Run bad = ctl(socket, "withdraw", "route");
        assertEquals(1, bad.exit());
        assertEquals("", bad.out());
        assertEquals("withdraw column 15: found end of the command, expected an IPv4 or IPv6 prefix (ADDRESS/LENGTH)\n",
                bad.err());
    }
}
