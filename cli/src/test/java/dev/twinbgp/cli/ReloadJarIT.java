package dev.twinbgp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.bgp.wire.BgpMessage;
import dev.twinbgp.bgp.wire.Keepalive;
import dev.twinbgp.bgp.wire.Notification;
import dev.twinbgp.bgp.wire.Update;
import dev.twinbgp.bgp.wire.family.Prefix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Configuration reload of {@code twinbgp run} as a real process (the jar), driven by real signals and by
 * {@code twinbgp ctl reload}, against a blocking-socket peer; the configurations follow ExaBGP's
 * {@code api-reload.1.conf} / {@code api-reload.2.conf} (a static route dropped by the reload):
 * <ol>
 *   <li>SIGUSR1 with a route removed and one added: the removed one is withdrawn, the new one announced, the
 *       session stays up;</li>
 *   <li>SIGHUP with a broken file: nothing changes, the log says why with file:line:column; {@code ctl reload}
 *       of the same file exits 1 with that reason;</li>
 *   <li>{@code ctl reload} with another hold time: the session is reset with Cease / Other Configuration Change
 *       (RFC 4486 subcode 6) - the first message after the broken reloads, so they sent nothing - and the
 *       speaker connects again with the new hold time.</li>
 * </ol>
 */
class ReloadJarIT {
    @TempDir
    Path dir;

    private static String config(int port, int holdTime, String routes) {
        return """
                neighbor 127.0.0.1 {
                    router-id 1.2.3.4;
                    local-address 127.0.0.1;
                    local-as 65001;
                    peer-as 65002;
                    hold-time %d;
                    connect %d;
                    group-updates false;
                    family { ipv4 unicast; }
                    static {
                %s    }
                }
                """.formatted(holdTime, port, routes);
    }

    private static final String ROUTE_1 = "        route 1.0.0.0/24 next-hop 4.0.0.0;\n";
    private static final String ROUTE_2 = "        route 2.0.0.0/24 next-hop 4.0.0.0;\n";
    private static final String ROUTE_3 = "        route 3.0.0.0/24 next-hop 4.0.0.0 med 7;\n";

    @ParameterizedTest
    @MethodSource("dev.twinbgp.speaker.session.EveryReactor#names")
    void signalsAndCtlReloadApplyWhatChangedAndABrokenFileChangesNothing(String reactor) throws Exception {
        try (TestPeer peer = new TestPeer()) {
            Path file = dir.resolve("twinbgp.conf");
            Path socket = dir.resolve("ctl.sock");
            Files.writeString(file, config(peer.port(), 30, ROUTE_1 + ROUTE_2));
            try (JarProcess p = JarProcess.start("run", "--config", file.toString(), "--reactor", reactor,
                    "--control-socket", socket.toString())) {
                peer.accept(30_000);
                assertEquals(30, holdTime(peer.readRaw()));
                peer.sendOpen(65001);
                peer.send(new Keepalive(), TestPeer.NEGOTIATED);
                assertEquals(Set.of(Prefix.parse("1.0.0.0/24"), Prefix.parse("2.0.0.0/24")), initialTable(peer));
                assertTrue(JarProcess.await(p.err, l -> l.contains("started 1 neighbor"), 30), p.stderr());

                // 1. SIGUSR1: 2.0.0.0/24 gone, 3.0.0.0/24 new
                Files.writeString(file, config(peer.port(), 30, ROUTE_1 + ROUTE_3));
                signal(p, "USR1");
                Set<Prefix> announced = new HashSet<>();
                Set<Prefix> withdrawn = new HashSet<>();
                while (announced.isEmpty() || withdrawn.isEmpty()) {
                    Update u = assertInstanceOf(Update.class, peer.readSkippingKeepalives(TestPeer.NEGOTIATED));
                    u.announced().forEach(n -> n.prefixes().forEach(announced::add));
                    u.withdrawnAll().forEach(n -> n.prefixes().forEach(withdrawn::add));
                }
                assertEquals(Set.of(Prefix.parse("3.0.0.0/24")), announced);
                assertEquals(Set.of(Prefix.parse("2.0.0.0/24")), withdrawn);
                assertTrue(JarProcess.await(p.err, l -> l.contains("reload of") && l.contains("1 with other routes"), 30),
                        p.stderr());

                // 2. a broken file: SIGHUP and ctl reload change nothing and say why
                Files.writeString(file, config(peer.port(), 60, ROUTE_1).replace("hold-time 60;", "hold-time sixty;"));
                signal(p, "HUP");
                assertTrue(JarProcess.await(p.err, l -> l.contains("reload refused, nothing changed: " + file + ":6:"), 30),
                        p.stderr());
                try (JarProcess ctl = JarProcess.start("ctl", "--socket", socket.toString(), "reload")) {
                    assertEquals(1, ctl.waitFor(60), String.join("\n", ctl.out));
                    assertEquals(1, ctl.err.size(), ctl.stderr());
                    assertTrue(ctl.err.get(0).contains(file + ":6:"), ctl.stderr());
                }

                // 3. ctl reload with another hold time: the session is reset and comes back with it
                Files.writeString(file, config(peer.port(), 60, ROUTE_1));
                try (JarProcess ctl = JarProcess.start("ctl", "--socket", socket.toString(), "reload")) {
                    BgpMessage next = peer.readSkippingKeepalives(TestPeer.NEGOTIATED);
                    Notification cease = assertInstanceOf(Notification.class, next, "the reset, nothing before it");
                    assertEquals(6, cease.code());
                    assertEquals(6, cease.subcode(), "Other Configuration Change (RFC 4486)");
                    assertTrue(peer.closedBySpeaker());
                    assertEquals(0, ctl.waitFor(60), ctl.stderr());
                }
                peer.accept(30_000);
                assertEquals(60, holdTime(peer.readRaw()), "the new session has the new hold time");
                peer.sendOpen(65001);
                peer.send(new Keepalive(), TestPeer.NEGOTIATED);
                assertEquals(Set.of(Prefix.parse("1.0.0.0/24")), initialTable(peer));

                assertTrue(p.process.toHandle().destroy()); // SIGTERM
                assertEquals(0, p.waitFor(30), p.stderr());
                assertFalse(p.stderr().contains("\tat "), "no stack trace: " + p.stderr());
                assertFalse(p.stderr().contains("WARNING"), "no JVM warnings: " + p.stderr());
            }
        }
    }

    /** The OPEN's hold time (octets 22-23: marker, length, type, version, my AS before it). */
    private static int holdTime(byte[] open) {
        assertEquals(1, open[18], "an OPEN");
        return (open[22] & 0xFF) << 8 | open[23] & 0xFF;
    }

    /** The prefixes announced up to End-of-RIB. */
    private static Set<Prefix> initialTable(TestPeer peer) throws Exception {
        Set<Prefix> received = new HashSet<>();
        while (true) {
            Update u = assertInstanceOf(Update.class, peer.readSkippingKeepalives(TestPeer.NEGOTIATED));
            if (u.isEndOfRib()) {
                return received;
            }
            u.announced().forEach(n -> n.prefixes().forEach(received::add));
        }
    }

    private static void signal(JarProcess p, String name) throws Exception {
        Process kill = new ProcessBuilder(List.of("kill", "-" + name, String.valueOf(p.process.pid()))).inheritIO().start();
        assertTrue(kill.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, kill.exitValue());
    }
}
