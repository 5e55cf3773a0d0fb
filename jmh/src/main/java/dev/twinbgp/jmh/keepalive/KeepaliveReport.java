package dev.twinbgp.jmh.keepalive;

import static dev.twinbgp.jmh.report.JmhJson.count;
import static dev.twinbgp.jmh.transfer.TransferReport.fmt;
import static dev.twinbgp.jmh.report.JmhJson.mean;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.twinbgp.jmh.report.ReactorColumns;
import dev.twinbgp.jmh.transfer.Pairing;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Renders the keepalives-under-load results of a JMH JSON file as the Markdown tables of
 * {@code docs/benchmarks.md}: one per table shape and N, the four pairings side by side. The
 * largest gap is the maximum over every measured transfer; the 99th percentile is the largest of
 * the forks' pooled figures (each fork's last iteration carries its pool, see {@link
 * KeepaliveUnderLoadBenchmark}).
 *
 * <p>Usage: {@code java -cp jmh/target/benchmarks.jar dev.twinbgp.jmh.keepalive.KeepaliveReport FILE}
 */
public final class KeepaliveReport {
    private static final String BENCHMARK = KeepaliveUnderLoadBenchmark.class.getName() + ".transfer";

    private KeepaliveReport() {
    }

    /** One pairing's figures, gaps in ms. */
    record Row(double transferSeconds, double senderMax, double senderP99, double senderGaps,
               double receiverMax, double receiverP99, double receiverGaps, double drops, int samples) {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: KeepaliveReport JMH-RESULT.json");
            System.exit(2);
        }
        System.out.print(render(new ObjectMapper().readTree(Path.of(args[0]).toFile())));
    }

    static String render(JsonNode results) {
        Map<String, Map<String, Row>> tables = new LinkedHashMap<>();
        for (JsonNode r : results) {
            if (!BENCHMARK.equals(r.path("benchmark").asText())) {
                continue;
            }
            JsonNode p = r.path("params");
            String key = p.path("shape").asText() + ", N = " + fmt("%,d", p.path("prefixes").asInt());
            JsonNode s = r.path("secondaryMetrics");
            tables.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(p.path("pairing").asText(), new Row(
                    mean(s.path("transferSeconds")),
                    max(s.path("fromSenderMaxGapMs")), maxOfLast(s.path("fromSenderP99GapMs")), sum(s.path("fromSenderGaps")),
                    max(s.path("fromReceiverMaxGapMs")), maxOfLast(s.path("fromReceiverP99GapMs")),
                    sum(s.path("fromReceiverGaps")), sum(s.path("keepaliveSessionDrops")), count(s.path("transferSeconds"))));
        }
        StringBuilder out = new StringBuilder();
        tables.forEach((key, rows) -> table(out, key, rows));
        return out.toString();
    }

    private static void table(StringBuilder out, String key, Map<String, Row> rows) {
        List<String> present = Pairing.presentIn(rows.keySet());
        out.append("**").append(key).append("** on session 1 (sender-receiver); session 2: hold time ")
                .append(KeepaliveUnderLoad.KEEPALIVE_HOLD_TIME).append(" s, KEEPALIVE every 1 s\n\n| |");
        present.forEach(p -> out.append(" ").append(p).append(" |"));
        out.append("\n|---|");
        present.forEach(p -> out.append("---:|"));
        out.append('\n');
        line(out, "transfer: announce → End-of-RIB (s, mean)", present, rows, Row::transferSeconds, "%.3f");
        line(out, "KEEPALIVE gap from the loaded sender, max (ms)", present, rows, Row::senderMax, "%.0f");
        line(out, "KEEPALIVE gap from the loaded sender, p99 (ms)", present, rows, Row::senderP99, "%.0f");
        line(out, "KEEPALIVE gap from the loaded receiver, max (ms)", present, rows, Row::receiverMax, "%.0f");
        line(out, "KEEPALIVE gap from the loaded receiver, p99 (ms)", present, rows, Row::receiverP99, "%.0f");
        line(out, "gaps measured, from the sender", present, rows, Row::senderGaps, "%.0f");
        line(out, "gaps measured, from the receiver", present, rows, Row::receiverGaps, "%.0f");
        line(out, "session 2 dropped (hold timer expired), times", present, rows, Row::drops, "%.0f");
        line(out, "transfers measured", present, rows, Row::samples, "%.0f");
        out.append('\n');
        String base = ReactorColumns.BASELINE;
        Row s = rows.get(base + "-" + base);
        for (String r : ReactorColumns.ORDER.subList(1, ReactorColumns.ORDER.size())) {
            Row n = rows.get(r + "-" + r);
            if (s != null && n != null) {
                out.append(fmt("- %s/%s ratio of the largest gap (%s-%s / %s-%s): from the sender **%.2f**, from the"
                        + " receiver **%.2f**%n%n", r, base, r, r, base, base, n.senderMax() / s.senderMax(),
                        n.receiverMax() / s.receiverMax()));
            }
        }
    }

    private static void line(StringBuilder out, String label, List<String> present, Map<String, Row> rows,
                             ToDoubleFunction<Row> value, String format) {
        out.append("| ").append(label).append(" |");
        present.forEach(p -> out.append(" ").append(fmt(format, value.applyAsDouble(rows.get(p)))).append(" |"));
        out.append('\n');
    }

    private static double max(JsonNode metric) {
        double max = Double.NaN;
        for (JsonNode fork : metric.path("rawData")) {
            for (JsonNode v : fork) {
                max = Double.isNaN(max) ? v.asDouble() : Math.max(max, v.asDouble());
            }
        }
        return max;
    }

    private static double maxOfLast(JsonNode metric) {
        double max = Double.NaN;
        for (JsonNode fork : metric.path("rawData")) {
            if (!fork.isEmpty()) {
                double last = fork.get(fork.size() - 1).asDouble();
                max = Double.isNaN(max) ? last : Math.max(max, last);
            }
        }
        return max;
    }

    private static double sum(JsonNode metric) {
        double sum = 0;
        for (JsonNode fork : metric.path("rawData")) {
            for (JsonNode v : fork) {
                sum += v.asDouble();
            }
        }
        return sum;
    }
}
