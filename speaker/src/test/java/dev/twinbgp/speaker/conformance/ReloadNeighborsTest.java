package dev.twinbgp.speaker.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.bgp.fsm.State;
import dev.twinbgp.reactor.ReactorConfig;
import dev.twinbgp.speaker.api.Api;
import dev.twinbgp.speaker.api.Reply;
import dev.twinbgp.speaker.config.ConfigParser;
import dev.twinbgp.speaker.config.Configuration;
import dev.twinbgp.speaker.mapping.PeerSettingsMapper;
import dev.twinbgp.speaker.session.BgpSpeaker;
import dev.twinbgp.speaker.session.PeerDriver;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A reload that removes a neighbor, adds another and adds a process ({@link Api#reload()}, what SIGUSR1 runs), on
 * every reactor: the removed neighbor's session ends (its peer has seen every message it expected), the new neighbor
 * connects and gets its configured route, and the new process (which only the new neighbor names) is started and
 * its command reaches that neighbor. Each peer is the API vectors' test peer: any message it does not expect fails.
 * A broken file first: answered with its error, and nothing changes; then files that {@code run} would refuse
 * ({@code tcp-ao}, {@code adj-rib-in false}, a process whose program is not there): answered with {@code run}'s
 * sentence, and nothing changes.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ReloadNeighborsTest {
    private static final String MARKER = "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF";
    private static final String END_OF_RIB = MARKER + "0017" + "02" + "00000000";

    @TempDir
    Path dir;

    /** The UPDATE announcing 10.0.0.N/32 next-hop 127.0.0.1 on the iBGP sessions below (LOCAL_PREF 100). */
    private static String announce(int n) {
        return MARKER + "0031" + "02" + "0000" + "0015" + "40010100" + "400200" + "4003047F000001" + "40050400000064"
                + "200A0000" + String.format("%02X", n);
    }

    private static String neighbor(String address, int port, int route, String api) {
        return """
                neighbor %s {
                    router-id 1.2.3.4; local-address 127.0.0.1; local-as 1; peer-as 1; connect %d;
                    group-updates false;
                    family { ipv4 unicast; }
                    static { route 10.0.0.%d/32 next-hop 127.0.0.1; }
                    %s
                }
                """.formatted(address, port, route, api);
    }

    private ProgramVector vector(String name, String... expected) throws Exception {
        Files.createDirectories(dir.resolve("conf"));
        Path ci = Files.createDirectories(dir.resolve("api")).resolve(name + ".ci");
        Files.writeString(ci, "option:file:unused.conf\n" + String.join("\n", expected) + "\n");
        return ProgramVector.read(ci);
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("dev.twinbgp.speaker.session.EveryReactor#names")
    void aReloadStopsARemovedNeighborStartsANewOneAndItsProcess(String reactor) throws Exception {
        Path script = dir.resolve("late.sh");
        Files.writeString(script, """
                echo "announce route 10.0.0.3/32 next-hop 127.0.0.1"
                exec cat > /dev/null
                """);
        try (ProgramPeer first = new ProgramPeer(vector("first", "1:raw:" + END_OF_RIB, "1:raw:" + announce(1)));
             ProgramPeer second = new ProgramPeer(vector("second", "1:raw:" + END_OF_RIB, "1:raw:" + announce(2),
                     "1:raw:" + announce(3)), InetAddress.getByName("127.0.0.2"))) {
            Path file = dir.resolve("twinbgp.conf");
            Files.writeString(file, neighbor("127.0.0.1", first.port(), 1, ""));
            Configuration configuration = ConfigParser.parse(file);
            Api api = Api.create(configuration, Api.Options.defaults().withoutControlSocket()
                    .withReloadSource(() -> ConfigParser.parse(file)));
            BgpSpeaker speaker = BgpSpeaker.start(reactor, ReactorConfig.defaults(), PeerSettingsMapper.map(configuration),
                    api.listener());
            try {
                api.start(speaker);
                assertTrue(first.awaitAllSeen(60), first::report);

                Files.writeString(file, "neighbor 127.0.0.2 { local-as 1; peer-as; }\n");
                Reply broken = api.reload().get(30, TimeUnit.SECONDS);
                assertTrue(!broken.ok() && broken.lines().get(0).startsWith("reload: " + file + ":1:"), broken::toString);
                assertEquals(List.of("127.0.0.1"), speaker.peers().stream().map(PeerDriver::name).toList());

                // What 'run' refuses at start (PeerSettingsMapper.cannotRun) a reload refuses too, with the same
                // sentence, and changes nothing: the first neighbor keeps its session, the second is not started.
                Files.writeString(file, neighbor("127.0.0.2", second.port(), 2,
                        "tcp-ao { keyid 1; algorithm hmac-sha-256; password secret; }"));
                Reply refused = api.reload().get(30, TimeUnit.SECONDS);
                assertTrue(!refused.ok() && refused.lines().get(0).equals("reload: " + file
                        + ":1:10: neighbor 127.0.0.2: tcp-ao (TCP-AO, RFC 5925) is not implemented by twinbgp; use"
                        + " md5-password (TCP MD5, RFC 2385) instead"), refused::toString);
                Files.writeString(file, neighbor("127.0.0.1", first.port(), 1, "adj-rib-in false;"));
                Reply keeps = api.reload().get(30, TimeUnit.SECONDS);
                assertTrue(!keeps.ok() && keeps.lines().get(0).startsWith("reload: " + file
                        + ":1:10: neighbor 127.0.0.1: adj-rib-in false is not implemented by twinbgp"), keeps::toString);
                // A process whose program is not there (ExaBGP's parser refuses it): refused, nothing changes.
                Files.writeString(file, "process gone { run ./gone.sh; }\n" + neighbor("127.0.0.1", first.port(), 1,
                        "api { processes [ gone ]; }"));
                Reply missing = api.reload().get(30, TimeUnit.SECONDS);
                assertTrue(!missing.ok() && missing.lines().get(0).equals("reload: " + file + ":1:20: process gone:"
                        + " cannot run " + dir.resolve("gone.sh") + ": no such file"), missing::toString);
                assertEquals(0, api.starts("gone"), "the process of a refused reload is not started");
                assertEquals(List.of("127.0.0.1"), speaker.peers().stream().map(PeerDriver::name).toList());
                assertEquals(State.ESTABLISHED, speaker.peer("127.0.0.1").state());

                Files.writeString(file, "process late { run /bin/sh " + script + "; encoder json; }\n"
                        + neighbor("127.0.0.2", second.port(), 2, "api { processes [ late ]; }"));
                Reply reloaded = api.reload().get(30, TimeUnit.SECONDS);
                assertTrue(reloaded.ok(), reloaded::toString);
                assertTrue(second.awaitAllSeen(60), second::report);
                assertNull(second.failure(), second::report);
                assertNull(first.failure(), first::report);
                assertEquals(List.of("127.0.0.2"), speaker.peers().stream().map(PeerDriver::name).toList());
                assertEquals(1, api.starts("late"), "the new process was started once");
            } finally {
                api.close();
                speaker.shutdown(Duration.ofSeconds(5));
            }
        }
    }
}
