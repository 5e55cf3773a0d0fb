package dev.twinbgp.cli;

import dev.twinbgp.speaker.api.ControlClient;
import dev.twinbgp.speaker.api.ControlSocket;
import dev.twinbgp.speaker.api.Reply;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code twinbgp ctl}: sends one API command to a running speaker over its Unix-domain control socket and
 * prints the answer. Output lines go to stdout; a refused command's one-line reason goes to stderr.
 */
@Command(name = "ctl", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = "Sends one API command (ExaBGP syntax, the same set processes use) to a running"
                + " 'twinbgp run' through its control socket, and prints the answer.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the command was done (in a shell: every command)",
            "1:the speaker refused the command (the reason is printed on stderr; in a shell: one of them)",
            "2:bad usage, or no speaker answers on the socket"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  twinbgp ctl                       (a shell)",
            "  printf 'show neighbor summary\\nshow adj-rib out\\n' | twinbgp ctl",
            "  twinbgp ctl show neighbor summary",
            "  twinbgp ctl --json show adj-rib out",
            "  twinbgp ctl announce route 192.0.2.1/32 next-hop self",
            "  twinbgp ctl neighbor 192.0.2.2 withdraw route 192.0.2.1/32",
            "  twinbgp ctl --socket /run/twinbgp/twinbgp.sock teardown 192.0.2.2"})
final class CtlCommand implements Callable<Integer> {
    static final int DONE = 0;
    static final int REFUSED = 1;
    static final int UNREACHABLE = 2;

    @Spec
    CommandSpec spec;

    @Option(names = "--socket", paramLabel = "PATH",
            description = "The control socket (default: $XDG_RUNTIME_DIR/twinbgp.sock, else /tmp/twinbgp-$UID/twinbgp.sock).")
    Path socket;

    @Option(names = "--json", description = "Machine-readable output for show commands.")
    boolean json;

    @Parameters(arity = "0..*", paramLabel = "COMMAND",
            description = "The command, e.g. show neighbor summary. None: a shell (on a terminal: history, Tab"
                    + " completion of commands and neighbor addresses; else one command per line of stdin).")
    List<String> words;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (words == null || words.isEmpty()) {
            try {
                return new CtlShell(socket != null ? socket : ControlSocket.defaultPath(), json, out, err).run();
            } catch (IOException e) {
                err.println("twinbgp ctl: " + e.getMessage());
                err.flush();
                return UNREACHABLE;
            }
        }
        String command = String.join(" ", words);
        if (json && words.get(0).equals("show") && !words.contains("json")) {
            command += " json";
        }
        Path path = socket != null ? socket : ControlSocket.defaultPath();
        Reply reply;
        try {
            reply = ControlClient.send(path, command);
        } catch (IOException e) {
            err.println("twinbgp ctl: no speaker answers on " + path + ": " + e.getMessage() + " (is 'twinbgp run' running,"
                    + " with this control socket?)");
            err.flush();
            return UNREACHABLE;
        }
        if (!reply.ok()) {
            reply.lines().forEach(err::println);
            err.flush();
            return REFUSED;
        }
        reply.lines().forEach(out::println);
        out.flush();
        return DONE;
    }
}
