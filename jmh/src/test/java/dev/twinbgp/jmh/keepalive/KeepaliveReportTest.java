package dev.twinbgp.jmh.keepalive;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The ratio lines under the keepalive table: one per reactor, each to the selector baseline. */
class KeepaliveReportTest {
    private static String keepalive(String pairing, double gap) {
        return """
                {"benchmark": "dev.twinbgp.jmh.keepalive.KeepaliveUnderLoadBenchmark.transfer",
                 "params": {"pairing": "%s", "shape": "diverse", "prefixes": "1000"},
                 "primaryMetric": {"score": 1.0, "scoreError": 0.1},
                 "secondaryMetrics": {"transferSeconds": {"rawData": [[1.0]]}, "fromSenderMaxGapMs": {"rawData": [[%s]]},
                   "fromSenderP99GapMs": {"rawData": [[1.0]]}, "fromSenderGaps": {"rawData": [[1.0]]},
                   "fromReceiverMaxGapMs": {"rawData": [[%s]]}, "fromReceiverP99GapMs": {"rawData": [[1.0]]},
                   "fromReceiverGaps": {"rawData": [[1.0]]}, "keepaliveSessionDrops": {"rawData": [[0.0]]}}}
                """.formatted(pairing, gap, gap);
    }

    @Test
    void keepaliveRatiosForEachReactor() throws Exception {
        JsonNode results = new ObjectMapper().readTree("[" + keepalive("selector-selector", 100) + ","
                + keepalive("netty-netty", 300) + "," + keepalive("virtual-virtual", 50) + "]");
        String md = KeepaliveReport.render(results);
        assertTrue(md.contains("- netty/selector ratio of the largest gap (netty-netty / selector-selector): from the"
                + " sender **3.00**, from the receiver **3.00**\n\n"), md);
        assertTrue(md.contains("- virtual/selector ratio of the largest gap (virtual-virtual / selector-selector): from"
                + " the sender **0.50**, from the receiver **0.50**\n\n"), md);
    }
}
