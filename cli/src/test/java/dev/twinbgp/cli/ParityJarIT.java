package dev.twinbgp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code twinbgp parity} as a real process: stdout holds its table and nothing else; the speakers
 * under test log to stderr, at WARN unless {@code --log-level} asks for more.
 */
class ParityJarIT {
    private record Result(int exit, String out, String err) {
    }

    private static Result parity(String... args) throws Exception {
        Path jar = Path.of("target", "twinbgp.jar");
        assertTrue(Files.isRegularFile(jar), "the package phase builds " + jar.toAbsolutePath());
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java));
        if (Runtime.version().feature() >= 23) {
            cmd.add("--sun-misc-unsafe-memory-access=allow"); // as ./twinbgp passes it
        }
        cmd.addAll(List.of("-jar", jar.toString(), "parity"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        // Both streams are small here (one scenario): read them one after the other.
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        return new Result(p.exitValue(), out, err);
    }

    @Test
    void stdoutIsTheTableAndTheSpeakersStayQuiet() throws Exception {
        Result r = parity("establish-active");
        assertEquals(0, r.exit(), r.out() + r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(5, lines.size(), r.out());
        assertTrue(lines.get(0).matches("scenario\\s+reactor\\s+result\\s+time"), lines.get(0));
        assertTrue(lines.get(1).matches("establish-active\\s+selector\\s+pass\\s+[0-9.]+s"), lines.get(1));
        assertTrue(lines.get(2).matches("establish-active\\s+netty\\s+pass\\s+[0-9.]+s"), lines.get(2));
        assertTrue(lines.get(3).matches("establish-active\\s+virtual\\s+pass\\s+[0-9.]+s"), lines.get(3));
        assertEquals("1 scenario(s) passed on selector, netty, virtual", lines.get(4));
        assertEquals("", r.err(), "speakers log at WARN by default: a passing scenario prints nothing on stderr");
    }

    @Test
    void logLevelBringsTheSpeakersLogsBackOnStderr() throws Exception {
        Result r = parity("--log-level", "info", "establish-active");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertEquals(5, r.out().lines().count(), "the logs never reach stdout: " + r.out());
        assertTrue(r.err().contains(" INFO  PeerDriver - peer 127.0.0.1 up"), r.err());
    }

    @Test
    void anUnknownLogLevelIsBadUsage() throws Exception {
        Result r = parity("--log-level", "loud", "establish-active");
        assertEquals(2, r.exit());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("twinbgp parity: unknown log level 'loud'"), r.err());
    }
}
