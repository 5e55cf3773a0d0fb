package dev.twinbgp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The runnable jar as a real process (failsafe runs this after {@code package} built it): it
 * decodes and prints nothing but its output - no JVM warnings, no logs.
 */
class DecodeJarIT {
    private static final String KEEPALIVE = "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF001304";

    @Test
    void builtJarPrintsJsonAndNoJvmWarnings() throws Exception {
        Path jar = Path.of("target", "twinbgp.jar");
        assertTrue(Files.isRegularFile(jar), "the package phase builds " + jar.toAbsolutePath());
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java));
        if (Runtime.version().feature() >= 23) {
            cmd.add("--sun-misc-unsafe-memory-access=allow"); // as ./twinbgp passes it
        }
        cmd.addAll(List.of("-jar", jar.toString(), "decode", KEEPALIVE));
        Process p = new ProcessBuilder(cmd).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), err);
        assertEquals("", err, "nothing but the output: no JVM warnings, no logs");
        assertEquals("keepalive", new ObjectMapper().readTree(out.strip()).get("type").asText());
    }
}
