package dev.twinbgp.speaker.config;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads an ExaBGP-syntax configuration file (the subset for IPv4/IPv6 unicast, see docs/configuration.md).
 * Top level: {@code neighbor <ip> { }}, {@code template { neighbor <name> { } }}, {@code process <name> { }},
 * {@code twinbgp { reactor selector|netty|virtual; }}. Any error is a {@link ConfigException} with a one-line message;
 * nothing is started from a file that fails.
 */
public final class ConfigParser {
    private static final String TOP_LEVEL = "neighbor, template, process or twinbgp";

    private record PlacedNeighbor(IpAddress peer, NeighborDraft draft) {
    }

    private final Map<String, NeighborDraft> templates = new LinkedHashMap<>();
    private final Map<String, ProcessConfig> processes = new LinkedHashMap<>();
    /** Where each process's program is written, by process name (those of the file only). */
    private final Map<String, Configuration.Position> programs = new HashMap<>();
    private final List<PlacedNeighbor> neighbors = new ArrayList<>();
    private Optional<ReactorKind> reactor = Optional.empty();

    private ConfigParser() {
    }

    /**
     * Reads and parses {@code file} (UTF-8) as a stream: its text is read line by line as the parser needs it, never
     * held whole (issue 18: a 1M-route configuration).
     */
    public static Configuration parse(Path file) throws ConfigException {
        String source = file.toString();
        ConfigParser parser = new ConfigParser();
        try (Reader reader = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8.newDecoder())) {
            parser.read(TokenStream.of(source, Lines.of(reader)));
        } catch (ConfigException e) {
            if (e.getCause() instanceof IOException io) { // read by the tokenizer
                throw unreadable(file, io);
            }
            throw e;
        } catch (IOException | RuntimeException e) {
            throw unreadable(file, e);
        }
        return parser.resolve(source).withProgramsRelativeTo(file.toAbsolutePath().getParent());
    }

    private static ConfigException unreadable(Path file, Exception e) {
        String source = file.toString();
        return switch (e) {
            case NoSuchFileException missing -> ConfigException.unreadable(source, "no such file", missing);
            case AccessDeniedException denied -> ConfigException.unreadable(source, "permission denied", denied);
            case CharacterCodingException notText -> ConfigException.unreadable(source, "not UTF-8 text", notText);
            default -> ConfigException.unreadable(source,
                    Files.isDirectory(file) ? "is a directory" : String.valueOf(e.getMessage()), e);
        };
    }

    /**
     * Parses configuration text that may name {@code known} processes without defining them (a neighbor created
     * at run time by the API names the processes of the running configuration).
     */
    public static Configuration parse(String source, String text, List<ProcessConfig> known) throws ConfigException {
        ConfigParser parser = new ConfigParser();
        known.forEach(p -> parser.processes.put(p.name(), p));
        parser.read(TokenStream.of(source, text));
        return parser.resolve(source);
    }

    /** Parses configuration text; {@code source} names it in error messages. */
    public static Configuration parse(String source, String text) throws ConfigException {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(text, "text");
        ConfigParser parser = new ConfigParser();
        parser.read(TokenStream.of(source, text));
        return parser.resolve(source);
    }

    /**
     * As {@link #parse(String, String)}, every statement read by the grammar token by token: without the fast path
     * of plain static routes ({@link StaticRouteText}), which must give the same configuration or error (tests).
     */
    static Configuration parseByGrammar(String source, String text) throws ConfigException {
        ConfigParser parser = new ConfigParser();
        parser.read(TokenStream.grammarOnly(source, text));
        return parser.resolve(source);
    }

    private void read(TokenStream in) throws ConfigException {
        while (!in.atEnd()) {
            Token keyword = in.peek();
            String expected = "a top-level section (" + TOP_LEVEL + ")";
            if (keyword.quoted() || TokenStream.isPunctuation(keyword)) {
                throw ConfigException.unexpected(keyword, expected);
            }
            in.next();
            switch (keyword.text()) {
                case "neighbor" -> neighbor(in);
                case "template" -> template(in);
                case "process" -> process(in);
                case "twinbgp" -> twinbgp(in);
                default -> throw ConfigException.unexpected(keyword, expected);
            }
        }
    }

    private void neighbor(TokenStream in) throws ConfigException {
        Token address = in.value("the neighbor's IP address");
        IpAddress peer = Values.ip(address, "the neighbor's IP address");
        in.expect("{");
        neighbors.add(new PlacedNeighbor(peer, NeighborParser.parseBody(in, address, false)));
    }

    /** {@code template { neighbor NAME { ... } ... }} (ExaBGP 4/5). */
    private void template(TokenStream in) throws ConfigException {
        in.expect("{");
        while (!in.accept("}")) {
            Token keyword = in.peek();
            if (!keyword.is("neighbor")) {
                throw ConfigException.unexpected(keyword, "neighbor or '}'");
            }
            in.next();
            Token name = in.value("a template name");
            if (templates.containsKey(name.text())) {
                throw ConfigException.unexpected(name, "a template name not already used");
            }
            in.expect("{");
            templates.put(name.text(), NeighborParser.parseBody(in, name, true));
        }
    }

    /** {@code process NAME { run PROGRAM ARGS...; encoder json|text; respawn true|false; }}. */
    private void process(TokenStream in) throws ConfigException {
        Token name = in.value("a process name");
        if (processes.containsKey(name.text())) {
            throw ConfigException.unexpected(name, "a process name not already used");
        }
        Token open = in.expect("{");
        List<String> command = null;
        ProcessConfig.Encoder encoder = ProcessConfig.Encoder.TEXT;
        boolean respawn = true;
        while (!in.peek().is("}")) {
            Token keyword = in.peek();
            if (keyword.is("run")) {
                in.next();
                command = new ArrayList<>();
                Token program = in.peek();
                programs.put(name.text(), new Configuration.Position(program.line(), program.column()));
                do {
                    command.add(in.value("a program and its arguments").text());
                } while (!in.peek().is(";"));
            } else if (keyword.is("encoder")) {
                in.next();
                Token value = in.value("json or text");
                encoder = switch (value.quoted() ? "" : value.text()) {
                    case "json" -> ProcessConfig.Encoder.JSON;
                    case "text" -> ProcessConfig.Encoder.TEXT;
                    default -> throw ConfigException.unexpected(value, "json or text");
                };
            } else if (keyword.is("respawn")) {
                in.next();
                Token value = in.value("true or false");
                respawn = switch (value.quoted() ? "" : value.text()) {
                    case "true", "enable" -> true;
                    case "false", "disable" -> false;
                    default -> throw ConfigException.unexpected(value, "true or false");
                };
            } else {
                throw ConfigException.unexpected(keyword, "a process setting (run, encoder, respawn) or '}'");
            }
            in.expect(";");
        }
        Token close = in.expect("}");
        if (command == null) {
            throw ConfigException.unexpected(close, "run (process " + name.text() + " at line " + open.line()
                    + " has no command)");
        }
        processes.put(name.text(), new ProcessConfig(name.text(), command, encoder, respawn));
    }

    /** {@code twinbgp { reactor selector|netty|virtual; }}: settings ExaBGP does not have. */
    private void twinbgp(TokenStream in) throws ConfigException {
        in.expect("{");
        while (!in.accept("}")) {
            Token keyword = in.peek();
            if (!keyword.is("reactor")) {
                throw ConfigException.unexpected(keyword, "a twinbgp setting (reactor) or '}'");
            }
            in.next();
            Token value = in.value("selector, netty or virtual");
            reactor = Optional.of(switch (value.quoted() ? "" : value.text()) {
                case "selector" -> ReactorKind.SELECTOR;
                case "netty" -> ReactorKind.NETTY;
                case "virtual" -> ReactorKind.VIRTUAL;
                default -> throw ConfigException.unexpected(value, "selector, netty or virtual");
            });
            in.expect(";");
        }
    }

    private Configuration resolve(String source) throws ConfigException {
        NeighborResolver resolver = new NeighborResolver(templates, processes.keySet());
        List<NeighborConfig> resolved = new ArrayList<>();
        List<Configuration.Position> positions = new ArrayList<>();
        Map<List<Object>, Token> seen = new HashMap<>();
        for (PlacedNeighbor placed : neighbors) {
            NeighborConfig neighbor = resolver.resolve(placed.peer(), placed.draft());
            // ExaBGP keys a session by peer and local address: the same peer twice from one address is a duplicate
            List<Object> key = List.of(neighbor.peerAddress(), neighbor.localAddress());
            Token first = seen.putIfAbsent(key, placed.draft().name);
            if (first != null) {
                throw ConfigException.unexpected(placed.draft().name, "a neighbor not already defined (line "
                        + first.line() + " defines " + neighbor.peerAddress()
                        + neighbor.localAddress().map(a -> " from " + a).orElse("") + ")");
            }
            resolved.add(neighbor);
            Token at = placed.draft().name;
            positions.add(new Configuration.Position(at.line(), at.column()));
        }
        return new Configuration(source, resolved, List.copyOf(processes.values()), reactor, positions, programs);
    }
}
