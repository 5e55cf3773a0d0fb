package dev.twinbgp.jmh.transfer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.twinbgp.jmh.report.JmhJson;
import dev.twinbgp.jmh.report.ReactorColumns;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders the full-table transfer results of a JMH JSON file ({@code -rf json -rff FILE}) as the
 * Markdown tables of {@code docs/benchmarks.md}: one per table shape and N, the four pairings side
 * by side. JMH sums the per-iteration {@code @AuxCounters} in its own summary; this averages the
 * raw per-iteration values instead (one transfer per iteration, so each value is one transfer's).
 *
 * <p>Usage: {@code java -cp jmh/target/benchmarks.jar dev.twinbgp.jmh.transfer.TransferReport FILE}
 */
public final class TransferReport {
    private static final String BENCHMARK = FullTableTransferBenchmark.class.getName() + ".transfer";

    private TransferReport() {
    }

    /** One pairing's averages. */
    record Row(double score, double scoreError, double eorSeconds, double prefixesPerSecond, double bytesPerSecond,
               double heapMB, int samples) {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: TransferReport JMH-RESULT.json");
            System.exit(2);
        }
        System.out.print(render(new ObjectMapper().readTree(Path.of(args[0]).toFile())));
    }

    public static String render(JsonNode results) {
        Map<String, Map<String, Row>> tables = new LinkedHashMap<>(); // "shape, N" -> pairing -> row
        for (JsonNode r : results) {
            if (!BENCHMARK.equals(r.path("benchmark").asText())) {
                continue;
            }
            JsonNode p = r.path("params");
            String key = p.path("shape").asText() + ", N = " + String.format(Locale.ROOT, "%,d", p.path("prefixes").asInt());
            JsonNode s = r.path("secondaryMetrics");
            tables.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(p.path("pairing").asText(), new Row(
                    r.path("primaryMetric").path("score").asDouble(), r.path("primaryMetric").path("scoreError").asDouble(),
                    JmhJson.mean(s.path("eorSeconds")), JmhJson.mean(s.path("prefixesPerSecond")), JmhJson.mean(s.path("bytesPerSecond")),
                    JmhJson.mean(s.path("receiverHeapMB")), JmhJson.count(s.path("eorSeconds"))));
        }
        StringBuilder out = new StringBuilder();
        tables.forEach((key, rows) -> table(out, key, rows));
        return out.toString();
    }

    private static void table(StringBuilder out, String key, Map<String, Row> rows) {
        List<String> present = Pairing.presentIn(rows.keySet());
        out.append("**").append(key).append("** (sender-receiver)\n\n| |");
        present.forEach(p -> out.append(" ").append(p).append(" |"));
        out.append("\n|---|");
        present.forEach(p -> out.append("---:|"));
        out.append('\n');
        line(out, "Established → End-of-RIB (s, mean)", present, rows, r -> fmt("%.3f", r.eorSeconds()));
        line(out, "prefixes/s (mean)", present, rows, r -> human(r.prefixesPerSecond()));
        line(out, "UPDATE MB/s (mean)", present, rows, r -> fmt("%.1f", r.bytesPerSecond() / 1e6));
        line(out, "JMH score: receiver start → table checked (s/op)", present, rows,
                r -> fmt("%.3f", r.score()) + (Double.isNaN(r.scoreError()) ? "" : fmt(" ± %.3f", r.scoreError())));
        line(out, "receiver heap after GC (MB)", present, rows, r -> fmt("%.1f", r.heapMB()));
        line(out, "transfers measured", present, rows, r -> Integer.toString(r.samples()));
        out.append('\n');
        String s = ReactorColumns.BASELINE;
        String base = s + "-" + s;
        for (String r : ReactorColumns.ORDER.subList(1, ReactorColumns.ORDER.size())) {
            ratio(out, rows, r, base, r + "-" + r, "both sides " + r + " vs both " + s);
            ratio(out, rows, r, base, r + "-" + s, r + " sender vs " + s + " sender (" + s + " receiver)");
            ratio(out, rows, r, base, s + "-" + r, r + " receiver vs " + s + " receiver (" + s + " sender)");
        }
        out.append('\n');
    }

    private static void ratio(StringBuilder out, Map<String, Row> rows, String reactor, String base, String other,
                              String what) {
        Row b = rows.get(base);
        Row o = rows.get(other);
        if (b != null && o != null) {
            out.append(fmt("- %s/%s prefixes/s ratio, %s (%s / %s): **%.2f**%n", reactor, ReactorColumns.BASELINE,
                    what, other, base,
                    o.prefixesPerSecond() / b.prefixesPerSecond()));
        }
    }

    private interface Cell {
        String of(Row r);
    }

    private static void line(StringBuilder out, String label, List<String> present, Map<String, Row> rows, Cell cell) {
        out.append("| ").append(label).append(" |");
        present.forEach(p -> out.append(" ").append(cell.of(rows.get(p))).append(" |"));
        out.append('\n');
    }

    public static String human(double v) {
        return v >= 1e6 ? fmt("%.2f M", v / 1e6) : fmt("%.0f k", v / 1e3);
    }

    public static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
