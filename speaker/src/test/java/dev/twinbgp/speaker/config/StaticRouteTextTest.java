package dev.twinbgp.speaker.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fast path of plain static routes ({@link StaticRouteText}) against the grammar: over generated static blocks
 * (prefixes, attributes and layouts it must read, and ones it must leave to the grammar), a file gives the same
 * configuration - the same routes, their attributes shared alike - or the same error, whichever reads it; and an error
 * among many plain routes still points at its line and column.
 */
class StaticRouteTextTest {
    private static final String[] PREFIXES = {"10.0.0.0/24", "10.0.1.0/24", "0.0.0.0/0", "10.0.2.1/24", "2001:db8::/32",
        "010.0.3.0/24", "10.0.4.0", "10.0.0.0/33", "10.0.0.0/024", "2001:db8::/129", "::ffff:1.2.3.4/128",
        "\"10.0.5.0/24\"", "10.0.6.0/24[", "10.0.7.0/24;", "2001:DB8:1::/48", "fe80::/10", "10.0.0.0/8/8", "x"};
    private static final String[][] PIECES = {
        {"next-hop 192.0.2.1", "next-hop 192.0.2.1", "next-hop 2001:db8::1", "next-hop self", "next-hop SELF",
            "next-hop 10.0.0.256", "next-hop 010.0.0.1", "next-hop", "next-hop [", "next-hop ::ffff:1.2.3.4"},
        {"med 0", "med 7", "med 007", "med 4294967295", "med 4294967296", "med -1", "med", "med ]", "med 5x"},
        {"local-preference 100", "local-preference 4294967296", "local-preference"},
        {"origin igp", "origin IGP", "origin incomplete", "origin foo", "origin"},
        {"atomic-aggregate"},
        {"as-path 65001", "as-path [ 65001 65002 ]", "as-path [65001]", "as-path [ ]", "as-path [ 1 ] [ 2 ]",
            "as-path ( 1 2 )", "as-path [ 1, 2 ]", "as-path [ 1", "as-path 4294967296"},
        {"community 65001:5", "community [65001:5]", "community [ 65001:5 65001:6 ]", "community [ ]",
            "community no-export", "community 65536:1", "community [ 1:1", "community 00001:00002", "community 1:2:3"},
        {"large-community 1:2:3", "large-community [ 1:2:3 1:2:3 4:5:6 ]", "large-community 1:2"},
        {"path-information 7", "name foo", "split /26", "split /40", "extended-community target:1:1", "watchdog w",
            "withdraw", "label 5", "rd 1:1", "rd 1:1 label 5", "MED 5", "med\t5", "med '5'", "med \"5\"", "bogus",
            "med 5 # comment", "aigp 5", "attribute [ 0x20 0xc0 0x00 ]", "originator-id 1.2.3.4"},
    };
    /** What follows the attributes: the statement's end, written in ways the fast path reads and ways it leaves. */
    private static final String[] ENDS = {";", ";", ";", " ;", ";   ", "; # comment", ";\t", "",
        "; route 10.9.0.0/24 next-hop 1.1.1.1;", ";route 10.9.1.0/24 next-hop 1.1.1.1 med 1;", "\n        ;",
        " \\\n        ;", "; \"unterminated", " # comment\n        ;", ";;", "; }", "\n        med 9;"};
    /** Between 'route' and the prefix. */
    private static final String[] GAPS = {" ", " ", " ", "  ", "\t", "\n        ", " \\\n        ", ""};

    @Test
    void generatedStaticBlocksReadAsTheGrammarReadsThem() {
        Random random = new Random(18);
        int parsed = 0;
        int lines = 0;
        int readFast = 0;
        for (int i = 0; i < 4_000; i++) {
            StringBuilder text = new StringBuilder("neighbor 127.0.0.1 {\n  local-as 1;\n  peer-as 2;\n"
                    + "  local-address 127.0.0.2;\n");
            if (random.nextInt(4) == 0) {
                text.append("  family { ipv4 unicast; }\n"); // an IPv6 route then errs at its prefix
            }
            text.append("  static {\n");
            int routes = 1 + random.nextInt(6);
            for (int r = 0; r < routes; r++) {
                String line = line(random);
                text.append("        ").append(line).append('\n');
                lines++;
                if (readsFast(line)) {
                    readFast++;
                }
            }
            text.append("  }\n}\n");
            String config = text.toString();
            Object fast = outcome(c -> ConfigParser.parse("t.conf", c), config);
            Object grammar = outcome(c -> ConfigParser.parseByGrammar("t.conf", c), config);
            assertEquals(grammar, fast, config);
            if (fast instanceof Configuration c) {
                parsed++;
                assertEquals(distinctSets(c), identitySets(c), "attributes shared alike:\n" + config);
            }
        }
        assertTrue(parsed > 400, "only " + parsed + " of 4,000 generated configurations parse");
        assertTrue(readFast > lines / 5, "the fast path read only " + readFast + " of " + lines + " lines");
    }

