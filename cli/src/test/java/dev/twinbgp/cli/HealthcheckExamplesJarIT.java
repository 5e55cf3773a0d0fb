package dev.twinbgp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import dev.twinbgp.bgp.rib.Path;
import dev.twinbgp.bgp.wire.attribute.Attribute;
import dev.twinbgp.bgp.wire.family.Prefix;
import dev.twinbgp.reactor.ReactorConfig;
import dev.twinbgp.speaker.config.ConfigParser;
import dev.twinbgp.speaker.mapping.PeerSettingsMapper;
import dev.twinbgp.speaker.session.Await;
import dev.twinbgp.speaker.session.BgpSpeaker;
import dev.twinbgp.speaker.session.PeerDriver;
import dev.twinbgp.speaker.session.Ports;
import dev.twinbgp.speaker.session.SessionListener;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The health check examples as a user runs them, on loopback: {@code examples/healthcheck.conf} (with
 * {@code examples/healthcheck.sh}) and {@code examples/anycast-healthcheck.conf} (with {@code twinbgp healthcheck}),
 * each changed only in its ports (1790, 8080: free ones) and in how its program is found from a temporary folder.
 * The router they peer with is what {@code examples/bird2.conf} makes of BIRD - 127.0.0.3, AS 65002, listening, for
 * 127.0.0.2 AS 65001 - here a speaker in this process, so the test needs no daemon ({@code Bird2ExampleJarIT} proves
 * BIRD's side with the same neighbor block). The service is a web server on 127.0.0.1 that the test starts and
 * stops. (The examples peered with 192.0.2.1 from 192.0.2.2: nothing a new user could run.)
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class HealthcheckExamplesJarIT {
    private static final java.nio.file.Path EXAMPLES = java.nio.file.Path.of("..", "examples").toAbsolutePath().normalize();
    private static final Prefix SERVICE = Prefix.parse("192.0.2.10/32");

    @TempDir
    java.nio.file.Path dir;

    @Test
    void healthcheckShAnnouncesWhileTheServiceAnswersAndWithdrawsWhenItStops() throws Exception {
        String example = Files.readString(EXAMPLES.resolve("healthcheck.conf"));
        assertTrue(example.contains("/bin/sh examples/healthcheck.sh"), example);
        // from the repository's folder, as the README runs it; here from a temporary one
        String conf = example.replace("/bin/sh examples/healthcheck.sh", "/bin/sh " + EXAMPLES.resolve("healthcheck.sh"));
        run(conf, (router, service) -> {
            Await.until("the service address is announced once the service answers",
                    () -> route(router) != null);
            service.stop(0);
            Await.until("and withdrawn once it stops", () -> route(router) == null);
        });
    }

    @Test
    void anycastHealthcheckAnnouncesTheMedOfTheServicesState() throws Exception {
        String example = Files.readString(EXAMPLES.resolve("anycast-healthcheck.conf"));
        assertTrue(example.contains("run ../twinbgp healthcheck "), example);
        String timing = "--rise 3 --fall 3 --interval 5 --fast-interval 1";
        assertTrue(example.contains(timing), example);
        String disable = "--disable /etc/twinbgp/maintenance;";
        assertTrue(example.contains(disable), example);
        // the checker's timing shortened, so that the test waits less; its maintenance file one of the test's
        // own (a file left at the example's path would hold MED 500 and fail the wait for MED 100)
        String conf = example.replace("run ../twinbgp healthcheck ", "run " + twinbgp() + " healthcheck ")
                .replace(timing, "--rise 1 --fall 1 --interval 0.5 --fast-interval 0.2")
                .replace(disable, "--disable " + dir.resolve("maintenance") + ";");
        run(conf, (router, service) -> {
            Await.until("MED 100 (up) once the service answers", () -> med(router) == 100);
            Path path = route(router);
            assertEquals(new Attribute.Communities(List.of(65000L << 16 | 80)),
                    path.attributes().get(Attribute.Communities.class).orElseThrow());
            service.stop(0);
            Await.until("MED 1000 (down) once it stops", () -> med(router) == 1000);
        });
    }

    interface Scenario {
        void run(PeerDriver router, HttpServer service) throws Exception;
    }

    /** The example {@code conf} run by the jar against the in-process router, with the service answering. */
    private void run(String conf, Scenario scenario) throws Exception {
        // the examples' service check is curl, as a user's would be; .ci/run installs it
        assumeTrue(onPath("curl"), "curl is not installed: the examples' service check needs it");
        int bgp = Ports.freeOn("127.0.0.2", "127.0.0.3");
        int http = Ports.freeOn("127.0.0.1");
        assertTrue(conf.contains("connect 1790;") && conf.contains("127.0.0.1:8080"), conf);
        java.nio.file.Path file = dir.resolve("example.conf");
        Files.writeString(file, conf.replace("connect 1790;", "connect " + bgp + ";").replace("127.0.0.1:8080", "127.0.0.1:" + http));

        // examples/bird2.conf's side: 127.0.0.3, AS 65002, only listening, for 127.0.0.2 AS 65001
        var router = ConfigParser.parse("router", """
                neighbor 127.0.0.2 { router-id 127.0.0.3; local-address 127.0.0.3; local-as 65002; peer-as 65001;
                  passive; listen %d; family { ipv4 unicast; } }
                """.formatted(bgp));
        HttpServer service = HttpServer.create(new InetSocketAddress("127.0.0.1", http), 0);
        service.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        try (BgpSpeaker speaker = BgpSpeaker.start("selector", ReactorConfig.defaults(), PeerSettingsMapper.map(router),
                SessionListener.NONE);
             JarProcess run = JarProcess.start("run", "--config", file.toString(), "--reactor", "selector")) {
            PeerDriver peer = speaker.peer("127.0.0.2");
            Await.until("the example's session is up", () -> peer.state() == dev.twinbgp.bgp.fsm.State.ESTABLISHED);
            service.start();
            scenario.run(peer, service);
            assertTrue(run.process.toHandle().destroy()); // SIGTERM
            assertEquals(0, run.waitFor(30), run.stderr());
            assertFalse(run.stderr().contains("WARNING"), "no JVM warnings: " + run.stderr());
            assertFalse(run.stderr().contains("\tat "), "no stack trace: " + run.stderr());
        } finally {
            service.stop(0);
        }
    }

    private static Path route(PeerDriver router) {
        try {
            return router.query(() -> router.adjRibIn().get(SERVICE)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long med(PeerDriver router) {
        Path p = route(router);
        return p == null ? -1 : p.attributes().get(Attribute.MultiExitDisc.class).map(Attribute.MultiExitDisc::value).orElse(-1L);
    }

    private static boolean onPath(String program) {
        return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(d -> !d.isEmpty() && Files.isExecutable(java.nio.file.Path.of(d, program)));
    }

    /** The jar, as {@code ./twinbgp} starts it (HealthcheckJarIT's way). */
    private static String twinbgp() {
        List<String> words = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
        if (Runtime.version().feature() >= 23) {
            words.add("--sun-misc-unsafe-memory-access=allow");
        }
        words.addAll(List.of("-jar", java.nio.file.Path.of("target", "twinbgp.jar").toAbsolutePath().toString()));
        return String.join(" ", words);
    }
}
