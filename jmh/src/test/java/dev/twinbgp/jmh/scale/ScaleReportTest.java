package dev.twinbgp.jmh.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The session-scale table of docs/benchmarks.md, from the three-reactor results kept in docs/benchmarks. */
class ScaleReportTest {
    @Test
    void aColumnPerReactorAndARatioOfEachToTheSelector() throws IOException {
        String md = ScaleReport.render(new ObjectMapper().readTree(
                Path.of("..", "docs", "benchmarks", "scale-1k-three-reactors.json").toFile()));
        assertTrue(md.contains("| | selector | netty | virtual | netty/selector | virtual/selector |\n"
                + "|---|---:|---:|---:|---:|---:|\n"), md);
        md.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| |"))
                .forEach(l -> assertEquals(7, l.chars().filter(c -> c == '|').count(), l));
    }
}