    /** True when the fast path reads {@code line} (a route statement) itself. */
    private static boolean readsFast(String line) {
        try {
            return new StaticRouteText(new NeighborDraft(new Token("t", 1, 1, "x", false)))
                    .read(TokenStream.of("t", line + "\n}"));
        } catch (ConfigException afterTheStatement) { // e.g. an unterminated quote after its ';'
            return true;
        }
    }

    /** A route statement: mostly plain, often with one piece the fast path must leave to the grammar. */
    private static String line(Random random) {
        String prefix = random.nextInt(3) == 0 ? PREFIXES[random.nextInt(PREFIXES.length)] : PREFIXES[random.nextInt(2)];
        List<String> pieces = new ArrayList<>();
        if (random.nextInt(8) != 0) {
            pieces.add(random.nextInt(3) == 0 ? pick(random, PIECES[0]) : "next-hop 192.0.2.1");
        }
        int more = random.nextInt(4);
        for (int k = 0; k < more; k++) {
            String[] kind = PIECES[1 + random.nextInt(PIECES.length - 1)];
            pieces.add(random.nextInt(3) == 0 ? pick(random, kind) : kind[0]);
        }
        java.util.Collections.shuffle(pieces, random);
        String gap = random.nextInt(3) == 0 ? pick(random, GAPS) : " ";
        String end = random.nextInt(3) == 0 ? pick(random, ENDS) : ";";
        if (random.nextInt(20) == 0) { // the block form
            return "route" + gap + prefix + " { " + String.join("; ", pieces) + "; }";
        }
        return "route" + gap + prefix + (pieces.isEmpty() ? "" : " " + String.join(" ", pieces)) + end;
    }

    private static String pick(Random random, String[] choices) {
        return choices[random.nextInt(choices.length)];
    }

    /** ExaBGP's example configurations (the conformance set, when given) and the repository's: the same either way. */
    @Test
    void exampleConfigurationsReadAsTheGrammarReadsThem() throws IOException {
        List<Path> files = new ArrayList<>();
        String conformance = System.getProperty("twinbgp.conformance.dir", "");
        for (Path dir : conformance.isBlank() ? List.of(Path.of("../examples"))
                : List.of(Path.of("../examples"), Path.of(conformance, "conf"))) {
            if (Files.isDirectory(dir)) {
                try (var list = Files.list(dir)) {
                    list.filter(p -> p.toString().endsWith(".conf")).sorted().forEach(files::add);
                }
            }
        }
        assertFalse(files.isEmpty(), "no example configuration found");
        for (Path file : files) {
            String text = Files.readString(file);
            assertEquals(outcome(c -> ConfigParser.parseByGrammar(file.toString(), c), text),
                    outcome(c -> ConfigParser.parse(file.toString(), c), text), file.toString());
        }
    }

    /** The plain route, and the forms the fast path must refuse (consuming nothing: the grammar then reads them). */
    @Test
    void readsThePlainFormAndConsumesNothingOfAnyOther() throws ConfigException {
        NeighborDraft draft = new NeighborDraft(new Token("t", 1, 1, "x", false));
        TokenStream in = TokenStream.of("t", "route 16.0.0.0/24 next-hop 192.0.2.1 med 7 community [65000:1]; }");
        assertTrue(new StaticRouteText(draft).read(in));
        assertTrue(in.peek().is("}"));
        assertEquals(1, draft.routes.size());
        assertEquals(RouteParser.parseRoute("route 16.0.0.0/24 next-hop 192.0.2.1 med 7 community [65000:1]"),
                draft.routes.get(0).route());
        for (String refused : List.of("route 16.0.0.0/24 next-hop 192.0.2.1", // no ';' on the line
                "route 16.0.0.0/24 med 7;", // no next hop: the grammar's error
                "route 16.0.0.0/24 { next-hop 192.0.2.1; }", "route\t16.0.0.0/24 next-hop 192.0.2.1;",
                "route 16.0.0.0/24\tnext-hop 192.0.2.1;", "route 16.0.0.1/24 next-hop 192.0.2.1;",
                "route 16.0.0.0/24 next-hop 192.0.2.1 split /25;", "route 16.0.0.0/24 next-hop 192.0.2.1 # x;",
                "route 16.0.0.0/24 next-hop \"192.0.2.1\";", "route 016.0.0.0/24 next-hop 192.0.2.1;",
                "route 16.0.0.0/24 next-hop 192.0.2.1 rd 1:1 label 5;", "route \"16.0.0.0/24\" next-hop 192.0.2.1;",
                "route", "route 16.0.0.0/24", "route 16.0.0.0/24 next-hop 192.0.2.1 med 7 \\")) {
            TokenStream other = TokenStream.of("t", refused + "\n}");
            assertFalse(new StaticRouteText(draft).read(other), refused);
            assertTrue(other.peek().is("route") && other.peek().column() == 1, refused);
        }
        assertEquals(1, draft.routes.size());
    }

