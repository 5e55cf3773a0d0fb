package dev.twinbgp.speaker.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.twinbgp.speaker.config.ProcessConfig;
import dev.twinbgp.speaker.session.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lines queued for a process while its child is dead wait for the restarted child: the dead
 * child's writer thread must neither take them nor write them into its dead pipe. A real child
 * (/bin/sh): the first run exits at once, the second copies its input to a file.
 */
class ApiProcessRestartTest {
    @TempDir
    Path dir;

    @Test
    void linesQueuedWhileTheChildIsDeadReachTheRestartedChild() throws Exception {
        Path script = ApiHarness.script(dir, "twice.sh", """
                if [ -f %1$s/ran ]; then exec cat > %1$s/got; fi
                touch %1$s/ran
                exit 0
                """.formatted(dir));
        ApiProcess process = new ApiProcess(new ProcessConfig("twice", List.of("/bin/sh", script.toString()),
                ProcessConfig.Encoder.TEXT), 64, p -> { });
        try {
            process.start(null, List.of()); // no commands come from this child: no executor needed
            Await.until("the first child ran and exited", () -> Files.exists(dir.resolve("ran")) && process.pid() < 0);
            // The restart is at least 1 s away (the backoff): these lines are queued while no child runs.
            for (String line : List.of("one", "two", "three")) {
                process.offer(line);
            }
            Await.until("the restarted child got the three lines", () -> lines(dir.resolve("got")).size() == 3);
            assertEquals(List.of("one", "two", "three"), lines(dir.resolve("got")));
            assertEquals(0, process.dropped());
            assertEquals(2, process.starts());
        } finally {
            process.close();
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }
}
