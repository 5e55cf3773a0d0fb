package dev.twinbgp.jmh.daemon;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.twinbgp.jmh.transfer.TableShape;
import dev.twinbgp.speaker.interop.ExternalDaemon;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * CI smoke test of the daemon benchmark (issue 18) at 2,000 diverse prefixes: for each receiver - a fresh
 * {@code twinbgp run} through the launcher (plain, and with {@code --events}), BIRD 2, FRR, OpenBGPD, GoBGP -
 * the raw sender's two transfers (first, and after a session reset) complete with every prefix held, and a
 * peak RSS is read. Never how fast. Needs {@code -Dtwinbgp.interop=true} (as {@code .ci/run} sets) and the
 * daemon installed; otherwise skipped, saying why.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class DaemonBenchmarkSmokeTest {
    private static final int PREFIXES = 2_000;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"twinbgp-selector", "twinbgp-netty-events", "bird", "frr", "openbgpd", "gobgp"})
    void everyReceiverGetsTheWholeTableTwice(String receiver) throws Exception {
        assumeTrue(Boolean.getBoolean("twinbgp.interop"),
                "the daemon benchmark needs real daemons: run with TWINBGP_INTEROP=true (as .ci/run does)");
        List<String> binaries = switch (receiver) {
            case "bird" -> List.of("bird", "birdc");
            case "gobgp" -> List.of("gobgpd", "gobgp");
            case "frr" -> List.of(FrrDaemon.BGPD, "vtysh");
            case "openbgpd" -> List.of(OpenBgpdDaemon.BGPD, "bgpctl");
            default -> List.of();
        };
        for (String b : binaries) {
            assumeTrue(b.startsWith("/") ? java.nio.file.Files.isExecutable(Path.of(b)) : ExternalDaemon.installed(b),
                    b + " is not installed (apt-get install bird2 gobgpd frr openbgpd)");
        }
        if (receiver.equals("openbgpd")) {
            assumeTrue("root".equals(System.getProperty("user.name")), "OpenBGPD's bgpd needs root (privilege separation)");
        }
        Path root = Path.of("..").toAbsolutePath().normalize(); // surefire runs in jmh/
        TableFile table = TableFile.write(dir.resolve("tables"), TableShape.DIVERSE, PREFIXES);
        ObjectNode r = new ObjectMapper().createObjectNode();
        DaemonBenchmark.measure(root, receiver, table, dir.resolve(receiver), r);
        assertFalse(r.has("error"), () -> r.toString());
        assertTrue(r.get("first").asDouble() > 0 && r.get("steady").asDouble() > 0, r::toString);
        assertTrue(r.get("peakRssMiB").asDouble() > 0, r::toString);
        assertFalse(r.has("firstEventsMissing") || r.has("steadyEventsMissing"), r::toString);
        // CPU per thread name of each transfer (empty when every thread stayed under the kernel's 10 ms tick)
        assertTrue(r.get("firstThreadCpuSeconds").isObject() && r.get("steadyThreadCpuSeconds").isObject(), r::toString);
        if (receiver.endsWith("-events")) {
            // the lines are counted (the report keeps the count), and the file is gone with the receiver
            assertTrue(r.path("firstEventLines").asLong() > 0 && r.path("steadyEventLines").asLong() > 0, r::toString);
            assertFalse(java.nio.file.Files.exists(dir.resolve(receiver).resolve("events.json")), "events file deleted");
        }
    }
}
