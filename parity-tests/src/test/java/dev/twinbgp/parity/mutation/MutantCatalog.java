package dev.twinbgp.parity.mutation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads the mutants of every reactor from {@code *.mutants} files: a reactor gets its mutants by adding
 * {@code REACTOR.mutants} beside the others, no code. Format, one key per line, blocks separated by
 * {@code mutant} lines, {@code #} comments; in {@code find}/{@code replace} values {@code \n} is a newline
 * and {@code \\} a backslash (a block may have several find/replace pairs, applied in order):
 * <pre>
 *   mutant   sel-close-discards-output
 *   duty     close with pending output
 *   breaks   close() closes at once and discards output still pending
 *   file     dev/twinbgp/reactor/selector/SelectorConnection.java
 *   find     closing = true;\n        if (output.isEmpty()) {
 *   replace  closing = true;\n        if (true) {
 *   first    stall-teardown
 * </pre>
 * {@code equivalent REASON} marks a mutant no peer can observe through the speaker as it is (see
 * {@link Mutant#equivalent()}); the reason is printed with it.
 * The reactor is the file's name ({@code selector.mutants} mutates module {@code reactor-selector}).
 */
final class MutantCatalog {
    private MutantCatalog() {
    }

    /** Every mutant of every {@code *.mutants} file in {@code dir}, reactors in name order, mutants in file order. */
    static List<Mutant> load(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".mutants")).sorted().toList();
        }
        List<Mutant> all = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Path f : files) {
            String reactor = f.getFileName().toString().replaceFirst("\\.mutants$", "");
            for (Mutant m : parse(reactor, Files.readAllLines(f), f.toString())) {
                if (!ids.add(m.id())) {
                    throw new IllegalArgumentException(f + ": mutant " + m.id() + " defined twice");
                }
                all.add(m);
            }
        }
        return all;
    }

    static List<Mutant> parse(String reactor, List<String> lines, String where) {
        List<Mutant> out = new ArrayList<>();
        Draft d = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            String[] kv = t.split("\\s+", 2);
            String key = kv[0];
            String value = kv.length > 1 ? kv[1] : "";
            String at = where + ":" + (i + 1) + ": ";
            if (key.equals("mutant")) {
                if (d != null) {
                    out.add(d.build(reactor, at));
                }
                d = new Draft(value);
                continue;
            }
            if (d == null) {
                throw new IllegalArgumentException(at + "found '" + key + "', expected 'mutant ID'");
            }
            switch (key) {
                case "duty" -> d.duty = value;
                case "breaks" -> d.breaks = value;
                case "file" -> d.file = value;
                case "find" -> d.finds.add(unescape(value));
                case "replace" -> d.replaces.add(unescape(value));
                case "first" -> d.first.addAll(Arrays.asList(value.split("[\\s,]+")));
                case "equivalent" -> d.equivalent = value;
                default -> throw new IllegalArgumentException(at + "found '" + key
                        + "', expected one of mutant, duty, breaks, file, find, replace, first, equivalent");
            }
        }
        if (d != null) {
            out.add(d.build(reactor, where + ":" + lines.size() + ": "));
        }
        return out;
    }

    private static String unescape(String v) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\' && i + 1 < v.length()) {
                char n = v.charAt(++i);
                s.append(n == 'n' ? '\n' : n);
            } else {
                s.append(c);
            }
        }
        return s.toString();
    }

    private static final class Draft {
        final String id;
        String duty;
        String breaks;
        String file;
        String equivalent;
        final List<String> finds = new ArrayList<>();
        final List<String> replaces = new ArrayList<>();
        final List<String> first = new ArrayList<>();

        Draft(String id) {
            this.id = id;
        }

        Mutant build(String reactor, String at) {
            if (id.isBlank() || duty == null || breaks == null || file == null || finds.isEmpty()) {
                throw new IllegalArgumentException(at + "mutant '" + id + "' needs duty, breaks, file and find/replace");
            }
            if (finds.size() != replaces.size()) {
                throw new IllegalArgumentException(at + "mutant " + id + ": every find needs its replace");
            }
            List<Mutant.Edit> edits = new ArrayList<>();
            for (int i = 0; i < finds.size(); i++) {
                edits.add(new Mutant.Edit(finds.get(i), replaces.get(i)));
            }
            return new Mutant(id, reactor, duty, breaks, file, List.copyOf(edits), List.copyOf(first), equivalent);
        }
    }
}
