package dev.twinbgp.jmh.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.twinbgp.jmh.anchor.AnchorReport;
import dev.twinbgp.jmh.transfer.TransferReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns JMH JSON results into the Markdown of {@code docs/benchmarks.md} (the full-table transfer's
 * pairings with their netty/selector ratios, then the anchors with twinbgp's ratio to BIRD and
 * GoBGP) and, with {@code --svg FILE}, the transfer chart as SVG plus the Markdown line that
 * embeds it (as {@code benchmarks/FILE-NAME}, the path from {@code docs/benchmarks.md}).
 *
 * <p>Usage: {@code java -cp jmh/target/benchmarks.jar dev.twinbgp.jmh.report.BenchmarkReport
 * [--svg docs/benchmarks/transfer.svg] RESULT.json...}
 */
public final class BenchmarkReport {
    private BenchmarkReport() {
    }

    public static void main(String[] args) throws IOException {
        Path svg = null;
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--svg") && i + 1 < args.length) {
                svg = Path.of(args[++i]);
            } else {
                files.add(Path.of(args[i]));
            }
        }
        if (files.isEmpty()) {
            System.err.println("usage: BenchmarkReport [--svg CHART.svg] JMH-RESULT.json...");
            System.exit(2);
        }
        System.out.print(render(JmhJson.read(files), svg));
    }

    /** The Markdown; writes the chart to {@code svg} when it is not null and there is something to draw. */
    static String render(JsonNode results, Path svg) throws IOException {
        StringBuilder out = new StringBuilder(TransferReport.render(results));
        out.append(AnchorReport.render(results));
        BarChart chart = TransferChart.of(results);
        if (svg != null && chart != null) {
            Path parent = svg.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.writeString(svg, chart.toSvg(), StandardCharsets.UTF_8);
            out.append("![Receive time per 1M prefixes, twinbgp pairings and the BIRD 2 / GoBGP anchors](benchmarks/")
                    .append(svg.getFileName()).append(")\n");
        }
        return out.toString();
    }
}
