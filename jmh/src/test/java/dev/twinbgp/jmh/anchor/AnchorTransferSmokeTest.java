package dev.twinbgp.jmh.anchor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.twinbgp.bgp.rib.Route;
import dev.twinbgp.jmh.transfer.TableShape;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * CI smoke test of the anchors (issue 7, benchmark 5): 20,000 diverse prefixes from each sender
 * reactor into BIRD 2 and GoBGP on loopback, run directly (not through the JMH runner). It checks
 * that the transfer completes and the daemon's table holds the whole table, never how fast.
 *
 * <p>Runs only with {@code -Dtwinbgp.interop=true} (set by {@code .ci/run} through
 * {@code TWINBGP_INTEROP=true}, as for speaker's interop tests) and the daemons installed;
 * otherwise it reports itself skipped, saying why.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class AnchorTransferSmokeTest {
    private static final int PREFIXES = 20_000;

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"bird, selector", "bird, netty", "gobgp, selector", "gobgp, netty"})
    void theAnchorReceivesTheWholeTable(String receiver, String sender) throws Exception {
        Anchor anchor = Anchor.of(receiver);
        assumeTrue(Boolean.getBoolean("twinbgp.interop"),
                "the anchors need real daemons: run with TWINBGP_INTEROP=true (as .ci/run does)");
        assumeTrue(anchor.installed(), anchor.displayName() + " is not installed (apt-get install bird2 gobgpd)");
        // Diverse: LOCAL_PREF on eBGP, long AS_PATHs and communities must all get through.
        List<Route> table = AnchorTransfer.table(TableShape.DIVERSE, PREFIXES);
        try (AnchorTransfer transfer = AnchorTransfer.prepare(anchor, sender, table, dir.resolve(receiver))) {
            AnchorResult result = transfer.run(Duration.ofSeconds(240));
            transfer.verify();
            assertEquals(PREFIXES, result.prefixes(), "run() checks this itself; here for the record");
            assertTrue(result.establishedToAllNanos() > 0, "all routes after Established");
            assertTrue(result.polls() > 0 && result.meanPollNanos() > 0, "the count was polled");
            assertTrue(result.updateBytes() > PREFIXES * 4L, () -> "UPDATE octets: " + result.updateBytes());
        }
    }

    @Test
    void aMissingDaemonFailsLoudlyNamingThePackage() {
        // The check every anchor runs, with a binary no machine has (this machine may have both daemons).
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> Anchor.requireOnPath("Some daemon", "some-package", List.of("twinbgp-no-such-daemon")));
        assertTrue(e.getMessage().contains("apt-get install some-package"), e::getMessage);
        Anchor.BIRD.installed(); // and the real lookup does not throw
    }
}
