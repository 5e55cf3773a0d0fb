package dev.twinbgp.jmh.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.twinbgp.jmh.report.BarChart;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The daemon benchmark's report: per receiver and table shape, the first transfer and the steady one
 * (median and range over the rounds), the ratio to BIRD 2's first transfer in the same round, peak RSS;
 * and a chart of the first-transfer medians. {@code main} redraws both from one or more result files
 * (their results pooled): {@code DaemonReport --markdown FILE --svg FILE RESULT.json...}.
 */
public final class DaemonReport {
    private DaemonReport() {
    }

    public static void main(String[] args) throws IOException {
        Path markdown = null;
        Path svg = null;
        ObjectNode pooled = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--markdown" -> markdown = Path.of(args[++i]);
                case "--svg" -> svg = Path.of(args[++i]);
                default -> {
                    ObjectNode one = (ObjectNode) new ObjectMapper().readTree(Files.readString(Path.of(args[i])));
                    if (pooled == null) {
                        pooled = one;
                    } else {
                        ((com.fasterxml.jackson.databind.node.ArrayNode) pooled.get("results")).addAll(
                                (com.fasterxml.jackson.databind.node.ArrayNode) one.get("results"));
                    }
                }
            }
        }
        if (pooled == null) {
            throw new IllegalArgumentException("usage: DaemonReport [--markdown FILE] [--svg FILE] RESULT.json...");
        }
        write(pooled, markdown, svg);
    }

    static void write(JsonNode report, Path markdown, Path svg) throws IOException {
        String table = markdown(report);
        System.out.println(table);
        if (markdown != null) {
            Files.writeString(markdown, table);
        }
        if (svg != null) {
            Files.writeString(svg, chart(report).toSvg());
        }
    }

    private record Key(String receiver, String shape) {
    }

    private static Map<Key, List<JsonNode>> byKey(JsonNode report) {
        Map<Key, List<JsonNode>> out = new LinkedHashMap<>();
        for (JsonNode r : report.get("results")) {
            out.computeIfAbsent(new Key(r.get("receiver").asText(), r.get("shape").asText()), k -> new ArrayList<>()).add(r);
        }
        return out;
    }

    /** BIRD's first-transfer time in the same round and shape, or NaN. */
    private static double bird(JsonNode report, JsonNode r) {
        for (JsonNode b : report.get("results")) {
            if (b.get("receiver").asText().equals("bird") && b.get("round").asInt() == r.get("round").asInt()
                    && b.get("shape").asText().equals(r.get("shape").asText()) && b.has("first")) {
                return b.get("first").asDouble();
            }
        }
        return Double.NaN;
    }

    static String markdown(JsonNode report) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%,d prefixes; %d rounds; machine: %s%n%n", report.get("prefixes").asInt(),
                report.get("rounds").asInt(), report.get("machine")));
        sb.append("| receiver | table | first transfer, s (median; range) | ÷ BIRD 2 same round (median; range) "
                + "| first, CPU s (median) | steady after reset, s (median; range) | steady, CPU s (median) "
                + "| peak RSS after the first transfer, MiB (range) | peak RSS after both, MiB (range) | n | notes |\n");
        sb.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        byKey(report).forEach((k, rs) -> {
            List<Double> first = new ArrayList<>();
            List<Double> steady = new ArrayList<>();
            List<Double> ratio = new ArrayList<>();
            List<Double> rss = new ArrayList<>();
            List<Double> firstRss = new ArrayList<>();
            List<Double> firstCpu = new ArrayList<>();
            List<Double> steadyCpu = new ArrayList<>();
            Set<String> notes = new LinkedHashSet<>();
            String name = k.receiver();
            for (JsonNode r : rs) {
                name = r.path("name").asText(name);
                if (r.has("error")) {
                    String why = r.get("error").asText().lines().findFirst().orElse("");
                    notes.add((r.has("first") ? "first transfer done, then failed: " : "failed: ")
                            + why.substring(0, Math.min(120, why.length())));
                }
                if (r.has("first")) {
                    first.add(r.get("first").asDouble());
                    double b = bird(report, r);
                    if (!Double.isNaN(b)) {
                        ratio.add(r.get("first").asDouble() / b);
                    }
                }
                if (r.has("steady")) {
                    steady.add(r.get("steady").asDouble());
                }
                if (r.has("peakRssMiB")) {
                    rss.add(r.get("peakRssMiB").asDouble());
                }
                if (r.has("firstPeakRssMiB")) { // VmHWM right after the first transfer (runs before 2026-12-06 16:20 lack it)
                    firstRss.add(r.get("firstPeakRssMiB").asDouble());
                }
                if (r.has("firstCpuSeconds")) { // the receiver's utime + stime over the transfer (/proc)
                    firstCpu.add(r.get("firstCpuSeconds").asDouble());
                }
                if (r.has("steadyCpuSeconds")) {
                    steadyCpu.add(r.get("steadyCpuSeconds").asDouble());
                }
                if (r.has("firstEventsMissing") || r.has("steadyEventsMissing")) {
                    notes.add("events missing");
                }
                if (r.has("problems")) {
                    notes.add("warnings logged");
                }
            }
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %d | %s |%n", name, k.shape(),
                    stat(first, 3), stat(ratio, 2), medianOf(firstCpu), stat(steady, 3), medianOf(steadyCpu), range(firstRss, 0),
                    range(rss, 0),
                    first.size(), String.join("; ", notes)));
        });
        return sb.toString();
    }

    private static String medianOf(List<Double> v) {
        return v.isEmpty() ? "-" : fmt(median(v), 2);
    }

    private static String stat(List<Double> v, int decimals) {
        if (v.isEmpty()) {
            return "-";
        }
        return fmt(median(v), decimals) + "; " + range(v, decimals);
    }

    private static String range(List<Double> v, int decimals) {
        if (v.isEmpty()) {
            return "-";
        }
        double min = v.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double max = v.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        return fmt(min, decimals) + (max == min ? "" : "-" + fmt(max, decimals));
    }

    private static String fmt(double v, int decimals) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", v);
    }

    static double median(List<Double> v) {
        double[] a = v.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }

    /** Groups: each shape's first and steady transfer; series: the receivers; values: medians in seconds (log scale). */
    static BarChart chart(JsonNode report) {
        Map<Key, List<JsonNode>> all = byKey(report);
        List<String> receivers = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> shapes = new ArrayList<>();
        for (Map.Entry<Key, List<JsonNode>> e : all.entrySet()) {
            if (!receivers.contains(e.getKey().receiver())) {
                receivers.add(e.getKey().receiver());
                names.add(e.getValue().get(0).path("name").asText(e.getKey().receiver()));
            }
            if (!shapes.contains(e.getKey().shape())) {
                shapes.add(e.getKey().shape());
            }
        }
        List<String> groups = new ArrayList<>();
        double[][] values = new double[shapes.size() * 2][receivers.size()];
        int g = 0;
        for (String shape : shapes) {
            for (String phase : List.of("first", "steady")) {
                groups.add(shape + ", " + phase);
                for (int s = 0; s < receivers.size(); s++) {
                    List<Double> v = new ArrayList<>();
                    for (JsonNode r : all.getOrDefault(new Key(receivers.get(s), shape), List.of())) {
                        if (r.has(phase)) {
                            v.add(r.get(phase).asDouble());
                        }
                    }
                    values[g][s] = v.isEmpty() ? Double.NaN : median(v);
                }
                g++;
            }
        }
        return new BarChart(String.format(Locale.ROOT, "Daemon benchmark: %,d IPv4 prefixes from a raw sender process, "
                + "first UPDATE written to all held (median, log scale)", report.get("prefixes").asInt()), "s", groups, names,
                values, true);
    }
}
