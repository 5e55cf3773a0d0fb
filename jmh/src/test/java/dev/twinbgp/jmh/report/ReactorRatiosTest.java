package dev.twinbgp.jmh.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.twinbgp.jmh.transfer.TransferReport;
import org.junit.jupiter.api.Test;

/** The ratio lines under the transfer table: one set per reactor, each to the selector baseline. */
class ReactorRatiosTest {
    private static String transfer(String pairing, double perSecond) {
        return """
                {"benchmark": "dev.twinbgp.jmh.transfer.FullTableTransferBenchmark.transfer",
                 "params": {"pairing": "%s", "shape": "packed", "prefixes": "1000"},
                 "primaryMetric": {"score": 1.0, "scoreError": 0.1},
                 "secondaryMetrics": {"eorSeconds": {"rawData": [[1.0]]}, "prefixesPerSecond": {"rawData": [[%s]]},
                   "bytesPerSecond": {"rawData": [[1.0]]}, "receiverHeapMB": {"rawData": [[1.0]]}}}
                """.formatted(pairing, perSecond);
    }

    @Test
    void transferRatiosForEachReactor() throws Exception {
        JsonNode results = new ObjectMapper().readTree("[" + transfer("selector-selector", 100) + ","
                + transfer("netty-netty", 200) + "," + transfer("netty-selector", 150) + ","
                + transfer("selector-virtual", 50) + "]");
        String md = TransferReport.render(results);
        assertTrue(md.contains("- netty/selector prefixes/s ratio, both sides netty vs both selector (netty-netty / "
                + "selector-selector): **2.00**\n"), md);
        assertTrue(md.contains("- netty/selector prefixes/s ratio, netty sender vs selector sender (selector receiver) "
                + "(netty-selector / selector-selector): **1.50**\n"), md);
        assertTrue(md.contains("- virtual/selector prefixes/s ratio, virtual receiver vs selector receiver (selector "
                + "sender) (selector-virtual / selector-selector): **0.50**\n"), md);
    }
}
