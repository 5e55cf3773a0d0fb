package dev.twinbgp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/aot-train} with its raw feeder on ({@code TWINBGP_AOT_FEED_ROUTES}, {@link AotFeed}): the training
 * daemon receives the feeder's diverse table twice, with a session reset between, besides its own neighbors' tables -
 * four End-of-RIB events in its events file (the script waits for them before it stops the daemon) - and the cache
 * is written. The real script, the built jar, loopback.
 */
class AotFeedJarIT {
    @TempDir
    Path dir;

    @Test
    void theFeederSTableArrivesTwiceAndTheCacheIsWritten() throws Exception {
        Path javaHome = Path.of(System.getProperty("java.home"));
        assumeTrue(Runtime.version().feature() >= 25, "AOT caches need JDK 25+ (the script leaves none before)");
        Path repo = Path.of("..").toAbsolutePath().normalize();
        Path err = dir.resolve("err.log");
        ProcessBuilder pb = new ProcessBuilder(repo.resolve("bin/aot-train").toString(), javaHome.toString(),
                Path.of("target/twinbgp.jar").toAbsolutePath().toString(), dir.toString(), "selector")
                .redirectOutput(dir.resolve("out.log").toFile()).redirectError(err.toFile());
        pb.environment().put("TWINBGP_AOT_FEED_ROUTES", "4000");
        pb.environment().put("TWINBGP_AOT_API_ROUTES", "1000");
        pb.environment().put("TMPDIR", dir.toString());
        Process p = pb.start();
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "aot-train did not end");
        String log = Files.readString(err, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), log);
        assertTrue(log.contains("twinbgp-selector.aot") && log.contains("4 End-of-RIBs"), log);
        assertTrue(Files.size(dir.resolve("twinbgp-selector.aot")) > 0, log);
        assertTrue(Files.isRegularFile(dir.resolve("twinbgp-selector.aot.stamp")), log);
    }
}
