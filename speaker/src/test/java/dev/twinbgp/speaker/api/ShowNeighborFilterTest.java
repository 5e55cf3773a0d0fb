package dev.twinbgp.speaker.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.reactor.ReactorConfig;
import dev.twinbgp.speaker.config.ConfigParser;
import dev.twinbgp.speaker.config.Configuration;
import dev.twinbgp.speaker.mapping.PeerSettingsMapper;
import dev.twinbgp.speaker.session.Await;
import dev.twinbgp.speaker.session.BgpSpeaker;
import dev.twinbgp.speaker.session.Ports;
import dev.twinbgp.speaker.session.SessionListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * ExaBGP's {@code show neighbor FILTER summary|extensive|json} and {@code show adj-rib in|out IP}: the address after the
 * word limits the answer to that neighbor (ExaBGP's summary; its extensive matches a part of the neighbor's name, its
 * json reads no filter) (a new user's {@code show neighbor 127.0.0.3 summary}, written as ExaBGP's
 * help says, was refused). And, as in ExaBGP, a process sees every neighbor in a {@code show} whichever neighbors
 * name it (it saw only its own); and ExaBGP's kinds ({@code show adj-rib out flow}). A real speaker, a real process
 * ({@code /bin/sh}) and the control socket.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ShowNeighborFilterTest {
    @TempDir
    Path dir;

    @Test
    void anAddressAfterTheWordLimitsTheAnswerAndAProcessSeesEveryNeighbor() throws Exception {
        int port = Ports.freeOn("127.0.0.2", "127.0.0.3", "127.0.0.4");
        Path answers = dir.resolve("answers");
        Path script = dir.resolve("show.sh");
        Files.writeString(script, """
                echo 'show neighbor summary'
                echo 'show neighbor 127.0.0.4 summary'
                echo 'show adj-rib out 127.0.0.4'
                echo 'show adj-rib out'
                cat > %s
                """.formatted(answers));
        // nothing listens on the port: both neighbors stay down, which show commands report all the same
        Configuration config = ConfigParser.parse("show.conf", """
                process show { run /bin/sh %s; encoder text; }
                neighbor 127.0.0.3 { local-address 127.0.0.2; local-as 65001; peer-as 65002; router-id 127.0.0.2;
                  connect %d; api { processes [ show ]; }
                  static { route 192.0.2.0/24 next-hop self; } }
                neighbor 127.0.0.4 { local-address 127.0.0.2; local-as 65001; peer-as 65003; router-id 127.0.0.2;
                  connect %d; family { ipv4 unicast; ipv4 flow; }
                  static { route 198.51.100.0/24 next-hop self; }
                  flow { route f1 { match { destination 192.0.2.9/32; } then { discard; } } } }
                """.formatted(script, port, port));
        Path socket = dir.resolve("ctl.sock");
        Api api = Api.create(config, Api.Options.defaults().withControlSocket(socket));
        BgpSpeaker speaker = BgpSpeaker.start("selector", ReactorConfig.defaults(), PeerSettingsMapper.map(config),
                Api.fanOut(api.listener(), SessionListener.NONE));
        try {
            api.start(speaker);

            List<String> one = ControlClient.send(socket, "show neighbor 127.0.0.4 summary").lines();
            // ExaBGP's summary layout, character for character: a script's 'awk {print $5}' is the row's #sent
            assertEquals("Peer            AS        up/down state       |     #sent     #recvd", one.get(0));
            String row = one.stream().filter(l -> l.startsWith("127.0.0.4 ")).findFirst().orElseThrow();
            assertEquals(String.format(java.util.Locale.ROOT, "%-15s %-7s %9s %-12s %10d %10d", "127.0.0.4", "65003",
                    "down", row.split("\\s+")[3], 0, 0), row);
            assertTrue(one.stream().anyMatch(l -> l.startsWith("127.0.0.4 ")), String.join("\n", one));
            assertFalse(one.stream().anyMatch(l -> l.startsWith("127.0.0.3 ")), String.join("\n", one));

            List<String> extensive = ControlClient.send(socket, "show neighbor 127.0.0.3 extensive").lines();
            assertTrue(extensive.contains("Neighbor 127.0.0.3"), String.join("\n", extensive));
            assertFalse(extensive.contains("Neighbor 127.0.0.4"), String.join("\n", extensive));

            // ExaBGP's extensive: a part of the neighbor's name (neighbor IP local-ip IP local-as N peer-as N ...)
            List<String> both = ControlClient.send(socket, "show neighbor 127.0.0 extensive").lines();
            assertTrue(both.contains("Neighbor 127.0.0.3") && both.contains("Neighbor 127.0.0.4"), String.join("\n", both));
            List<String> byAs = ControlClient.send(socket, "show neighbor 65003 extensive").lines();
            assertTrue(byAs.contains("Neighbor 127.0.0.4") && !byAs.contains("Neighbor 127.0.0.3"), String.join("\n", byAs));
            // ... and its summary: the whole address, nothing else
            List<String> part = ControlClient.send(socket, "show neighbor 127.0.0 summary").lines();
            assertFalse(part.stream().anyMatch(l -> l.startsWith("127.0.0.")), String.join("\n", part));

            // ExaBGP's json reads no filter: every neighbor; a neighbor selector picks one
            String json = String.join("\n", ControlClient.send(socket, "show neighbor json 127.0.0.3").lines());
            assertTrue(json.contains("127.0.0.3") && json.contains("127.0.0.4"), json);
            String selected = String.join("\n", ControlClient.send(socket, "neighbor 127.0.0.3 show neighbor json").lines());
            assertTrue(selected.contains("127.0.0.3") && !selected.contains("127.0.0.4"), selected);

            List<String> out = ControlClient.send(socket, "show adj-rib out 127.0.0.4").lines();
            assertEquals(2, out.size(), String.join("\n", out));
            // ExaBGP's kinds of route: inet (unicast, multicast, labeled, VPN), flow, l2vpn
            List<String> inet = ControlClient.send(socket, "show adj-rib out 127.0.0.4 inet").lines();
            assertEquals(1, inet.size(), String.join("\n", inet));
            assertTrue(inet.get(0).startsWith("neighbor 127.0.0.4 ipv4 unicast 198.51.100.0/24 "), inet.get(0));
            List<String> flow = ControlClient.send(socket, "show adj-rib out flow").lines();
            assertEquals(1, flow.size(), String.join("\n", flow));
            assertTrue(flow.get(0).startsWith("neighbor 127.0.0.4 ipv4 flow "), flow.get(0));
            assertEquals(List.of(), ControlClient.send(socket, "show adj-rib out l2vpn").lines());

            Reply wrong = ControlClient.send(socket, "show neighbor 127.0.0.4 summari");
            assertFalse(wrong.ok(), "a word that is neither a keyword nor an address is refused");

            // the process: named by 127.0.0.3 only, its show commands see both neighbors, or the one it names
            Await.until("the process has its four answers", () -> read(answers).stream().filter(l -> l.equals("done")).count() == 4);
            List<String> lines = Files.readAllLines(answers);
            String all = String.join("\n", lines);
            int first = lines.indexOf("done");
            List<String> summary = lines.subList(0, first);
            assertTrue(summary.stream().anyMatch(l -> l.startsWith("127.0.0.3 ")), all);
            assertTrue(summary.stream().anyMatch(l -> l.startsWith("127.0.0.4 ")), all);
            int second = lines.subList(first + 1, lines.size()).indexOf("done") + first + 1;
            List<String> filtered = lines.subList(first + 1, second);
            assertTrue(filtered.stream().anyMatch(l -> l.startsWith("127.0.0.4 ")), all);
            assertFalse(filtered.stream().anyMatch(l -> l.startsWith("127.0.0.3 ")), all);
            assertTrue(lines.contains("neighbor 127.0.0.4 ipv4 unicast 198.51.100.0/24 next-hop 127.0.0.2 origin igp")
                    || lines.stream().anyMatch(l -> l.startsWith("neighbor 127.0.0.4 ipv4 unicast 198.51.100.0/24 ")), all);
            assertEquals(3, lines.stream().filter(l -> l.startsWith("neighbor 127.0.0.4 ipv4 unicast 198.51.100.0/24 ")).count()
                    + lines.stream().filter(l -> l.startsWith("neighbor 127.0.0.3 ipv4 unicast 192.0.2.0/24 ")).count(),
                    "the filtered adj-rib out has 127.0.0.4's route, the whole one both: " + all);
        } finally {
            api.close();
            speaker.shutdown(Duration.ofSeconds(2));
        }
    }

    private static List<String> read(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }
}
