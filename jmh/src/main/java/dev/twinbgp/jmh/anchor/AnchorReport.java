package dev.twinbgp.jmh.anchor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.twinbgp.jmh.report.JmhJson;
import dev.twinbgp.jmh.report.ReactorColumns;
import dev.twinbgp.jmh.transfer.FullTableTransferBenchmark;
import dev.twinbgp.jmh.transfer.Pairing;
import dev.twinbgp.jmh.transfer.TransferReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders the anchors' results ({@link AnchorTransferBenchmark}) of JMH JSON as the Markdown of
 * {@code docs/benchmarks.md}: per table shape and N, the daemons fed by each sender reactor side
 * by side, then twinbgp's receive time (the full-table transfer's Established → End-of-RIB, same
 * run) as a ratio to each daemon's with the same sender. Averages the per-transfer raw values.
 */
public final class AnchorReport {
    static final String BENCHMARK = AnchorTransferBenchmark.class.getName() + ".transfer";
    private static final String TRANSFER = FullTableTransferBenchmark.class.getName() + ".transfer";
    private static final List<String> SENDERS = ReactorColumns.ORDER;

    private AnchorReport() {
    }

    /** One anchor and sender's averages. */
    record Row(double score, double scoreError, double receivedSeconds, double prefixesPerSecond, double senderDoneSeconds,
               double pollMillis, double pollPeriodMillis, int samples) {
    }

    /** Which results a table is about: "packed, N = 100,000". */
    static String key(JsonNode params) {
        return params.path("shape").asText() + ", N = " + String.format(Locale.ROOT, "%,d", params.path("prefixes").asInt());
    }

    /** Column label of an anchor fed by a sender reactor: "BIRD 2 ← selector". */
    public static String label(Anchor anchor, String sender) {
        return anchor.displayName() + " ← " + sender;
    }

    /** "shape, N" -> column label -> the anchor's mean Established → all-held seconds. */
    public static Map<String, Map<String, Double>> receivedSeconds(JsonNode results) {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        rows(results).forEach((key, rows) -> rows.forEach(
                (label, row) -> out.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(label, row.receivedSeconds())));
        return out;
    }

    private static Map<String, Map<String, Row>> rows(JsonNode results) {
        Map<String, Map<String, Row>> tables = new LinkedHashMap<>();
        for (JsonNode r : results) {
            if (!BENCHMARK.equals(r.path("benchmark").asText())) {
                continue;
            }
            JsonNode p = r.path("params");
            JsonNode s = r.path("secondaryMetrics");
            JsonNode primary = r.path("primaryMetric");
            tables.computeIfAbsent(key(p), k -> new LinkedHashMap<>()).put(
                    label(Anchor.of(p.path("receiver").asText()), p.path("sender").asText()),
                    new Row(primary.path("score").asDouble(), primary.path("scoreError").asDouble(),
                            JmhJson.mean(s.path("receivedSeconds")), JmhJson.mean(s.path("prefixesPerSecond")),
                            JmhJson.mean(s.path("senderDoneSeconds")), JmhJson.mean(s.path("pollMillis")),
                            JmhJson.mean(s.path("pollPeriodMillis")), JmhJson.count(s.path("receivedSeconds"))));
        }
        return tables;
    }

