package dev.twinbgp.jmh.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The report renderer and the chart on a small hand-made JMH JSON (two pairings, two anchors). */
class BenchmarkReportTest {
    @TempDir
    Path dir;

    private static JsonNode sample() throws Exception {
        return JmhJson.read(List.of(resource("/report/sample-results.json")));
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(Objects.requireNonNull(BenchmarkReportTest.class.getResource(name), name).toURI());
    }

    @Test
    void rendersPairingsAnchorsRatiosAndEmbedsTheChart() throws Exception {
        Path svg = dir.resolve("charts/transfer-quick.svg");
        String md = BenchmarkReport.render(sample(), svg);

        assertTrue(md.contains("| | selector-selector | netty-netty |"), md);
        assertTrue(md.contains("| Established → End-of-RIB (s, mean) | 0.050 | 0.050 |"), md);
        assertTrue(md.contains("| | BIRD 2 ← selector | GoBGP ← netty |"), md);
        assertTrue(md.contains("| Established → all N held (s, mean) | 0.025 | 1.000 |"), md);
        assertTrue(md.contains("| poll: query latency / period (ms, mean) | 0.5 / 5.5 | 13.0 / 113.0 |"), md);
        // twinbgp 0.050 s over BIRD's 0.025 s (both selector senders); netty-netty over GoBGP's 1.0 s.
        assertTrue(md.contains("| selector-selector | 0.050 | **2.00** | – |"), md);
        assertTrue(md.contains("| netty-netty | 0.050 | – | **0.050** |"), md);
        assertTrue(md.contains("](benchmarks/transfer-quick.svg)"), md);
        assertTrue(Files.exists(svg));
    }

    @Test
    void theChartIsWellFormedSvgWithOneBarPerValueScaledToOneMillion() throws Exception {
        BarChart chart = TransferChart.of(sample());
        assertEquals(List.of("packed, N = 100,000"), chart.groups());
        assertEquals(List.of("selector-selector", "netty-netty", "BIRD 2 ← selector", "GoBGP ← netty"), chart.series());

        Document svg = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(chart.toSvg().getBytes(StandardCharsets.UTF_8)));
        assertEquals("svg", svg.getDocumentElement().getTagName());
        NodeList titles = svg.getElementsByTagName("title");
        assertEquals(4, titles.getLength(), "one bar (with a tooltip) per value");
        // 0.025 s for 100,000 prefixes: 0.25 s per million.
        assertEquals("packed, N = 100,000, BIRD 2 ← selector: 0.25 seconds per 1M prefixes", titles.item(2).getTextContent());
        // Taller bar for the larger value (log scale is still monotonic).
        double bird = height(titles.item(2).getParentNode());
        double gobgp = height(titles.item(3).getParentNode());
        assertTrue(gobgp > bird, () -> gobgp + " > " + bird);
    }

    @Test
    void aLinearChartOfAnyBenchmarkSkipsMissingValues() {
        BarChart chart = new BarChart("sessions", "ms", List.of("a", "b"), List.of("selector", "netty"),
                new double[][] {{1, 2}, {3, Double.NaN}}, false);
        String svg = chart.toSvg();
        assertEquals(3, svg.split("<title>", -1).length - 1, svg);
        assertTrue(svg.contains(">3.00<"), svg);
    }

    @Test
    void valuesMustMatchGroupsAndSeries() {
        assertThrows(IllegalArgumentException.class, () -> new BarChart("t", "s", List.of("a"), List.of("x", "y"),
                new double[][] {{1}}, false));
    }

    @Test
    void nothingToReportRendersNothing() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.json"), "[]");
        assertEquals("", BenchmarkReport.render(JmhJson.read(List.of(empty)), dir.resolve("none.svg")));
        assertTrue(!Files.exists(dir.resolve("none.svg")));
    }

    private static double height(org.w3c.dom.Node rect) {
        return Double.parseDouble(((Element) rect).getAttribute("height"));
    }
}
