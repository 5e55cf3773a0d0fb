package dev.twinbgp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.bgp.fsm.SessionConfig;
import dev.twinbgp.bgp.wire.Keepalive;
import dev.twinbgp.bgp.wire.Update;
import dev.twinbgp.bgp.wire.capability.Negotiated;
import dev.twinbgp.bgp.wire.family.Family;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The stop before a restart of {@code twinbgp run} (the jar) by SIGPWR and by {@code twinbgp ctl shutdown restart}:
 * with graceful restart negotiated the session closes without a NOTIFICATION (RFC 4724 section 4, the peer keeps
 * the routes) and the process exits 0. SIGPWR, not SIGUSR2: HotSpot suspends threads with SIGUSR2 (JFR), which
 * stopped the daemon. {@code GracefulRestartJarIT} shows BIRD, FRR and GoBGP keeping the routes.
 */
class RestartStopJarIT {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"SIGPWR", "ctl shutdown restart"})
    void theStopBeforeARestartClosesAGracefulRestartSessionWithoutNotification(String how) throws Exception {
        try (TestPeer peer = new TestPeer()) {
            Path file = dir.resolve("twinbgp.conf");
            Path socket = dir.resolve("ctl.sock");
            Files.writeString(file, """
                    neighbor 127.0.0.1 {
                        router-id 10.0.0.1; local-address 127.0.0.1; local-as 65001; peer-as 65002;
                        hold-time 30; connect %d;
                        family { ipv4 unicast; }
                        capability { graceful-restart 120; }
                        static { route 10.1.0.0/24 next-hop 127.0.0.1; }
                    }
                    """.formatted(peer.port()));
            try (JarProcess p = JarProcess.start("run", "--config", file.toString(), "--control-socket", socket.toString())) {
                peer.accept(30_000);
                assertEquals(1, peer.readRaw()[18], "the speaker's OPEN");
                SessionConfig ours = SessionConfig.builder(TestPeer.AS, 65001, 0x0A000002L).holdTime(30)
                        .families(List.of(Family.IPV4_UNICAST)).gracefulRestartTime(120).build();
                peer.send(ours.localOpen(), Negotiated.DEFAULT);
                peer.send(new Keepalive(), TestPeer.NEGOTIATED);
                while (!assertInstanceOf(Update.class, peer.readSkippingKeepalives(TestPeer.NEGOTIATED)).isEndOfRib()) {
                    // the initial table, up to End-of-RIB
                }
                assertTrue(JarProcess.await(p.err, l -> l.contains("started 1 neighbor"), 30), p.stderr());
                if (how.equals("SIGPWR")) {
                    Process kill = new ProcessBuilder("kill", "-PWR", String.valueOf(p.process.pid())).inheritIO().start();
                    assertTrue(kill.waitFor(30, TimeUnit.SECONDS));
                    assertEquals(0, kill.exitValue());
                } else {
                    try (JarProcess ctl = JarProcess.start("ctl", "--socket", socket.toString(), "shutdown", "restart")) {
                        assertEquals(0, ctl.waitFor(60), ctl.stderr());
                    }
                }
                // Only KEEPALIVEs (if any) until the close: no NOTIFICATION, no withdrawal.
                assertTrue(peer.closedBySpeakerAfterKeepalives(), "closed without any message but KEEPALIVEs");
                assertEquals(0, p.waitFor(30), p.stderr());
                assertTrue(p.stderr().contains("stopping for a restart"), p.stderr());
                assertFalse(p.stderr().contains("WARNING"), "no JVM warnings: " + p.stderr());
                assertFalse(p.stderr().contains("\tat "), "no stack trace: " + p.stderr());
            }
        }
    }
}
