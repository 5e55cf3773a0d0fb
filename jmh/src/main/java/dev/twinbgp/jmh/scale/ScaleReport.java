package dev.twinbgp.jmh.scale;

import static dev.twinbgp.jmh.report.JmhJson.count;
import static dev.twinbgp.jmh.transfer.TransferReport.fmt;
import static dev.twinbgp.jmh.report.JmhJson.mean;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Renders the session-scale results of a JMH JSON file as the Markdown table of
 * {@code docs/benchmarks.md}: one per session count, selector and netty side by side with their
 * ratio. Like {@code TransferReport}, it averages the raw per-iteration {@code @AuxCounters} (one
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
        tables.forEach((key, rows) -> table(out, key, rows.get("selector"), rows.get("netty")));
        return out.toString();
    }

    private static void table(StringBuilder out, String key, Row selector, Row netty) {
        out.append("**").append(key).append("**\n\n| | selector | netty | netty/selector |\n|---|---:|---:|---:|\n");
        line(out, "establishment rate, first connect → all Established (sessions/s, mean)", selector, netty,
                Row::sessionsPerSecond, "%.0f");
        line(out, "JMH score: clients go → all Established (s/op)", selector, netty, Row::score, "%.3f");
        line(out, "heap per established idle session (KiB, mean)", selector, netty, Row::heapKiB, "%.1f");
        line(out, "idle CPU, the speaker's loop thread (% of one core, mean)", selector, netty, Row::loopCpu, "%.2f");
        line(out, "idle CPU, the speaker's whole JVM (% of one core, mean)", selector, netty, Row::processCpu, "%.2f");
        line(out, "runs measured", selector, netty, Row::samples, "%.0f");
        out.append('\n');
    }

    private static void line(StringBuilder out, String label, Row selector, Row netty, ToDoubleFunction<Row> value,
                             String format) {
        double s = selector == null ? Double.NaN : value.applyAsDouble(selector);
        double n = netty == null ? Double.NaN : value.applyAsDouble(netty);
        out.append("| ").append(label).append(" | ").append(cell(format, s)).append(" | ").append(cell(format, n))
                .append(" | ").append(label.startsWith("runs") ? "" : cell("%.2f", n / s)).append(" |\n");
    }

    private static String cell(String format, double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "-" : fmt(format, v);
    }
}
