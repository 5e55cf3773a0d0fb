package dev.twinbgp.parity;

import dev.twinbgp.reactor.ReactorConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a scenario file ({@code docs/parity.md}, "Scenario format"):
 * <pre>
 * # comment
 * description: one line
 * config:
 *   neighbor 127.0.0.1 { ... connect $PEER_PORT; ... }     (ExaBGP syntax)
 * script:
 *   accept
 *   expect open
 *   send open as 65001 hold 90 caps asn4 ipv4
 *   ...
 * </pre>
 * Every error is {@code FILE:LINE:COLUMN: found X, expected Y}.
 */
public final class ScenarioParser {
    private static final int DEFAULT_TIMEOUT_SECONDS = 10;
    private static final String EXPECTED_KINDS =
            "what to expect (keepalive, open, update, eor, notification, refresh, message, close, dropped, table, held-back, eor-queued, over-high-water, events-held)";
    private static final List<String> SEND_KINDS = List.of("keepalive", "open", "notification", "refresh", "update", "message", "raw", "burst");
    private static final List<String> STEPS = List.of("accept", "connect", "send", "expect", "pause", "drain", "close", "reset", "api", "checkpoint", "trace",
            "conn", "refuse", "hang", "release", "announce-table", "mark", "stop", "events", "loop");
    /** How many connections a script may hold at once ({@code conn N}). */
    static final int MAX_CONNECTIONS = 4;

    private final String source;
    private Tokens tokens;
    /** The reactors' configuration: the defaults, or the {@code water-marks:} line's (which comes before the script). */
    private ReactorConfig reactorConfig = ReactorConfig.defaults();

    private ScenarioParser(String source) {
        this.source = source;
    }

