package dev.twinbgp.jmh.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** Pooling two runs of the same benchmarks: forks concatenated, score and error recomputed. */
class JmhJsonMergeTest {
    private static JsonNode twice() throws Exception {
        Path sample = Path.of(Objects.requireNonNull(JmhJsonMergeTest.class.getResource("/report/sample-results.json")).toURI());
        return JmhJson.read(List.of(sample, sample));
    }

    @Test
    void poolsTheForksOfTheSameBenchmarkAndParameters() throws Exception {
        JsonNode both = twice();
        ArrayNode merged = JmhJsonMerge.merge(both);
        assertEquals(both.size() / 2, merged.size(), "one result per benchmark and parameter set");
        for (int i = 0; i < merged.size(); i++) {
            JsonNode one = both.get(i);
            JsonNode m = merged.get(i);
            assertEquals(one.path("params"), m.path("params"));
            assertEquals(2 * JmhJson.count(one.path("primaryMetric")), JmhJson.count(m.path("primaryMetric")));
            assertEquals(JmhJson.mean(one.path("primaryMetric")), m.path("primaryMetric").path("score").asDouble(), 1e-12);
            one.path("secondaryMetrics").properties().forEach(e -> {
                JsonNode pooled = m.path("secondaryMetrics").path(e.getKey());
                assertEquals(2 * JmhJson.count(e.getValue()), JmhJson.count(pooled), e.getKey());
                assertEquals(JmhJson.mean(e.getValue()), JmhJson.mean(pooled), 1e-12, e.getKey());
            });
            assertEquals(2 * one.path("forks").asInt(), m.path("forks").asInt());
        }
    }

    @Test
    void theReportOfThePooledRunsShowsTheSameMeansOverTwiceTheTransfers() throws Exception {
        String one = dev.twinbgp.jmh.transfer.TransferReport.render(JmhJson.read(List.of(
                Path.of(Objects.requireNonNull(JmhJsonMergeTest.class.getResource("/report/sample-results.json")).toURI()))));
        String pooled = dev.twinbgp.jmh.transfer.TransferReport.render(JmhJsonMerge.merge(twice()));
        assertTrue(pooled.contains("| Established → End-of-RIB (s, mean) | 0.050 | 0.050 |"), pooled);
        String countLine = one.lines().filter(l -> l.startsWith("| transfers measured")).findFirst().orElseThrow();
        String pooledCount = pooled.lines().filter(l -> l.startsWith("| transfers measured")).findFirst().orElseThrow();
        assertTrue(!countLine.equals(pooledCount), one + "\n" + pooled);
    }
}
