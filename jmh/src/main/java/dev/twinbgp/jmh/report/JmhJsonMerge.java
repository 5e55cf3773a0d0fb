package dev.twinbgp.jmh.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.util.ListStatistics;

/**
 * Pools several runs of the same benchmarks (JMH JSON files) into one file, as if their forks had
 * been one run: for each benchmark and parameter set, the forks' raw values of every metric are
 * concatenated, and the score and its 99.9 % error are recomputed from them with JMH's own
 * statistics. Runs taken at different times of a shared machine drift apart more than one run's
 * forks do; pooling them is how the report states a figure that does not depend on which window a
 * pairing happened to run in. Results present in only one file are kept as they are.
 *
 * <p>Usage: {@code java -cp jmh/target/benchmarks.jar dev.twinbgp.jmh.report.JmhJsonMerge OUT IN1 IN2...}
 */
public final class JmhJsonMerge {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JmhJsonMerge() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: JmhJsonMerge OUT.json IN1.json IN2.json...");
            System.exit(2);
        }
        List<Path> in = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            in.add(Path.of(args[i]));
        }
        JSON.writerWithDefaultPrettyPrinter().writeValue(Path.of(args[0]).toFile(), merge(JmhJson.read(in)));
    }

    /** The runs of {@code results} with those of the same benchmark and parameters pooled, in first-seen order. */
    public static ArrayNode merge(JsonNode results) {
        Map<String, ObjectNode> pooled = new LinkedHashMap<>();
        for (JsonNode r : results) {
            String key = r.path("benchmark").asText() + " " + r.path("params");
            ObjectNode seen = pooled.get(key);
            if (seen == null) {
                pooled.put(key, r.deepCopy());
            } else {
                pool((ObjectNode) seen.get("primaryMetric"), r.path("primaryMetric"));
                ObjectNode secondary = (ObjectNode) seen.get("secondaryMetrics");
                r.path("secondaryMetrics").properties().forEach(e -> {
                    if (secondary.has(e.getKey())) {
                        pool((ObjectNode) secondary.get(e.getKey()), e.getValue());
                    } else {
                        secondary.set(e.getKey(), e.getValue().deepCopy());
                    }
                });
                seen.put("forks", seen.path("forks").asInt() + r.path("forks").asInt());
            }
        }
        ArrayNode out = JSON.createArrayNode();
        pooled.values().forEach(out::add);
        return out;
    }

    /** Appends {@code more}'s forks to {@code metric} and recomputes its score, error and interval. */
    private static void pool(ObjectNode metric, JsonNode more) {
        ArrayNode raw = (ArrayNode) metric.get("rawData");
        more.path("rawData").forEach(fork -> raw.add(fork.deepCopy()));
        ListStatistics stats = new ListStatistics();
        raw.forEach(fork -> fork.forEach(v -> stats.addValue(v.asDouble())));
        metric.remove("rawDataHistogram");
        metric.put("score", stats.getMean());
        double error = stats.getN() > 2 ? stats.getMeanErrorAt(0.999) : Double.NaN;
        metric.put("scoreError", error);
        metric.putArray("scoreConfidence").add(stats.getMean() - error).add(stats.getMean() + error);
    }
}
