package dev.twinbgp.jmh.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The session-scale table of docs/benchmarks.md: a column per reactor, selector first, and each one's ratio to it. */
class ScaleReportTest {
    private static String result(String reactor, double perSecond) {
        return """
                {"benchmark": "dev.twinbgp.jmh.scale.SessionScaleBenchmark.establish",
                 "params": {"reactor": "%s", "sessions": "1000", "idleSeconds": "10"},
                 "primaryMetric": {"score": 1.5, "scoreError": 0.1},
                 "secondaryMetrics": {"sessionsPerSecond": {"rawData": [[%s]]}, "heapKiBPerSession": {"rawData": [[4.0]]},
                   "idleLoopCpuPercent": {"rawData": [[0.1]]}, "idleProcessCpuPercent": {"rawData": [[0.2]]}}}
                """.formatted(reactor, perSecond);
    }

    @Test
    void aColumnPerReactorAndARatioOfEachToTheSelector() throws IOException {
        JsonNode results = new ObjectMapper().readTree("[" + result("netty", 2000) + "," + result("selector", 1000) + ","
                + result("virtual", 500) + "]");
        String md = ScaleReport.render(results);
        assertTrue(md.contains("| | selector | netty | virtual | netty/selector | virtual/selector |\n"
                + "|---|---:|---:|---:|---:|---:|\n"), md);
        assertTrue(md.contains("| establishment rate, first connect → all Established (sessions/s, mean) | 1000 | 2000 | 500"
                + " | 2.00 | 0.50 |"), md);
        md.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| |"))
                .forEach(l -> assertEquals(7, l.chars().filter(c -> c == '|').count(), l));
    }
}
