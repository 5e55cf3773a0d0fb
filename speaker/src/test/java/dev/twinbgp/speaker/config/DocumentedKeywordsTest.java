package dev.twinbgp.speaker.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: docs/configuration.md and docs/api.md list every keyword and command the parsers accept (each with its
 * status), so none is accepted without a word. The keywords are read from the grammar's own source: the labels of
 * its {@code switch}es ({@code case "local-as" ->}), the words its token stream tests for ({@code in.is("rd")},
 * {@code accept}, {@code expect}, the command reader's {@code peekIs}, {@code expectPhrase}, {@code equals}) and its
 * keyword lists ({@code List.of("rd", ...)}). Each must stand in code in the document (a fenced block or a
 * {@code `span`}) as a whole word. A keyword added to a parser without a line in the docs fails here, naming it.
 */
class DocumentedKeywordsTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path CONFIG = ROOT.resolve("speaker/src/main/java/dev/twinbgp/speaker/config");
    private static final Path API = ROOT.resolve("speaker/src/main/java/dev/twinbgp/speaker/api");

    private static final Pattern CASE = Pattern.compile("case ((?:\"[^\"]*\"\\s*,?\\s*)+)->");
    private static final Pattern CALL = Pattern.compile(
            "\\.(?:is|accept|expect|peekIs|expectPhrase|equals)\\(((?:\"[^\"]*\"\\s*,?\\s*)+)\\)");
    private static final Pattern LIST = Pattern.compile("List<String> [A-Z_]+ = List\\.of\\(([^)]*)\\)");
    /** Names of values: FlowSpec's {@code Map<String, Long>} tables, FlowText's component names. */
    private static final Pattern NAMES = Pattern.compile("Map\\.entry\\((\"[^\"]*\")|Map<String, Long> [A-Z_]+ = Map\\.of\\("
            + "([^;]*)\\);|String\\[\\] [A-Z0-9_]+_NAMES = \\{([^}]*)\\}");
    /** FlowSpec's component names live beside its codec, in bgp-protocol. */
    private static final Path FLOW_TEXT = ROOT.resolve("bgp-protocol/src/main/java/dev/twinbgp/bgp/wire/family/flow/FlowText.java");
    private static final Pattern LITERAL = Pattern.compile("\"([^\"]*)\"");
    /** What a keyword looks like: words, dashes, ExaBGP's underscores, {@code send/receive}. */
    private static final Pattern KEYWORD = Pattern.compile("[a-z][a-z0-9_-]*(/[a-z][a-z0-9_-]*)?");
    private static final Pattern FENCE = Pattern.compile("```.*?```", Pattern.DOTALL);
    private static final Pattern SPAN = Pattern.compile("`[^`\n]+`");

    @Test
    void everyConfigurationKeywordIsInConfigurationMd() throws IOException {
        List<Path> sources = new ArrayList<>(javaFiles(CONFIG));
        sources.add(FLOW_TEXT);
        assertDocumented(keywords(sources), "docs/configuration.md");
    }

    @Test
    void everyCommandWordIsInApiMd() throws IOException {
        assertDocumented(keywords(List.of(API.resolve("CommandParser.java"), API.resolve("OperationalCommand.java"))),
                "docs/api.md");
    }

    /** The reader itself: it finds the keywords a grammar tests for, and a word not in the doc is reported. */
    @Test
    void readsTheGrammarsWords() throws IOException {
        Map<String, TreeSet<String>> config = keywords(javaFiles(CONFIG));
        for (String k : List.of("local-as", "md5-password", "processes-match", "route-distinguisher", "source-as",
                "mup-t2st", "send/receive", "echo-request", "ip-header-bad", "urgent")) {
            assertTrue(config.containsKey(k), k + " in " + config.keySet());
        }
        assertTrue(keywords(List.of(FLOW_TEXT)).keySet().containsAll(List.of("destination-ipv4", "flow-label")));
        Map<String, TreeSet<String>> api = keywords(List.of(API.resolve("CommandParser.java")));
        for (String k : List.of("announce", "adj-rib", "family-allowed", "silence-ack", "route-refresh")) {
            assertTrue(api.containsKey(k), k + " in " + api.keySet());
        }
        assertFalse(documented("`local-as-path`", "local-as"), "a longer word is not the keyword");
        assertTrue(documented("| `local-as`, `peer-as` |", "local-as"));
        assertTrue(documented("```\nneighbor IP { local-as 1; }\n```", "local-as"));
        assertFalse(documented("the local-as setting", "local-as"), "prose is not enough");
    }

    private static List<Path> javaFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    /** Keyword -> the source files it comes from. */
    static Map<String, TreeSet<String>> keywords(List<Path> sources) throws IOException {
        Map<String, TreeSet<String>> out = new TreeMap<>();
        for (Path source : sources) {
            String text = Files.readString(source);
            for (Pattern p : List.of(CASE, CALL, LIST, NAMES)) {
                Matcher m = p.matcher(text);
                while (m.find()) {
                    String group = "";
                    for (int g = 1; g <= m.groupCount(); g++) {
                        group = m.group(g) != null ? m.group(g) : group;
                    }
                    Matcher literal = LITERAL.matcher(group);
                    while (literal.find()) {
                        String word = literal.group(1);
                        if (KEYWORD.matcher(word).matches()) {
                            out.computeIfAbsent(word, k -> new TreeSet<>()).add(source.getFileName().toString());
                        }
                    }
                }
            }
        }
        return out;
    }

    private static boolean documented(String markdown, String keyword) {
        StringBuilder code = new StringBuilder();
        Matcher fence = FENCE.matcher(markdown);
        while (fence.find()) {
            code.append(fence.group()).append('\n');
        }
        Matcher span = SPAN.matcher(FENCE.matcher(markdown).replaceAll(""));
        while (span.find()) {
            code.append(span.group()).append('\n');
        }
        return Pattern.compile("(?<![\\w-])" + Pattern.quote(keyword) + "(?![\\w-])").matcher(code).find();
    }

    private static void assertDocumented(Map<String, TreeSet<String>> keywords, String doc) throws IOException {
        assertFalse(keywords.size() < 20, "too few keywords read: " + keywords.keySet());
        String markdown = Files.readString(ROOT.resolve(doc));
        StringBuilder missing = new StringBuilder();
        keywords.forEach((keyword, files) -> {
            if (!documented(markdown, keyword)) {
                missing.append("\n  ").append(keyword).append(" (").append(String.join(", ", files)).append(')');
            }
        });
        assertTrue(missing.isEmpty(), "accepted by the parser but not in " + doc
                + " (write each in code, `keyword`, with its status: works, or refused and why):" + missing);
    }
}
