package dev.twinbgp.speaker.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.twinbgp.speaker.session.Await;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The control socket once the stop has begun: a client already connected gets its command refused. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ControlServerStopTest {
    @TempDir
    Path dir;

    @Test
    void aCommandSentAfterTheStopBeganIsRefused() throws Exception {
        CommandExecutor executor = new CommandExecutor(List.of(), MappingRouteConverter.INSTANCE, () -> { },
                "test", Clock.systemUTC());
        Path path = dir.resolve("control.sock");
        java.util.Set<Thread> before = clientThreads();
        try (ControlServer server = ControlServer.open(path, false, () -> executor);
             SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
            // the server has accepted the client (its serving thread waits for the line) before the stop begins
            Await.until("the client accepted", () -> clientThreads().stream().anyMatch(t -> !before.contains(t)));
            server.close();
            client.write(ByteBuffer.wrap("version\n".getBytes(StandardCharsets.US_ASCII)));
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(client), StandardCharsets.UTF_8));
            List<String> reply = new ArrayList<>();
            for (String line; (line = in.readLine()) != null; ) {
                reply.add(line);
            }
            assertEquals(List.of("the speaker is stopping: command not applied", "error"), reply);
        }
    }

    /**
     * A stopping speaker closes its control socket twice (when the stop begins, and again at the end). A speaker
     * started in between on the same path (kill -PWR, then the new 'twinbgp run' at once, as docs/migration.md
     * does) has bound a new socket file there by then: the old one must leave it, or the new speaker has no control
     * socket for the rest of its life ('twinbgp ctl: no speaker answers ... No such file or directory').
     */
    @Test
    void closingAgainLeavesTheSocketOfTheNextSpeaker() throws Exception {
        CommandExecutor executor = new CommandExecutor(List.of(), MappingRouteConverter.INSTANCE, () -> { },
                "test", Clock.systemUTC());
        Path path = dir.resolve("control.sock");
        ControlServer old = ControlServer.open(path, false, () -> executor);
        old.close(); // the stop begins: the socket file is removed
        try (ControlServer next = ControlServer.open(path, false, () -> executor)) {
            old.close(); // the old speaker's last close, after the next one has bound the path
            assertEquals(true, java.nio.file.Files.exists(path), "the next speaker's socket file is still there");
            assertEquals(true, ControlServer.answers(path), "and the next speaker answers on it");
        }
        assertEquals(false, java.nio.file.Files.exists(path), "removed by its own speaker");
    }

    /** The control socket's serving threads alive now (another test's may still be ending). */
    private static java.util.Set<Thread> clientThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().equals("twinbgp-control-client"))
                .collect(java.util.stream.Collectors.toSet());
    }
}
