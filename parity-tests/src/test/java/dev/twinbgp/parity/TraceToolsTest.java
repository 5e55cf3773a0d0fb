package dev.twinbgp.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

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
                "sent Keepalive[]", "received Keepalive[]", "json { \"time\": 1.5, \"host\": \"h\", \"pid\": 7, \"ppid\": 1, \"counter\": 9, \"type\": \"keepalive\" }",
                "json { \"time\": 1.5, \"host\": \"h\", \"pid\": 7, \"ppid\": 1, \"counter\": 9, \"type\": \"state\" }",
                "down [java.io.IOException: Connection reset by peer] (was established)",
                "connected 127.0.0.1:40123");
        assertEquals(List.of(
                "sent Keepalive[]", "received Keepalive[]",
                "established hold 3 keepalive 1",
                "json { \"time\": 0, \"host\": \"host\", \"pid\": 0, \"ppid\": 0, \"counter\": 0, \"type\": \"state\" }",
                "down [connection lost] (was established)",
                "connected 127.0.0.1:PORT"), TraceNormaliser.normalise(raw));
    }

    @Test
    void refusedConnectsKeepTheirRestartDelayAndMarksKeepOnlyWhetherKeepalivesFlowed() {
        List<String> raw = List.of(
                "down [could not connect to the peer: 127.0.0.1:4321: Connection refused: /127.0.0.1:4321; restarting in 1 s]",
                "down [could not connect to the peer: 127.0.0.1:4321: Connection refused; restarting in 2 s]",
                "mark a: keepalives sent 3 received 0",
                "mark b: keepalives sent 0 received 12");
        assertEquals(List.of(
                "down [could not connect to the peer: connection refused; restarting in 1 s]",
                "down [could not connect to the peer: connection refused; restarting in 2 s]",
                "mark a: keepalives sent >= 1 received 0",
                "mark b: keepalives sent 0 received >= 1"), TraceNormaliser.normalise(raw));
    }

    @Test
    void longRunsOfSentUpdatesAreSummarisedWithADigest() {
        List<String> raw = new java.util.ArrayList<>();
        raw.add("established hold 90 keepalive 30");
        for (int i = 0; i < 60; i++) {
            raw.add("sent Update[Attributes[], nlri=[10.0." + i + ".0/24, 11.0." + i + ".0/24]]");
            raw.add("sent Keepalive[]"); // dropped first, so it does not break the run
        }
        raw.add("sent Update[End-of-RIB ipv4 unicast]");
        List<String> out = TraceNormaliser.normalise(raw);
        assertEquals(3, out.size(), out.toString());
        assertEquals(true, out.get(1).startsWith("sent 60 UPDATEs (120 prefixes) from Update[Attributes[], nlri=[10.0.0.0/24"),
                out.get(1));
        List<String> other = new java.util.ArrayList<>(raw);
        other.set(7, "sent Update[Attributes[], nlri=[10.9.9.0/24, 11.0.3.0/24]]");
        assertNotEquals(out.get(1), TraceNormaliser.normalise(other).get(1));
        List<String> short50 = TraceNormaliser.normalise(raw.subList(0, 101));
        assertEquals(51, short50.size()); // 50 UPDATEs are listed as they are
    }
}
