package dev.twinbgp.speaker.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.speaker.config.ProcessConfig;
import dev.twinbgp.speaker.session.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The stop and a launch under way are ordered: a child spawned as the stop begins is the one told and ended. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ApiProcessStopTest {
    @TempDir
    Path dir;

    @Test
    void aChildSpawnedAsTheStopBeginsGetsTheFarewell() throws Exception {
        Path got = dir.resolve("got");
        Path script = ApiHarness.script(dir, "copy.sh", "exec cat > " + got + "\n");
        CountDownLatch spawning = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ApiProcess process = new ApiProcess(new ProcessConfig("copy", List.of("/bin/sh", script.toString()),
                ProcessConfig.Encoder.TEXT), 64, p -> { }, builder -> {
                    spawning.countDown();
                    try {
                        release.await(); // the launch holds here, past its check, as a slow spawn would
                    } catch (InterruptedException e) {
                        throw new java.io.InterruptedIOException();
                    }
                    return builder.start();
                });
        Thread starter = Thread.ofPlatform().start(() -> process.start(null, List.of()));
        try {
            assertTrue(spawning.await(30, TimeUnit.SECONDS));
            CompletableFuture<CompletableFuture<Void>> told = new CompletableFuture<>();
            Thread stopper = Thread.ofPlatform().start(() -> {
                process.stopCommands();
                told.complete(process.farewell("shutdown 1 2"));
            });
            // Either the stop waits for the launch (BLOCKED), or it went on without it (ended): then let the spawn go.
            Await.until("the stop waits for the launch or is done",
                    () -> stopper.getState() == Thread.State.BLOCKED || !stopper.isAlive());
            release.countDown();
            told.get(30, TimeUnit.SECONDS).get(30, TimeUnit.SECONDS);
            assertTrue(process.awaitExit(30_000), "the child read its input to the end and exited");
            assertEquals(List.of("shutdown 1 2"), Files.readAllLines(got));
            assertEquals(1, process.starts());
        } finally {
            release.countDown();
            starter.join();
            process.close();
        }
    }

    @Test
    void aChildWhoseInputIsClosedIsNotWaitedForWithTheFarewell() throws Exception {
        // closes its stdin and runs on: the first line written to it fails (broken pipe) and its writer ends
        Path script = ApiHarness.script(dir, "deaf.sh", "exec 0<&-\nexec sleep 60\n");
        ApiProcess process = new ApiProcess(new ProcessConfig("deaf", List.of("/bin/sh", script.toString()),
                ProcessConfig.Encoder.TEXT), 64, p -> { });
        try {
            process.start(null, List.of());
            Await.until("the child closed its input", () -> process.pid() > 0 && stdinClosed(process.pid()));
            process.offer("an event");
            Await.until("the write failed and the line was counted lost", () -> process.dropped() == 1);
            process.stopCommands();
            // No writer is left to write it: it completes (at once, or as the ending writer sees it), where it used
            // to stay pending and Api.close waited its full FAREWELL_MILLIS.
            process.farewell("shutdown 1 2").get(30, TimeUnit.SECONDS);
            assertTrue(process.pid() > 0, "the child still runs");
        } finally {
            process.close();
        }
    }

    /** Whether the process has no stdin any more (Linux: /proc/PID/fd/0 is gone). */
    private static boolean stdinClosed(long pid) {
        return !Files.exists(Path.of("/proc", Long.toString(pid), "fd", "0"), java.nio.file.LinkOption.NOFOLLOW_LINKS);
    }
}
