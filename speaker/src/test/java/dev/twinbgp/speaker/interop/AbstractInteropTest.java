package dev.twinbgp.speaker.interop;

import dev.twinbgp.speaker.session.EveryReactor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Base of the tests against a real daemon: each test class runs once per reactor ({@link EveryReactor#names()}, the
 * one list of reactors for tests: a new reactor is tested against every daemon without a new class) and gives two
 * loopback addresses, ours and the daemon's, to the constructor; a test asks for a {@link Peering} with the daemon ({@link #gobgp},
 * {@link #frr}, {@link #bird}: skipped, saying why, when interop tests are off or the daemon is not installed),
 * which is stopped after the test.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.twinbgp.speaker.session.EveryReactor#names")
@Timeout(value = 240, unit = TimeUnit.SECONDS)
abstract class AbstractInteropTest {
    /** The reactor under test (this run of the class). */
    @Parameter
    String reactor;

    private final String ours;
    private final String theirs;

    /** {@code ours}: our loopback address, {@code theirs}: the daemon's (distinct per class). */
    AbstractInteropTest(String ours, String theirs) {
        this.ours = ours;
        this.theirs = theirs;
    }

    final String ours() {
        return ours;
    }

    final String theirs() {
        return theirs;
    }

    final String reactor() {
        return reactor;
    }

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
