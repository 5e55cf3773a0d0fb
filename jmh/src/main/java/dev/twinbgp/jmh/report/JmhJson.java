package dev.twinbgp.jmh.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Reading JMH's JSON results ({@code -rf json}): one array of benchmark runs per file. */
public final class JmhJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JmhJson() {
    }

    /** The runs of every file, in order, as one array. */
    public static JsonNode read(List<Path> files) throws IOException {
        ArrayNode all = JSON.createArrayNode();
        for (Path f : files) {
            JSON.readTree(f.toFile()).forEach(all::add);
        }
        return all;
    }

    /**
     * The mean of a metric's raw per-iteration values over all forks. JMH's own summary of an
     * {@code @AuxCounters} metric is their sum; with one transfer per iteration the mean is the
     * per-transfer figure. NaN when there are none.
     */
    public static double mean(JsonNode metric) {
        double sum = 0;
        int n = 0;
        for (JsonNode fork : metric.path("rawData")) {
            for (JsonNode v : fork) {
                sum += v.asDouble();
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** How many raw values (iterations over all forks) a metric has. */
    public static int count(JsonNode metric) {
        int n = 0;
        for (JsonNode fork : metric.path("rawData")) {
            n += fork.size();
        }
        return n;
    }
}
