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
}
