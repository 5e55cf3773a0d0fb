package dev.twinbgp.jmh.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * CI smoke test of the session-scale harness (issue 7): 50 sessions per reactor from a real child
 * JVM over loopback, twice with the same client process, run directly (not through the JMH runner). It checks every session comes up
 * and stays up through a short idle window, and that the figures are sane; never how fast.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class SessionScaleSmokeTest {
    private static final int SESSIONS = 50;

    @ParameterizedTest
    @ValueSource(strings = {"selector", "netty", "virtual"})
    void establishesEverySessionAndKeepsThem(String reactor) throws Exception {
        try (ClientProcess clients = ClientProcess.start(reactor, SESSIONS, SessionScaleBenchmark.HOLD_TIME)) {
            for (int run = 0; run < 2; run++) { // the client process serves successive runs
                try (SessionScale scale = SessionScale.prepare(reactor, SessionScaleBenchmark.HOLD_TIME, clients)) {
                    scale.establish(120, TimeUnit.SECONDS);
                    ScaleResult r = scale.measure(Duration.ofSeconds(1));
                    assertEquals(SESSIONS, r.sessions());
                    assertTrue(r.establishNanos() > 0, "last Established after the first connection");
                    assertTrue(r.heapBytesPerSession() > 0, () -> "sessions retain heap: " + r.heapBytesPerSession());
                    assertEquals(1, r.loopThreads(), "the speaker runs one loop thread (ReactorConfig.defaults())");
                    assertTrue(r.idleLoopCpuNanos() >= 0 && r.idleProcessCpuNanos() >= 0, "CPU times read");
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 249, 250, 999})
    void sessionsGetDistinctLoopbackAddresses(int i) {
        byte[] client = ScalePlan.client(i).getAddress();
        byte[] speaker = ScalePlan.speaker(i).getAddress();
        assertEquals(127, client[0]);
        assertEquals(1, client[1]);
        assertEquals(2, speaker[1]);
        assertEquals(client[2], speaker[2]);
        assertEquals(client[3], speaker[3]);
        assertTrue(client[3] != 0 && client[3] != (byte) 255, "no .0 or .255 host octet");
    }
}
