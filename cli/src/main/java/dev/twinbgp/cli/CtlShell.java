package dev.twinbgp.cli;

import dev.twinbgp.speaker.api.ControlClient;
import dev.twinbgp.speaker.api.Reply;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.jline.reader.Candidate;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * {@code twinbgp ctl} without a command: a shell on the control socket, as ExaBGP's CLI. On a terminal, JLine
 * edits the line, keeps a history ({@code ~/.twinbgp_history}) and completes commands and neighbor addresses
 * with Tab. Without a terminal (commands piped in) it reads one command per line, with no prompt and no JLine,
 * and prints each answer: refused commands' reasons go to stderr, and the exit code is then 1.
 */
final class CtlShell {
    private static final Pattern ADDRESS = Pattern.compile("[0-9a-fA-F.:]+");

    private final Path socket;
    private final boolean json;
    private final PrintWriter out;
    private final PrintWriter err;

    CtlShell(Path socket, boolean json, PrintWriter out, PrintWriter err) {
        this.socket = socket;
        this.json = json;
        this.out = out;
        this.err = err;
    }

    /** Interactive when stdin and stdout are a terminal. */
    static boolean interactive() {
        java.io.Console console = System.console();
        if (console == null) return false;
        if (Runtime.version().feature() < 22) return true; // before 22 a console exists only on a terminal
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    /** Reads commands until end of input (or exit/quit); the exit code of ctl. */
    int run() throws IOException {
        return interactive() ? terminal() : piped();
    }

    private int piped() throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        int code = CtlCommand.DONE;
        String line;
        while ((line = in.readLine()) != null) {
            String command = line.strip();
            if (command.isEmpty() || command.startsWith("#")) continue;
            if (CtlCompletion.SHELL.contains(command)) break;
            int one = send(command);
            if (one == CtlCommand.UNREACHABLE) return one;
            code = Math.max(code, one);
        }
        return code;
    }

    private int terminal() throws IOException {
        // JLine reports through java.util.logging; a user must never see its warnings on stderr
        java.util.logging.Logger.getLogger("org.jline").setLevel(java.util.logging.Level.OFF);
        CtlCompletion completion = new CtlCompletion(this::neighbors);
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("twinbgp")
                    .variable(LineReader.HISTORY_FILE, Path.of(System.getProperty("user.home"), ".twinbgp_history"))
                    .completer((r, line, candidates) -> {
                        List<String> before = line.words().subList(0, line.wordIndex());
                        for (String word : completion.next(before)) candidates.add(new Candidate(word));
                    })
                    .build();
            PrintWriter screen = terminal.writer();
            screen.println("twinbgp ctl on " + socket + " - Tab completes, 'help' lists the commands, 'exit' or Ctrl-D leaves");
            screen.flush();
            while (true) {
                String line;
                try {
                    line = reader.readLine("twinbgp> ");
                } catch (UserInterruptException e) {
                    continue; // Ctrl-C drops the line
                } catch (EndOfFileException e) {
                    return CtlCommand.DONE;
                }
                String command = line.strip();
                if (command.isEmpty()) continue;
                if (CtlCompletion.SHELL.contains(command)) return CtlCommand.DONE;
                send(command, screen, screen);
            }
        }
    }

    private int send(String command) {
        return send(command, out, err);
    }

    private int send(String command, PrintWriter answers, PrintWriter refusals) {
        String asked = json && command.startsWith("show ") && !command.endsWith(" json") ? command + " json" : command;
        try {
            Reply reply = ControlClient.send(socket, asked);
            reply.lines().forEach(reply.ok() ? answers::println : refusals::println);
            answers.flush();
            refusals.flush();
            return reply.ok() ? CtlCommand.DONE : CtlCommand.REFUSED;
        } catch (IOException e) {
            refusals.println("twinbgp ctl: no speaker answers on " + socket + ": " + e.getMessage());
            refusals.flush();
            return CtlCommand.UNREACHABLE;
        }
    }

    /** The neighbors' addresses, from {@code show neighbor summary} (its first column). */
    private List<String> neighbors() {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        try {
            Reply reply = ControlClient.send(socket, "show neighbor summary");
            for (String line : reply.lines()) {
                String first = line.strip().split("\\s+")[0];
                if (ADDRESS.matcher(first).matches() && first.chars().anyMatch(c -> c == '.' || c == ':')) out.add(first);
            }
        } catch (IOException e) {
            // no completion then
        }
        return List.copyOf(out);
    }
}
