package dev.twinbgp.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import java.util.List;

/** The scenario format: what parses, and the one-line {@code file:line:column: found X, expected Y} errors. */
final class ScenarioParserTest {
    private static final String CONFIG = """
            config:
            neighbor 127.0.0.1 {
                router-id 10.0.0.1;
                local-address 127.0.0.1;
                local-as 65000;
                peer-as 65001;
                connect $PEER_PORT;
            }
            script:
            """;

    @Test
    void parsesEveryStepKind() throws ScenarioException {
        Scenario s = ScenarioParser.parse("x/all-steps.scenario", "description: every step\n" + CONFIG + """
                accept
                expect open as=65000
                send open as 65001 hold 90 id 10.0.0.2 caps asn4 route-refresh ipv4 add-path:ipv4:both split 3 delay 1
                expect within 5 keepalive
                send keepalive repeat 3
                send update 0000 0000
                send message 9 00 then-close
                send raw marker 0013 04
                send notification 6/2 00
                send refresh ipv6
                send burst 10
                expect eor
                expect update 10.0.0.0/8
                expect notification 3/1
                expect refresh
                expect message ^Keepalive
                expect close
                pause 10
                drain 10
                api announce route 10.0.0.0/8 next-hop 10.0.0.1
                api withdraw route 10.0.0.0/8
                api teardown 2 bye
                checkpoint here
                trace ^checkpoint here: adj-rib-in 0 route
                close
                conn 2 connect
                conn 2 expect open id=10.0.0.1
                stop 2 maintenance
                announce-table 10
                expect held-back
                expect within 30 table 10
                mark here
                """);
        assertEquals("all-steps", s.name());
        assertEquals("every step", s.description());
        assertEquals(32, s.steps().size());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "jump                        | t:11:1: found 'jump', expected a step",
        "send open hold x            | t:11:16: found 'x', expected a hold time (0-65535)",
        "send raw 0g                 | t:11:10: found '0g', expected hex octets",
        "send raw FFF                | t:11:10: found 'FFF', expected hex octets",
        "expect notification 3       | t:11:21: found '3', expected CODE/SUBCODE",
        "expect notification 3/1 now | t:11:25: found 'now', expected end of line",
        "expect update (             | t:11:15: found '(', expected a regular expression",
        "send keepalive split 0      | t:11:22: found '0', expected a fragment size (1-65535)",
        "send open caps turbo        | t:11:16: found 'turbo', expected a capability",
        "api reboot                  | t:11:5: found 'reboot', expected 'announce', 'withdraw' or 'teardown'",
        "pause                       | t:11:6: found end of line, expected milliseconds (0-600000)",
        "trace [                     | t:11:7: found '[', expected a regular expression",
        "refuse 2                    | t:11:1: found 'refuse', expected 'refuse' only as the first step",
        "hang 1                      | t:11:1: found 'hang', expected 'hang' only as the first step",
        "hang 0                      | t:11:6: found '0', expected a number of ConnectRetry expiries (1-3)",
        "conn 9 accept               | t:11:6: found '9', expected a connection number (1-4)",
        "conn 2 conn 1 close         | t:11:8: found 'conn', expected a step on a connection",
        "conn 2                      | t:11:7: found end of line, expected a step",
    })
    void badStepsSayWhereAndWhat(String step, String message) {
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> ScenarioParser.parse("t", CONFIG + "accept\n" + step + "\n"));
        assertEquals(message, e.getMessage().substring(0, Math.min(message.length(), e.getMessage().length())));
    }

    @Test
    void theFirstStepAcceptsOrConnects() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioParser.parse("t", CONFIG + "send keepalive\n"));
        assertEquals("t:10:1: found 'step', expected 'accept', 'connect', 'refuse' or 'hang' as the first step", e.getMessage());
    }

    @Test
    void refuseComesFirstAndIsFollowedByAccept() throws ScenarioException {
        assertEquals(2, ScenarioParser.parse("t", CONFIG + "refuse 2\naccept\n").steps().size());
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioParser.parse("t", CONFIG + "refuse 2\nclose\n"));
        assertEquals("t:11:1: found 'step', expected 'accept' after 'refuse'", e.getMessage());
    }

    @Test
    void hangComesFirstAndIsFollowedByAccept() throws ScenarioException {
        assertEquals(2, ScenarioParser.parse("t", CONFIG + "hang 1\naccept\n").steps().size());
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioParser.parse("t", CONFIG + "hang 1\nclose\n"));
        assertEquals("t:11:1: found 'step', expected 'accept' after 'hang'", e.getMessage());
    }

    @Test
    void hangHeldComesFirstAndReleaseOnceAfterIt() throws ScenarioException {
        List<Step> steps = ScenarioParser.parse("t", CONFIG + "hang held\napi teardown\nrelease\naccept\n").steps();
        assertEquals(List.of(new Step.HangHeld(10), new Step.Release(12)), List.of(steps.get(0), steps.get(2)));
        ScenarioException notHeld = assertThrows(ScenarioException.class, () -> ScenarioParser.parse("t", CONFIG + "accept\nrelease\n"));
        assertEquals("t:11:1: found 'release', expected 'release' once, after 'hang held' as the first step", notHeld.getMessage());
        ScenarioException twice = assertThrows(ScenarioException.class,
                () -> ScenarioParser.parse("t", CONFIG + "hang held\nrelease\nrelease\naccept\n"));
        assertEquals("t:12:1: found 'release', expected 'release' once, after 'hang held' as the first step", twice.getMessage());
    }

    @Test
    void configurationErrorsKeepTheFileLineNumbers() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioParser.parse("t",
                "config:\nneighbor 127.0.0.1 {\n    local-as banana;\n}\nscript:\naccept\n"));
        assertEquals("t:3:14:", e.getMessage().substring(0, 7));
    }

    @Test
    void unknownSectionsAndMissingSections() {
        assertEquals("t:1:1: found 'hello', expected 'description:', 'water-marks:', 'config:' or '#'",
                assertThrows(ScenarioException.class, () -> ScenarioParser.parse("t", "hello\n")).getMessage());
        assertEquals("t:1:1: found end of line, expected 'config:'",
                assertThrows(ScenarioException.class, () -> ScenarioParser.parse("t", "# nothing\n")).getMessage());
    }

    @Test
    void waterMarksSetTheReactorsBoundsForOneScenario() throws ScenarioException {
        assertEquals(dev.twinbgp.reactor.ReactorConfig.defaults(), ScenarioParser.parse("t", CONFIG + "accept\n").reactorConfig());
        Scenario s = ScenarioParser.parse("t", "water-marks: 1000 2000 3000\n" + CONFIG + "accept\n");
        assertEquals(1000, s.reactorConfig().writeLowWater());
        assertEquals(2000, s.reactorConfig().writeHighWater());
        assertEquals(3000, s.reactorConfig().maxPendingOutput());
        assertEquals("t:1:19: found '10', expected the high-water mark in bytes (1000-2147483647)",
                assertThrows(ScenarioException.class,
                        () -> ScenarioParser.parse("t", "water-marks: 1000 10 3000\n" + CONFIG + "accept\n")).getMessage());
    }

    @Test
    void resetDroppedAndEorQueued() throws ScenarioException {
        Scenario s = ScenarioParser.parse("t", CONFIG + "accept\nexpect within 60 eor-queued\nreset\nexpect within 30 dropped\n");
        assertEquals(new Step.ExpectEorQueued(11, 60), s.steps().get(1));
        assertEquals(new Step.Reset(12), s.steps().get(2));
        assertEquals(new Step.ExpectDropped(13, 30), s.steps().get(3));
    }

    @Test
    void overHighWaterTakesTheScenariosHighWaterMark() throws ScenarioException {
        assertEquals(new Step.ExpectOverHighWater(11, 1024 * 1024, 10),
                ScenarioParser.parse("t", CONFIG + "accept\nexpect over-high-water\n").steps().get(1));
        assertEquals(new Step.ExpectOverHighWater(12, 2000, 60),
                ScenarioParser.parse("t", "water-marks: 1000 2000 3000\n" + CONFIG + "accept\nexpect within 60 over-high-water\n").steps().get(1));
    }
}