    public static String render(JsonNode results) {
        Map<String, Map<String, Double>> twinbgp = twinbgpSeconds(results);
        StringBuilder out = new StringBuilder();
        Map<String, Map<String, Row>> tables = rows(results);
        List<String> keys = new ArrayList<>(twinbgp.keySet()); // the transfer's order first
        keys.retainAll(tables.keySet());
        tables.keySet().stream().filter(k -> !keys.contains(k)).forEach(keys::add);
        for (String key : keys) {
            Map<String, Row> rows = tables.get(key);
            List<String> present = new ArrayList<>();
            for (Anchor a : Anchor.values()) {
                for (String sender : SENDERS) {
                    if (rows.containsKey(label(a, sender))) {
                        present.add(label(a, sender));
                    }
                }
            }
            out.append("**Anchors, ").append(key).append("** (receiver ← sender reactor)\n\n| |");
            present.forEach(c -> out.append(' ').append(c).append(" |"));
            out.append("\n|---|");
            present.forEach(c -> out.append("---:|"));
            out.append('\n');
            line(out, "Established → all N held (s, mean)", present, rows, r -> fmt("%.3f", r.receivedSeconds()));
            line(out, "prefixes/s (mean)", present, rows, r -> TransferReport.human(r.prefixesPerSecond()));
            line(out, "sender's End-of-RIB written (s after Established, mean)", present, rows,
                    r -> fmt("%.3f", r.senderDoneSeconds()));
            line(out, "poll: query latency / period (ms, mean)", present, rows,
                    r -> fmt("%.1f / %.1f", r.pollMillis(), r.pollPeriodMillis()));
            line(out, "JMH score: sender start → all N seen (s/op)", present, rows,
                    r -> fmt("%.3f", r.score()) + (Double.isNaN(r.scoreError()) ? "" : fmt(" ± %.3f", r.scoreError())));
            line(out, "transfers measured", present, rows, r -> Integer.toString(r.samples()));
            out.append('\n');
            ratios(out, key, rows, twinbgp.getOrDefault(key, Map.of()));
        }
        return out.toString();
    }

    /**
     * twinbgp's receive time over each anchor's, same sender reactor, same shape and N: above 1,
     * twinbgp's receiver took longer.
     */
    private static void ratios(StringBuilder out, String key, Map<String, Row> anchors, Map<String, Double> twinbgp) {
        if (twinbgp.isEmpty()) {
            out.append("(no full-table transfer results for ").append(key).append(" in the same run: no ratios)\n\n");
            return;
        }
        List<Anchor> present = new ArrayList<>();
        for (Anchor a : Anchor.values()) {
            if (SENDERS.stream().anyMatch(s -> anchors.containsKey(label(a, s)))) {
                present.add(a);
            }
        }
        out.append("**twinbgp's receive time as a ratio to the anchors', ").append(key)
                .append("** (same sender reactor; > 1: twinbgp slower)\n\n| twinbgp pairing (sender-receiver) | Established → End-of-RIB (s) |");
        present.forEach(a -> out.append(" ÷ ").append(a.displayName()).append(" |"));
        out.append("\n|---|---:|");
        present.forEach(a -> out.append("---:|"));
        out.append('\n');
        for (Pairing p : Pairing.values()) {
            Double seconds = twinbgp.get(p.label());
            if (seconds == null) {
                continue;
            }
            out.append("| ").append(p.label()).append(" | ").append(fmt("%.3f", seconds)).append(" |");
            for (Anchor a : present) {
                Row r = anchors.get(label(a, p.sender()));
                out.append(r == null ? " – |" : ratio(seconds / r.receivedSeconds()));
            }
            out.append('\n');
        }
        out.append('\n');
    }

    /** "shape, N" -> pairing -> the full-table transfer's mean Established → End-of-RIB seconds. */
    public static Map<String, Map<String, Double>> twinbgpSeconds(JsonNode results) {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        for (JsonNode r : results) {
            if (TRANSFER.equals(r.path("benchmark").asText())) {
                out.computeIfAbsent(key(r.path("params")), k -> new LinkedHashMap<>())
                        .put(r.path("params").path("pairing").asText(), JmhJson.mean(r.path("secondaryMetrics").path("eorSeconds")));
            }
        }
        return out;
    }

    private static String ratio(double r) {
        return r >= 0.1 ? fmt(" **%.2f** |", r) : fmt(" **%.3f** |", r);
    }

    private interface Cell {
        String of(Row r);
    }

    private static void line(StringBuilder out, String label, List<String> present, Map<String, Row> rows, Cell cell) {
        out.append("| ").append(label).append(" |");
        present.forEach(c -> out.append(' ').append(cell.of(rows.get(c))).append(" |"));
        out.append('\n');
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