    public static Scenario parse(Path file) throws ScenarioException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ScenarioException(file + ": cannot read: no such file (nor a bundled scenario of that name)");
        } catch (IOException e) {
            throw new ScenarioException(file + ": cannot read: " + e.getMessage());
        }
        return parse(file.toString(), text);
    }

    /** @param source the file name used in messages; the scenario's name is it without directory and {@code .scenario} */
    public static Scenario parse(String source, String text) throws ScenarioException {
        return new ScenarioParser(source).scenario(text);
    }

    /**
     * {@code water-marks: LOW HIGH MAX}: the reactors' output bounds for this scenario, in bytes (default
     * 256 KiB, 1 MiB, 16 MiB: {@link ReactorConfig#defaults()}); e.g. a high-water mark above the table lets the
     * speaker encode a whole table into the connection's pending output while the peer does not read.
     */
    private ReactorConfig waterMarks(int lineNo, String line) throws ScenarioException {
        String rest = line.substring(line.indexOf("water-marks:") + "water-marks:".length());
        tokens = new Tokens(source, lineNo, " ".repeat(line.length() - rest.length()) + rest);
        int low = tokens.number("the low-water mark in bytes", 0, Integer.MAX_VALUE);
        int high = tokens.number("the high-water mark in bytes", low, Integer.MAX_VALUE);
        int max = tokens.number("the most pending output in bytes", high, Integer.MAX_VALUE);
        tokens.end();
        return ReactorConfig.defaults().withWaterMarks(low, high, max);
    }

    private Scenario scenario(String text) throws ScenarioException {
        String[] lines = text.split("\r?\n", -1);
        String description = "";
        StringBuilder config = null;
        List<Step> steps = null;
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = lines[i];
            String trimmed = line.strip();
            if (steps == null && config != null && !trimmed.equals("script:")) {
                config.append(line).append('\n');
                continue;
            }
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                if (config != null) {
                    config.append('\n');
                }
                continue;
            }
            if (steps != null) {
                steps.add(step(lineNo, line));
            } else if (trimmed.equals("script:")) {
                if (config == null) {
                    throw ScenarioException.at(source, lineNo, 1, "script:", "'config:' before the script");
                }
                steps = new ArrayList<>();
            } else if (trimmed.startsWith("description:")) {
                description = trimmed.substring("description:".length()).strip();
            } else if (trimmed.startsWith("water-marks:")) {
                reactorConfig = waterMarks(lineNo, line);
            } else if (trimmed.equals("config:")) {
                config = new StringBuilder("\n".repeat(lineNo)); // the config's line numbers are the file's
            } else {
                throw ScenarioException.at(source, lineNo, column(line), firstWord(trimmed), "'description:', 'water-marks:', 'config:' or '#'");
            }
        }
        int last = Math.max(1, text.endsWith("\n") ? lines.length - 1 : lines.length);
        if (config == null) {
            throw ScenarioException.at(source, last, 1, null, "'config:'");
        }
        if (steps == null) {
            throw ScenarioException.at(source, last, 1, null, "'script:'");
        }
        Step first = steps.isEmpty() ? null : Step.unwrap(steps.getFirst());
        if (!(first instanceof Step.Accept || first instanceof Step.Connect || first instanceof Step.Refuse
                || first instanceof Step.Hang || first instanceof Step.HangHeld)) {
            int line = steps.isEmpty() ? last : steps.getFirst().line();
            throw ScenarioException.at(source, line, 1, steps.isEmpty() ? null : "step",
                    "'accept', 'connect', 'refuse' or 'hang' as the first step");
        }
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            String gate = switch (Step.unwrap(step)) {
                case Step.Refuse r -> "refuse";
                case Step.Hang h -> "hang";
                case Step.HangHeld h -> "hang";
                case Step.Release r -> "release";
                default -> null;
            };
            if (gate == null) {
                continue;
            }
            if (gate.equals("release")) {
                // only behind 'hang held', once, and not on a connection (it is about the port)
                boolean held = Step.unwrap(steps.getFirst()) instanceof Step.HangHeld;
                boolean again = steps.subList(0, i).stream().anyMatch(st -> Step.unwrap(st) instanceof Step.Release);
                if (!held || again || step instanceof Step.OnConnection) {
                    throw ScenarioException.at(source, step.line(), 1, gate, "'release' once, after 'hang held' as the first step");
                }
                continue;
            }
            if (i > 0 || step instanceof Step.OnConnection) {
                throw ScenarioException.at(source, step.line(), 1, gate, "'" + gate + "' only as the first step");
            }
            if (Step.unwrap(step) instanceof Step.HangHeld) {
                continue; // any step may follow; 'release' frees the port
            }
            if (steps.size() < 2 || !(steps.get(1) instanceof Step.Accept)) {
                int line = steps.size() < 2 ? last : steps.get(1).line();
                throw ScenarioException.at(source, line, 1, steps.size() < 2 ? null : "step", "'accept' after '" + gate + "'");
            }
        }
        Scenario scenario = new Scenario(nameOf(source), source, description, config.toString(), steps, reactorConfig);
        ScenarioRunner.settings(scenario, ScenarioRunner.configure(scenario, 1179, 1179)); // the configuration is valid
        return scenario;
    }

    static String nameOf(String source) {
        String name = source.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        name = name.substring(name.lastIndexOf(':') + 1);
        return name.endsWith(".scenario") ? name.substring(0, name.length() - ".scenario".length()) : name;
    }

    private Step step(int lineNo, String line) throws ScenarioException {
        tokens = new Tokens(source, lineNo, line);
        Step step = oneStep(lineNo);
        tokens.end();
        return step;
    }

    private Step oneStep(int lineNo) throws ScenarioException {
        Tokens.Token word = tokens.next("a step (" + String.join(", ", STEPS) + ")");
        Step step = switch (word.text()) {
            case "accept" -> new Step.Accept(lineNo);
            case "connect" -> new Step.Connect(lineNo);
            case "close" -> new Step.Close(lineNo);
            case "reset" -> new Step.Reset(lineNo);
            case "pause" -> new Step.Pause(lineNo, tokens.number("milliseconds", 0, 600_000));
            case "drain" -> new Step.Drain(lineNo, tokens.number("milliseconds", 0, 600_000));
            case "checkpoint" -> new Step.Checkpoint(lineNo, tokens.next("a checkpoint name").text());
            case "api" -> api(lineNo);
            case "trace" -> traceExpect(lineNo);
            case "send" -> send(lineNo);
            case "expect" -> expect(lineNo);
            case "conn" -> onConnection(lineNo);
            case "announce-table" -> new Step.AnnounceTable(lineNo, tokens.number("a number of routes", 1, 1_000_000));
            case "stop" -> stop(lineNo);
            case "mark" -> new Step.Mark(lineNo, tokens.next("a mark name").text());
            case "loop" -> {
                Tokens.Token what = tokens.next("'busy'");
                if (!what.text().equals("busy")) {
                    throw tokens.unexpected(what, "'busy'");
                }
                yield new Step.LoopBusy(lineNo, tokens.number("milliseconds", 1, 60_000));
            }
            case "events" -> {
                Tokens.Token what = tokens.next("'stall' or 'drain'");
                yield switch (what.text()) {
                    case "stall" -> new Step.EventsStall(lineNo);
                    case "drain" -> new Step.EventsDrain(lineNo);
                    default -> throw tokens.unexpected(what, "'stall' or 'drain'");
                };
            }
            case "refuse" -> new Step.Refuse(lineNo, tokens.number("a number of refused attempts", 1, 10));
            case "hang" -> {
                Tokens.Token what = tokens.peek();
                if (what != null && what.text().equals("held")) {
                    tokens.next("'held'");
                    yield new Step.HangHeld(lineNo);
                }
                yield new Step.Hang(lineNo, tokens.number("a number of ConnectRetry expiries", 1, 3));
            }
            case "release" -> new Step.Release(lineNo);
            default -> throw tokens.unexpected(word, "a step (" + String.join(", ", STEPS) + ")");
        };
        return step;
    }

    /** {@code conn N STEP}: a step on the script's connection N; {@code trace} is not about a connection. */
    private Step onConnection(int lineNo) throws ScenarioException {
        int conn = tokens.number("a connection number", 1, MAX_CONNECTIONS);
        Tokens.Token next = tokens.peek();
        if (next != null && (next.text().equals("conn") || next.text().equals("trace"))) {
            throw tokens.unexpected(next, "a step on a connection (accept, connect, send, expect, pause, drain, close, api, checkpoint)");
        }
        return new Step.OnConnection(lineNo, conn, oneStep(lineNo));
    }

    private Step traceExpect(int lineNo) throws ScenarioException {
        Tokens.Token first = tokens.peek();
        if (first == null) {
            throw tokens.unexpected(null, "a regular expression");
        }
        String regex = tokens.rest();
        try {
            return new Step.TraceExpect(lineNo, Pattern.compile(regex));
        } catch (PatternSyntaxException e) {
            throw tokens.unexpected(first, "a regular expression (" + e.getDescription() + ")");
        }
    }

    private Step stop(int lineNo) throws ScenarioException {
        int subcode = 2; // Administrative Shutdown (RFC 4486 section 4)
        Tokens.Token first = tokens.peek();
        if (first != null && first.text().matches("\\d+")) {
            subcode = tokens.number("a Cease subcode", 0, 255);
        }
        String text = tokens.rest();
        return new Step.Stop(lineNo, subcode, text.isEmpty() ? null : text);
    }

    private Step api(int lineNo) throws ScenarioException {
        Tokens.Token verb = tokens.peek();
        if (verb == null || !List.of("announce", "withdraw", "teardown").contains(verb.text())) {
            throw tokens.unexpected(verb, "'announce', 'withdraw' or 'teardown'");
        }
        return new Step.Api(lineNo, tokens.rest());
    }

    private Step send(int lineNo) throws ScenarioException {
        Tokens.Token kind = tokens.next("what to send (" + String.join(", ", SEND_KINDS) + ")");
        byte[] bytes = switch (kind.text()) {
            case "keepalive" -> WireText.KEEPALIVE.clone();
            case "open" -> new OpenSpec(tokens).bytes();
            case "notification" -> {
                int[] cs = codeSubcode();
                yield WireText.message(3, concat(new byte[] {(byte) cs[0], (byte) cs[1]}, hex()));
            }
            case "refresh" -> refresh();
            case "update" -> WireText.message(2, hex());
            case "message" -> {
                int type = tokens.number("a message type", 0, 255);
                yield WireText.message(type, hex());
            }
            case "raw" -> hex();
            case "burst" -> Burst.updates(tokens.number("a number of prefixes", 1, 1_000_000));
            default -> throw tokens.unexpected(kind, "what to send (" + String.join(", ", SEND_KINDS) + ")");
        };
        int fragment = 0;
        int delay = 0;
        int repeat = 1;
        boolean close = false;
        for (Tokens.Token t = tokens.peek(); t != null; t = tokens.peek()) {
            tokens.next("");
            switch (t.text()) {
                case "split" -> fragment = tokens.number("a fragment size", 1, 65535);
                case "delay" -> delay = tokens.number("milliseconds", 0, 60_000);
                case "repeat" -> repeat = tokens.number("a count", 1, 100_000);
                case "then-close" -> close = true;
                default -> throw tokens.unexpected(t, "'split', 'delay', 'repeat', 'then-close' or end of line");
            }
        }
        if (repeat > 1) {
            byte[] all = new byte[bytes.length * repeat];
            for (int i = 0; i < repeat; i++) {
                System.arraycopy(bytes, 0, all, i * bytes.length, bytes.length);
            }
            bytes = all;
        }
        return new Step.Send(lineNo, kind.text(), bytes, fragment, delay, close);
    }

    private byte[] refresh() throws ScenarioException {
        Tokens.Token family = tokens.peek();
        int afi = 1;
        if (family != null && (family.text().equals("ipv4") || family.text().equals("ipv6"))) {
            tokens.next("");
            afi = family.text().equals("ipv4") ? 1 : 2;
        }
        // RFC 2918 section 3: AFI (2) | Reserved (1) | SAFI (1)
        return WireText.message(5, new byte[] {0, (byte) afi, 0, 1});
    }

    /** Hex octets up to the first modifier word; {@code marker} stands for the 16 0xFF octets. */
    private byte[] hex() throws ScenarioException {
        StringBuilder hex = new StringBuilder();
        for (Tokens.Token t = tokens.peek(); t != null && !isModifier(t.text()); t = tokens.peek()) {
            tokens.next("");
            if (t.text().equalsIgnoreCase("marker")) {
                hex.append("FF".repeat(16));
            } else if (t.text().matches("(?i)([0-9a-f]{2})+")) {
                hex.append(t.text());
            } else {
                throw tokens.unexpected(t, "hex octets (an even number of 0-9 A-F) or 'marker'");
            }
        }
        return java.util.HexFormat.of().parseHex(hex);
    }

    private static boolean isModifier(String word) {
        return word.equals("split") || word.equals("delay") || word.equals("repeat") || word.equals("then-close");
    }

    private int[] codeSubcode() throws ScenarioException {
        Tokens.Token t = tokens.next("CODE/SUBCODE");
        String[] parts = t.text().split("/", -1);
        try {
            if (parts.length == 2) {
                int code = Integer.parseInt(parts[0]);
                int subcode = Integer.parseInt(parts[1]);
                if (code >= 0 && code < 256 && subcode >= 0 && subcode < 256) {
                    return new int[] {code, subcode};
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw tokens.unexpected(t, "CODE/SUBCODE (two numbers 0-255, e.g. 3/1)");
    }

    private Step expect(int lineNo) throws ScenarioException {
        int timeout = DEFAULT_TIMEOUT_SECONDS;
        Tokens.Token what = tokens.next(EXPECTED_KINDS);
        if (what.text().equals("within")) {
            timeout = tokens.number("seconds", 1, 600);
            what = tokens.next(EXPECTED_KINDS);
        }
        String description = "expect " + what.text();
        return switch (what.text()) {
            case "close" -> new Step.ExpectClose(lineNo, timeout);
            case "dropped" -> new Step.ExpectDropped(lineNo, timeout);
            case "table" -> new Step.ExpectTable(lineNo, tokens.number("a number of prefixes", 0, 10_000_000), timeout);
            case "held-back" -> new Step.ExpectHeldBack(lineNo);
            case "eor-queued" -> new Step.ExpectEorQueued(lineNo, timeout);
            case "over-high-water" -> new Step.ExpectOverHighWater(lineNo, reactorConfig.writeHighWater(), timeout);
            case "events-held" -> new Step.ExpectEventsHeld(lineNo, timeout);
            case "keepalive" -> new Step.Expect(lineNo, description, Pattern.compile("^Keepalive"), true, timeout);
            case "notification" -> {
                int[] cs = codeSubcode();
                yield new Step.Expect(lineNo, description + " " + cs[0] + "/" + cs[1],
                        Pattern.compile("^Notification\\[" + cs[0] + "/" + cs[1] + "[ \\]]"), false, timeout);
            }
            case "eor" -> typed(lineNo, description, "^Update\\[End-of-RIB", timeout);
            case "open" -> typed(lineNo, description, "^Open\\[", timeout);
            case "update" -> typed(lineNo, description, "^Update\\[", timeout);
            case "refresh" -> typed(lineNo, description, "^RouteRefresh\\[", timeout);
            case "message" -> typed(lineNo, description, "", timeout);
            default -> throw tokens.unexpected(what, EXPECTED_KINDS);
        };
    }

    /** A message type (a prefix of its text), then optionally a regular expression found in its text. */
    private Step typed(int lineNo, String description, String typePrefix, int timeout) throws ScenarioException {
        Tokens.Token first = tokens.peek();
        String regex = first == null ? "" : tokens.rest();
        if (typePrefix.isEmpty() && regex.isEmpty()) {
            throw tokens.unexpected(null, "a regular expression");
        }
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw tokens.unexpected(first, "a regular expression (" + e.getDescription() + ")");
        }
        String full = typePrefix.isEmpty() ? regex : typePrefix + (regex.isEmpty() ? "" : "(?=.*" + regex + ")");
        return new Step.Expect(lineNo, description + (regex.isEmpty() ? "" : " " + regex), Pattern.compile(full), false, timeout);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static int column(String line) {
        int i = 0;
        while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        return i + 1;
    }

    private static String firstWord(String trimmed) {
        int space = trimmed.indexOf(' ');
        return space < 0 ? trimmed : trimmed.substring(0, space);
    }
}