    /** 100,000 plain routes (read from a file, as {@code run} reads it) with one bad statement among them. */
    @Test
    void anErrorAmongManyPlainRoutesPointsAtItsLineAndColumn(@TempDir Path dir) throws IOException {
        record Bad(String line, int column, String message) {
        }
        List<Bad> cases = List.of(
                new Bad("route 16.1.0.0/24 next-hop 192.0.2.1 med 4294967296;", 42,
                        "found '4294967296', expected a MED (0-4294967295)"),
                new Bad("route 16.1.0.0/24 next-hop 192.0.2.1 colour red;", 38,
                        "found 'colour', expected " + AttributeParser.ATTRIBUTE + ", '{' or ';'"),
                new Bad("route 16.1.0.1/24 next-hop 192.0.2.1;", 7,
                        "found '16.1.0.1/24', expected a prefix without host bits set (16.1.0.0/24)"),
                new Bad("route 16.1.0.0/24 med 5 community [65001:1];", 44,
                        "found ';', expected next-hop (route 16.1.0.0/24 has no next hop)"),
                new Bad("route 16.1.0.0/24 next-hop 192.0.2.1 community [65001:1 65536:1];", 57,
                        "found '65536:1', expected " + CommunityValues.COMMUNITY),
                new Bad("route 16.1.0.0/24 next-hop 192.0.2.1 med 7", 9, // ';' missing: the next route is found
                        "found 'route', expected " + AttributeParser.ATTRIBUTE + ", '{' or ';'"),
                new Bad("route 2001:db8::/32 next-hop 2001:db8::1;", 7,
                        "found '2001:db8::/32', expected a route of a configured family (ipv4 unicast); add 'ipv6"
                                + " unicast;' to family { } of neighbor 127.0.0.9"));
        int routes = 100_000;
        int badAt = 61_234; // the route's index: its line is the header's 9 lines and the routes before it, plus one
        for (Bad bad : cases) {
            StringBuilder text = new StringBuilder("""
                    neighbor 127.0.0.9 {
                        router-id 127.0.0.8;
                        local-address 127.0.0.8;
                        local-as 65001;
                        peer-as 65002;
                        hold-time 240;
                        connect 1790;
                        family { ipv4 unicast; }
                        static {
                    """);
            for (int i = 0; i < routes; i++) {
                text.append("        ").append(i == badAt ? bad.line : route(i)).append('\n');
            }
            text.append("    }\n}\n");
            Path file = dir.resolve("big.conf");
            Files.writeString(file, text);
            ConfigException e = assertThrows(ConfigException.class, () -> ConfigParser.parse(file), bad.line);
            int line = 9 + badAt + 1 + (bad.line.endsWith("med 7") ? 1 : 0);
            int column = bad.line.endsWith("med 7") ? bad.column : 8 + bad.column;
            assertEquals(file + ":" + line + ":" + column + ": " + bad.message, e.getMessage(), bad.line);
            ConfigException grammar = assertThrows(ConfigException.class,
                    () -> ConfigParser.parseByGrammar(file.toString(), text.toString()));
            assertEquals(grammar.getMessage(), e.getMessage());
        }
    }

    /** A whole file of plain routes parses to what the grammar gives, each attribute set kept once. */
    @Test
    void aTableOfPlainRoutesIsTheGrammarsTable() throws ConfigException {
        StringBuilder text = new StringBuilder("neighbor 127.0.0.9 {\n  local-as 1;\n  peer-as 2;\n  static {\n");
        for (int i = 0; i < 20_000; i++) {
            text.append("    ").append(route(i)).append('\n');
        }
        text.append("    route 2001:db8::/32 next-hop 2001:db8::1 origin igp as-path [ 1 2 ] large-community 1:2:3;\n")
                .append("  }\n}\n");
        Configuration fast = ConfigParser.parse("t.conf", text.toString());
        Configuration grammar = ConfigParser.parseByGrammar("t.conf", text.toString());
        assertEquals(grammar, fast);
        assertEquals(20_001, fast.neighbors().get(0).routes().size());
        assertEquals(5_001, identitySets(fast));
        List<RouteConfig> routes = fast.neighbors().get(0).routes();
        assertSame(routes.get(0).attributes(), routes.get(3).attributes());
    }

    /** The benchmarks' route statement i (jmh SendBenchmark): /24 number i from 16.0.0.0, MED and community every 4 routes. */
    private static String route(int i) {
        int a = (16 << 24) + (i << 8);
        int set = i / 4;
        return String.format(Locale.ROOT, "route %d.%d.%d.0/24 next-hop 192.0.2.1 med %d community [65001:%d];",
                a >>> 24, a >>> 16 & 0xFF, a >>> 8 & 0xFF, set % 1000, set % 65536);
    }

    private static long distinctSets(Configuration c) {
        return c.neighbors().stream().flatMap(n -> n.routes().stream()).map(RouteConfig::attributes)
                .collect(Collectors.toSet()).size();
    }

    private static long identitySets(Configuration c) {
        Set<RouteAttributes> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        c.neighbors().forEach(n -> n.routes().forEach(r -> seen.add(r.attributes())));
        return seen.size();
    }

    @FunctionalInterface
    private interface Parse {
        Configuration parse(String text) throws ConfigException;
    }

    /** The configuration, or the error's message. */
    private static Object outcome(Parse parse, String text) {
        try {
            return parse.parse(text);
        } catch (ConfigException e) {
            return e.getMessage();
        }
    }
}
