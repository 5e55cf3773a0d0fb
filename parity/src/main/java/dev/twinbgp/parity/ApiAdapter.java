package dev.twinbgp.parity;

import dev.twinbgp.speaker.api.Api;
import dev.twinbgp.speaker.api.ControlClient;
import dev.twinbgp.speaker.api.Reply;
import dev.twinbgp.speaker.config.Configuration;
import dev.twinbgp.speaker.session.BgpSpeaker;
import dev.twinbgp.speaker.session.PeerDriver;
import dev.twinbgp.speaker.session.SessionListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A scenario's {@code api} steps, given to the speaker through its real API: the {@link Api} of
 * {@code twinbgp run} with its control socket (a private one per run), and {@link ControlClient}, the client
 * {@code twinbgp ctl} uses. So a command goes through the same parser ({@code CommandParser}) and executor
 * ({@code CommandExecutor}) as a process's or an operator's:
 * <pre>
 * announce route PREFIX next-hop ADDRESS [ATTRIBUTES...]   (ExaBGP route syntax)
 * withdraw route PREFIX [...]
 * teardown [SUBCODE]                                        (Cease, RFC 4486; reconnects, as in ExaBGP)
 * </pre>
 * A command the API refuses fails the script line with the API's own error text.
 *
 * <p>Wiring follows {@link Api}'s order: {@link #create} before the speaker starts (its listener must be in
 * the speaker's listener chain), {@link #start} once it runs, {@link #close} before it stops.
 */
final class ApiAdapter implements AutoCloseable {
    private final Api api;
    private final Path directory;
    private final Path socket;
    private final TraceRecorder trace;
    private PeerDriver peer;

    private ApiAdapter(Api api, Path directory, Path socket, TraceRecorder trace) {
        this.api = api;
        this.directory = directory;
        this.socket = socket;
        this.trace = trace;
    }

    /** The API of {@code configuration}, its control socket in a new private directory (not opened yet). */
    static ApiAdapter create(Configuration configuration, TraceRecorder trace) throws IOException {
        Path directory = Files.createTempDirectory("twinbgp-parity-");
        Path socket = directory.resolve("control.sock");
        Api api = Api.create(configuration, Api.Options.defaults().withControlSocket(socket));
        return new ApiAdapter(api, directory, socket, trace);
    }

    /** What the speaker must report to: the trace first, then the API (its processes' events). */
    SessionListener listener() {
        return Api.fanOut(trace, api.listener());
    }

    /** Opens the control socket for {@code speaker}, whose one peer the commands address. */
    void start(BgpSpeaker speaker) throws IOException {
        api.start(speaker);
        peer = speaker.peers().getFirst();
    }

    void apply(String command) throws ScenarioException {
        // Queued on the peer's loop before the command is sent, so the line precedes the command's effects,
        // which the executor also queues on that loop.
        peer.loop().execute(() -> trace.add("api " + command));
        Reply reply;
        try {
            reply = ControlClient.send(socket, command);
        } catch (IOException | UncheckedIOException e) {
            throw new ScenarioException("the control socket did not answer: " + e.getMessage());
        }
        if (!reply.ok()) {
            throw new ScenarioException("the API refused '" + command + "': " + String.join(" / ", reply.lines()));
        }
    }

    @Override
    public void close() {
        api.close();
        try {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            // a temporary directory left behind; nothing to report in a scenario's result
        }
    }
}
