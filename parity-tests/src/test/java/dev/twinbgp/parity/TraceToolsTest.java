package dev.twinbgp.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.twinbgp.speaker.parity.TraceNormaliser;
import dev.twinbgp.speaker.parity.UnifiedDiff;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The unified diff and the normaliser: the two pieces every verdict depends on. */
final class TraceToolsTest {
    @Test
    void equalTracesHaveNoDiff() {
        assertEquals("", UnifiedDiff.diff("a", List.of("x", "y"), "b", List.of("x", "y")));
    }

    @Test
    void aChangedLineShowsWithContext() {
        List<String> left = List.of("1", "2", "3", "4", "5", "6", "7", "8");
        List<String> right = List.of("1", "2", "3", "4", "five", "6", "7", "8");
        assertEquals("""
                --- a
                +++ b
                @@ -2,7 +2,7 @@
                 2
                 3
                 4
                -5
                +five
                 6
                 7
                 8
                """, UnifiedDiff.diff("a", left, "b", right));
    }

    @Test
    void insertionsAndDeletions() {
        assertEquals("""
                --- a
                +++ b
                @@ -1,3 +1,3 @@
                -x
                 y
                 z
                +w
                """, UnifiedDiff.diff("a", List.of("x", "y", "z"), "b", List.of("y", "z", "w")));
    }

    @Test
    void keepalivesAfterEstablishedAndVolatileJsonKeysGo() {
        List<String> raw = List.of(
                "sent Keepalive[]", "received Keepalive[]", "sent Keepalive[]",
                "established hold 3 keepalive 1",
                "sent Keepalive[]", "received Keepalive[]", "json {\"time\":1.5,\"host\":\"h\",\"pid\":7,\"ppid\":1,\"counter\":9,\"type\":\"keepalive\"}",
                "json {\"time\":1.5,\"host\":\"h\",\"pid\":7,\"ppid\":1,\"counter\":9,\"type\":\"state\"}",
                "down [java.io.IOException: Connection reset by peer] (was established)",
                "connected 127.0.0.1:40123");
        assertEquals(List.of(
                "sent Keepalive[]", "received Keepalive[]",
                "established hold 3 keepalive 1",
                "json {\"time\":0,\"host\":\"host\",\"pid\":0,\"ppid\":0,\"counter\":0,\"type\":\"state\"}",
                "down [connection lost] (was established)",
                "connected 127.0.0.1:PORT"), TraceNormaliser.normalise(raw));
    }
}
