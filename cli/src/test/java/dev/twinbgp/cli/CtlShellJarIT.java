package dev.twinbgp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code twinbgp ctl} without a command, the jar against {@code twinbgp run} (the jar): commands piped in are
 * answered one after the other, and on a terminal (util-linux {@code script} gives it one) the shell completes
 * commands and neighbor addresses with Tab and keeps a history.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class CtlShellJarIT {
    @TempDir
    Path dir;

    private JarProcess daemon(Path socket) throws Exception {
        Path config = dir.resolve("twinbgp.conf");
        Files.writeString(config, """
                neighbor 127.0.0.192 {
                    router-id 127.0.0.191; local-address 127.0.0.191; local-as 65001; peer-as 65002;
                    passive; listen %d;
                }
                """.formatted(dev.twinbgp.speaker.session.Ports.freeOn("127.0.0.191")));
        JarProcess run = JarProcess.start("run", "--config", config.toString(), "--control-socket", socket.toString());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(socket)) {
            assertTrue(System.nanoTime() < deadline, "the control socket: " + run.stderr());
            Thread.sleep(100);
        }
        return run;
    }

    private static List<String> java(Path home) {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
        if (Runtime.version().feature() >= 23) cmd.add("--sun-misc-unsafe-memory-access=allow");
        cmd.add("-Duser.home=" + home); // the history file goes there, not into the real home
        cmd.addAll(List.of("-jar", Path.of("target", "twinbgp.jar").toAbsolutePath().toString()));
        return cmd;
    }

    @Test
    void commandsPipedInAreAnsweredInTurn() throws Exception {
        Path socket = dir.resolve("ctl.sock");
        try (JarProcess run = daemon(socket)) {
            List<String> cmd = java(dir);
            cmd.addAll(List.of("ctl", "--socket", socket.toString()));
            Process ctl = new ProcessBuilder(cmd).start();
            try (OutputStream in = ctl.getOutputStream()) {
                in.write("show neighbor summary\n\n# a comment\nbogus\nversion\n".getBytes(StandardCharsets.UTF_8));
            }
            String out = new String(ctl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(ctl.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(ctl.waitFor(60, TimeUnit.SECONDS));
            assertEquals(1, ctl.exitValue(), "one command was refused: " + err);
            assertTrue(out.contains("127.0.0.192") && out.contains("twinbgp "), out);
            assertTrue(err.startsWith("unknown command 'bogus'"), err);
            assertFalse(err.contains("WARNING"), "no JVM warnings: " + err);
            assertFalse(out.contains("twinbgp>"), "no prompt without a terminal: " + out);
            assertTrue(run.process.toHandle().destroy());
        }
    }

    @Test
    void onATerminalTabCompletesCommandsAndNeighbors() throws Exception {
        Assumptions.assumeTrue(new File("/usr/bin/script").canExecute(), "util-linux 'script' gives the shell a terminal");
        Path socket = dir.resolve("ctl.sock");
        try (JarProcess run = daemon(socket)) {
            List<String> cmd = java(dir);
            cmd.addAll(List.of("ctl", "--socket", socket.toString()));
            String line = "stty cols 120 rows 40; exec " + String.join(" ", cmd);
            ProcessBuilder pb = new ProcessBuilder("script", "-qfc", line, "/dev/null").redirectErrorStream(true);
            pb.environment().put("TERM", "xterm");
            Process shell = pb.start();
            ByteArrayOutputStream seen = new ByteArrayOutputStream();
            Thread reader = Thread.ofVirtual().start(() -> {
                try (InputStream o = shell.getInputStream()) {
                    byte[] buf = new byte[4096];
                    int n;
                    while ((n = o.read(buf)) > 0) {
                        synchronized (seen) {
                            seen.write(buf, 0, n);
                        }
                    }
                } catch (java.io.IOException e) {
                    // ended
                }
            });
            OutputStream keys = shell.getOutputStream();
            await(seen, "twinbgp> ");
            keys.write("sho\tnei\tsu\t\r".getBytes(StandardCharsets.US_ASCII)); // Tab after each prefix
            keys.flush();
            await(seen, "#recvd");
            keys.write("neighbor \t".getBytes(StandardCharsets.US_ASCII));
            keys.flush();
            await(seen, "neighbor 127.0.0.192");
            keys.write("\u0015exit\r".getBytes(StandardCharsets.US_ASCII)); // Ctrl-U clears the line
            keys.flush();
            assertTrue(shell.waitFor(60, TimeUnit.SECONDS), text(seen));
            reader.join(5000);
            String screen = text(seen);
            assertTrue(screen.contains("twinbgp> show neighbor summary"), screen);
            assertFalse(screen.contains("WARNING"), "no JVM warnings: " + screen);
            List<String> history = Files.readAllLines(dir.resolve(".twinbgp_history"));
            assertTrue(history.stream().anyMatch(h -> h.endsWith("show neighbor summary")), history.toString());
            assertTrue(run.process.toHandle().destroy());
        }
    }

    private static String text(ByteArrayOutputStream seen) {
        synchronized (seen) {
            return seen.toString(StandardCharsets.UTF_8);
        }
    }

    private static void await(ByteArrayOutputStream seen, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!text(seen).contains(what)) {
            assertTrue(System.nanoTime() < deadline, "waiting for '" + what + "' on the terminal: " + text(seen));
            Thread.sleep(100);
        }
    }
}
