package dev.twinbgp.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.twinbgp.speaker.interop.ExternalDaemon;
import dev.twinbgp.speaker.interop.Frr;
import dev.twinbgp.speaker.session.EveryReactor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Graceful restart (RFC 4724) as the restarting speaker, and switching reactors on a live network
 * (issues 15 and 17), against BIRD 2, FRR and GoBGP at once: the real {@code twinbgp run} process
 * is stopped with SIGPWR (the stop before a restart) and started again while the daemons' own
 * route counts are sampled; not one
 * route may go missing at any daemon at any moment, and each daemon must get our End-of-RIB after
 * every restart (see {@link LiveRestart}). The times are printed, never asserted.
 */
@Timeout(value = 900, unit = TimeUnit.SECONDS)
class GracefulRestartJarIT {
    @TempDir
    Path dir;

    @BeforeEach
    void needsDaemons() {
        assumeTrue(Boolean.getBoolean("twinbgp.interop"), "interop tests need real daemons: run with"
                + " TWINBGP_INTEROP=true (as .ci/run does) after 'apt-get install bird2 gobgpd frr'");
        for (String binary : List.of("bird", "birdc", "gobgpd", "gobgp")) {
            assumeTrue(ExternalDaemon.installed(binary), "'" + binary + "' is not installed (apt-get install bird2 gobgpd frr)");
        }
        assumeTrue(Frr.installed(), Frr.BGPD + " is not installed (apt-get install frr)");
    }

    /**
     * Issue 15: the peers keep our routes while {@code twinbgp run} restarts, twice, on the default
     * reactor; then SIGTERM, the stop for good, makes every one of them drop the routes at once.
     */
    @Test
    void thePeersKeepOurRoutesWhileTheSpeakerRestarts() throws Exception {
        try (LiveRestart net = new LiveRestart(dir, 71, 1_000)) {
            net.startDaemons();
            net.startSpeaker("netty");
            net.restart("netty");
            net.restart("netty");
            net.verify();
            net.stopForGood();
            print("graceful restart, 1,000 routes", net.report());
        }
    }

    /**
     * Issue 17: a table of 100,000 routes, the speaker restarted from the selector reactor to each other
     * reactor in name order (netty, virtual threads) and back to the selector.
     */
    @Test
    void switchingReactorsOnALiveNetworkWithdrawsNothing() throws Exception {
        List<String> order = new ArrayList<>(List.of("selector"));
        EveryReactor.names().stream().filter(r -> !r.equals("selector")).forEach(order::add);
        order.add("selector");
        try (LiveRestart net = new LiveRestart(dir, 81, 100_000)) {
            net.startDaemons();
            net.startSpeaker(order.get(0));
            double total = 0;
            for (String next : order.subList(1, order.size())) {
                total += net.restart(next);
            }
            net.verify();
            List<String> report = new ArrayList<>(net.report());
            report.add(String.format(java.util.Locale.ROOT, "whole switch %s: %.2f s", String.join(" > ", order), total));
            print("reactor switch, 100,000 routes", report);
        }
    }

    private static void print(String title, List<String> lines) {
        System.out.println("GracefulRestartJarIT: " + title);
        lines.forEach(l -> System.out.println("  " + l));
    }
}
