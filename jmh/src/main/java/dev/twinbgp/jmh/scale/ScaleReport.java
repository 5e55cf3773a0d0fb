package dev.twinbgp.jmh.scale;

import static dev.twinbgp.jmh.report.JmhJson.count;
import static dev.twinbgp.jmh.transfer.TransferReport.fmt;
import static dev.twinbgp.jmh.report.JmhJson.mean;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.twinbgp.jmh.report.ReactorColumns;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Renders the session-scale results of a JMH JSON file as the Markdown table of
 * {@code docs/benchmarks.md}: one per session count, selector, netty and virtual side by side with
 * their ratios to selector. Like {@code TransferReport}, it averages the raw per-iteration {@code @AuxCounters} (one
 * run per iteration) instead of JMH's sums.
 *
 * <p>Usage: {@code java -cp jmh/target/benchmarks.jar dev.twinbgp.jmh.scale.ScaleReport FILE}
 */
public final class ScaleReport {
    private static final String BENCHMARK = SessionScaleBenchmark.class.getName() + ".establish";

    private ScaleReport() {
    }

    /** One reactor's averages. */
    record Row(double score, double scoreError, double sessionsPerSecond, double heapKiB, double loopCpu,
               double processCpu, int samples) {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ScaleReport JMH-RESULT.json");
            System.exit(2);
        }
        System.out.print(render(new ObjectMapper().readTree(Path.of(args[0]).toFile())));
    }

    static String render(JsonNode results) {
        Map<String, Map<String, Row>> tables = new LinkedHashMap<>(); // "1,000 sessions, idle 10 s" -> reactor -> row
        for (JsonNode r : results) {
            if (!BENCHMARK.equals(r.path("benchmark").asText())) {
                continue;
            }
            JsonNode p = r.path("params");
            String key = fmt("%,d sessions, idle window %d s", p.path("sessions").asInt(), p.path("idleSeconds").asInt());
            JsonNode s = r.path("secondaryMetrics");
            tables.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(p.path("reactor").asText(), new Row(
                    r.path("primaryMetric").path("score").asDouble(), r.path("primaryMetric").path("scoreError").asDouble(),
                    mean(s.path("sessionsPerSecond")), mean(s.path("heapKiBPerSession")),
                    mean(s.path("idleLoopCpuPercent")), mean(s.path("idleProcessCpuPercent")),
                    count(s.path("sessionsPerSecond"))));
        }
        StringBuilder out = new StringBuilder();
        tables.forEach((key, rows) -> table(out, key, rows));
        return out.toString();
    }

    /** Reactors in column order; a reactor without results gets dashes. */
    private static final List<String> REACTORS = ReactorColumns.ORDER;

    private static void table(StringBuilder out, String key, Map<String, Row> rows) {
        out.append("**").append(key).append("**\n\n|");
        StringBuilder rule = new StringBuilder("|---|");
        for (String r : REACTORS) {
            out.append(" | ").append(r);
            rule.append("---:|");
        }
        for (String r : REACTORS.subList(1, REACTORS.size())) {
            out.append(" | ").append(r).append('/').append(REACTORS.get(0));
            rule.append("---:|");
        }
        out.append(" |\n").append(rule).append('\n');
        line(out, "establishment rate, first connect → all Established (sessions/s, mean)", rows,
                Row::sessionsPerSecond, "%.0f");
        line(out, "JMH score: clients go → all Established (s/op)", rows, Row::score, "%.3f");
        line(out, "heap per established idle session (KiB, mean)", rows, Row::heapKiB, "%.1f");
        line(out, "idle CPU, the speaker's loop thread (virtual: its carrier and poller threads) (% of one core, mean)",
                rows, Row::loopCpu, "%.2f");
        line(out, "idle CPU, the speaker's whole JVM (% of one core, mean)", rows, Row::processCpu, "%.2f");
        line(out, "runs measured", rows, Row::samples, "%.0f");
        out.append('\n');
    }

    private static void line(StringBuilder out, String label, Map<String, Row> rows, ToDoubleFunction<Row> value,
                             String format) {
        double[] v = new double[REACTORS.size()];
        out.append("| ").append(label).append(" |");
        for (int i = 0; i < v.length; i++) {
            Row r = rows.get(REACTORS.get(i));
            v[i] = r == null ? Double.NaN : value.applyAsDouble(r);
            out.append(' ').append(cell(format, v[i])).append(" |");
        }
        boolean count = label.startsWith("runs");
        for (int i = 1; i < v.length; i++) {
            out.append(' ').append(count ? "" : cell("%.2f", v[i] / v[0])).append(" |");
        }
        out.append('\n');
    }

    private static String cell(String format, double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "-" : fmt(format, v);
    }
}
