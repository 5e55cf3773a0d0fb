package dev.twinbgp.speaker.api;

import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Unix-domain control socket {@code twinbgp ctl} talks to (never a network listener).
 *
 * <p>Protocol, one exchange per connection: the client writes one command line; the server answers with
 * output lines, then {@code done}, or with one line saying what was wrong, then {@code error}; then it closes.
 * The command set is the processes' one; a command without a neighbor selector applies to every neighbor.
 * Once the stop has begun ({@link #close}), a client still connected gets {@value #STOPPING}, then {@code error}.
 *
 * <p>Permissions: the socket file is set to 0600 right after bind. Between bind and chmod it has the umask's
 * mode, so when the path is the default one it is created inside a 0700 directory of ours (see
 * {@link ControlSocket#privateDirectory}), which nobody else can enter during that window.
 */
final class ControlServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ControlServer.class);
    private static final long ANSWER_TIMEOUT_SECONDS = 60;
    static final String STOPPING = "the speaker is stopping: command not applied";

    private final Path path;
    private final ServerSocketChannel server;
    private final Supplier<CommandExecutor> executor;
    private volatile boolean closed;

    private ControlServer(Path path, ServerSocketChannel server, Supplier<CommandExecutor> executor) {
        this.path = path;
        this.server = server;
        this.executor = executor;
    }

    /**
     * Binds {@code path} (mode 0600); a stale socket file left by a dead speaker is replaced, a live one is an
     * error (another speaker uses it).
     */
    static ControlServer open(Path path, boolean privateParent, Supplier<CommandExecutor> executor) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (privateParent) {
            ControlSocket.privateDirectory(parent);
        }
        if (Files.exists(path)) {
            if (answers(path)) {
                throw new IOException("control socket " + path + " is in use by another running speaker");
            }
            Files.delete(path);
        }
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(path));
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException | RuntimeException e) {
            server.close();
            throw new IOException("cannot open the control socket " + path + ": " + e.getMessage(), e);
        }
        ControlServer control = new ControlServer(path, server, executor);
        Thread.ofPlatform().daemon(true).name("twinbgp-control").start(control::acceptLoop);
        LOG.info("control socket {}", path);
        return control;
    }

    static boolean answers(Path path) {
        try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
            return probe.isConnected();
        } catch (IOException e) {
            return false;
        }
    }

    Path path() {
        return path;
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                SocketChannel client = server.accept();
                Thread.ofPlatform().daemon(true).name("twinbgp-control-client").start(() -> serve(client));
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("control socket: accept failed: {}", e.getMessage());
                }
            }
        }
    }

    private void serve(SocketChannel client) {
        try (client) {
            String line = new LineReader(Channels.newInputStream(client)).readLine();
            Reply reply = line == null ? Reply.error("expected one command line")
                    : line == LineReader.TOO_LONG ? Reply.error("a command is at most " + LineReader.MAX_LINE + " octets")
                    : run(line);
            StringBuilder out = new StringBuilder();
            for (String l : reply.lines()) {
                out.append(l).append('\n');
            }
            out.append(reply.ack()).append('\n');
            OutputStream os = Channels.newOutputStream(client);
            os.write(out.toString().getBytes(StandardCharsets.UTF_8));
            os.flush();
        } catch (IOException e) {
            LOG.debug("control socket: client went away: {}", e.getMessage());
        }
    }

    private Reply run(String line) {
        // Race: a client accepted just before close() (the stop's first step, Api.stopCommands) sends its line
        // afterwards; its serving thread outlives the socket. Checked here, once the line is in, such a command is
        // refused, as a process's commands are once the stop began (ApiProcess: quiet). A command past this check
        // came in before the stop began and is handed to the loops like any other racing the stop; one applied under
        // Api's lock (create/delete neighbor, reload) is checked again there (Api: stopping). No lock with
        // close(): a command may take Api's lock (create neighbor, reload), which the stop holds while it closes this.
        if (closed) {
            LOG.info("control socket: refused '{}': the speaker is stopping", line.strip());
            return Reply.error(STOPPING);
        }
        CommandExecutor ex = executor.get();
        if (ex == null) {
            return Reply.error("the speaker is starting; try again");
        }
        Request request;
        try {
            request = CommandParser.parse(line);
        } catch (CommandException e) {
            LOG.info("control socket: refused '{}': {}", line.strip(), e.getMessage());
            return Reply.error(e.getMessage());
        }
        if (request == null) {
            return Reply.error("expected a command: " + CommandParser.COMMANDS);
        }
        try {
            Reply reply = ex.execute(request, ex.neighbors()).get(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!reply.ok()) {
                LOG.info("control socket: refused '{}': {}", line.strip(), reply.lines().isEmpty() ? "" : reply.lines().get(0));
            }
            return reply;
        } catch (TimeoutException e) {
            return Reply.error("no answer within " + ANSWER_TIMEOUT_SECONDS + " s");
        } catch (ExecutionException e) {
            return Reply.error("failed: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Reply.error("interrupted");
        }
    }

    @Override
    public void close() {
        boolean first;
        synchronized (this) {
            first = !closed;
            closed = true;
        }
        try {
            server.close();
        } catch (IOException e) {
            LOG.debug("control socket: close: {}", e.getMessage());
        }
        // Race: close runs twice in a stop (when it begins, and at the end), and a speaker started in between on the
        // same path (kill -PWR, then the next 'twinbgp run' at once) has bound a socket file of its own there by the
        // second: the file is removed by the first close only, while it is still this server's (open refuses a
        // path a live server answers on, so no other speaker can have bound it before).
        if (!first) {
            return;
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warn("control socket: cannot remove {}: {}", path, e.getMessage());
        }
    }

}
