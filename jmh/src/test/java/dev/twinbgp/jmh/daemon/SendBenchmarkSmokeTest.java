package dev.twinbgp.jmh.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.twinbgp.speaker.interop.ExternalDaemon;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * CI smoke test of the send benchmark (issue 18) at 300 routes: a fresh {@code twinbgp run} gets its table from
 * an API process ({@code api}), from its configuration ({@code config}) and as FlowSpec rules from an API process
 * ({@code flow}), and BIRD 2 ends up holding all of them each time. Never how fast. Needs
 * {@code -Dtwinbgp.interop=true} (as {@code .ci/run} sets) and BIRD 2; otherwise skipped, saying why.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class SendBenchmarkSmokeTest {
    @TempDir
    Path dir;

    @Test
    void birdHoldsEveryRouteOfEveryMode() throws Exception {
        assumeTrue(Boolean.getBoolean("twinbgp.interop"),
                "the send benchmark needs BIRD 2: run with TWINBGP_INTEROP=true (as .ci/run does)");
        assumeTrue(ExternalDaemon.installed("bird") && ExternalDaemon.installed("birdc"),
                "bird is not installed (apt-get install bird2)");
        Path root = Path.of("..").toAbsolutePath().normalize(); // surefire runs in jmh/
        Path json = dir.resolve("send.json");
        SendBenchmark.main(new String[] {"--root", root.toString(), "--prefixes", "300", "--rounds", "1",
                "--modes", "api,config,flow", "--reactors", "selector", "--work", dir.resolve("work").toString(),
                "--json", json.toString()});
        JsonNode results = new ObjectMapper().readTree(json.toFile()).get("results");
        assertEquals(3, results.size(), results::toString);
        for (JsonNode r : results) {
            assertFalse(r.has("error"), r::toString); // the benchmark records a transfer that did not complete
            assertTrue(r.get("fromLaunch").asDouble() > 0 && r.get("twinbgpPeakRssMiB").asDouble() > 0, r::toString);
        }
    }
}
