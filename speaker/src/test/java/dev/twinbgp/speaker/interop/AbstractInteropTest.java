package dev.twinbgp.speaker.interop;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the tests against a real daemon: a subclass per reactor names the reactor and two loopback addresses,
 * ours and the daemon's; a test asks for a {@link Peering} with the daemon ({@link #gobgp}, {@link #frr},
 * {@link #bird}: skipped, saying why, when interop tests are off or the daemon is not installed), which is stopped
 * after the test.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
abstract class AbstractInteropTest {
    /** Our loopback address (distinct per subclass). */
    abstract String ours();

    /** The daemon's loopback address (distinct per subclass). */
    abstract String theirs();

    abstract String reactor();

    @TempDir
    java.nio.file.Path dir;

    private final List<Peering<?>> started = new ArrayList<>();

    GoBgpPeering gobgp(long ourAs, long theirAs) {
        Interop.assumeDaemon("gobgpd", "gobgp");
        return register(new GoBgpPeering(dir.resolve("gobgp"), reactor(), ours(), theirs(), ourAs, theirAs));
    }

    FrrPeering frr(long ourAs, long theirAs) {
        Interop.assumeDaemon();
        Assumptions.assumeTrue(Frr.installed(), "FRR is not installed (apt-get install frr)");
        return register(new FrrPeering(dir.resolve("frr"), reactor(), ours(), theirs(), ourAs, theirAs));
    }

    BirdPeering bird(long ourAs, long theirAs) {
        Interop.assumeDaemon("bird", "birdc");
        return register(new BirdPeering(dir.resolve("bird"), reactor(), ours(), theirs(), ourAs, theirAs));
    }

    private <P extends Peering<?>> P register(P peering) {
        started.add(peering);
        return peering;
    }

    @AfterEach
    final void stopPeerings() {
        started.forEach(Peering::close);
    }
}
