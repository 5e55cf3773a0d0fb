package dev.twinbgp.jmh.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * CI smoke test of the session-scale harness (issue 7): 50 sessions per reactor over 25 speaker
 * listen addresses, so from two real child JVMs (the layout 10,000 sessions use: listen addresses
 * shared by sessions of different client processes), over loopback, twice with the same client
 * processes, run directly (not through the JMH runner). It checks every session comes up and stays
 * up through a short idle window, and that the figures are sane; never how fast.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class SessionScaleSmokeTest {
    private static final int SESSIONS = 50;
    private static final int LISTENERS = 25;

    /*
     * Every reactor, in the reports' order (selector first), as before the list came from the ServiceLoader: in name
     * order (netty first) the selector's run, right after netty's in this JVM, once read -815 B of heap per session
     * in a full suite under load - netty's event loops, shut down asynchronously, freed their buffers between the
     * selector's two heap readings (the likely cause).
     */
    @ParameterizedTest
    @FieldSource("dev.twinbgp.jmh.report.ReactorColumns#ORDER")
    void establishesEverySessionAndKeepsThem(String reactor) throws Exception {
        try (ClientProcesses clients = ClientProcesses.start(reactor, SESSIONS, LISTENERS, SessionScaleBenchmark.HOLD_TIME)) {
            assertEquals(2, clients.processes());
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
    @ValueSource(ints = {1, 50, 2000, 2001, 10000})
    void everyClientProcessHasDistinctSpeakerAddressesAndTheSpeakerDistinctClients(int sessions) {
        int listeners = ScalePlan.listeners(sessions, ScalePlan.MAX_LISTENERS);
        assertTrue(listeners <= ScalePlan.MAX_LISTENERS);
        Set<InetAddress> listenAddresses = Set.copyOf(ScalePlan.listenAddresses(listeners));
        assertEquals(listeners, listenAddresses.size());
        Set<InetAddress> clients = new HashSet<>();
        int covered = 0;
        for (int k = 0; k < ScalePlan.processes(sessions, listeners); k++) {
            Set<InetAddress> speakersOfProcess = new HashSet<>(); // the client's BgpSpeaker names a peer by it
            for (int i = k * listeners; i < Math.min(sessions, (k + 1) * listeners); i++, covered++) {
                assertTrue(speakersOfProcess.add(ScalePlan.speaker(i, listeners)), "speaker address of session " + i);
                assertTrue(listenAddresses.contains(ScalePlan.speaker(i, listeners)));
                byte[] client = ScalePlan.client(i).getAddress();
                assertEquals(127, client[0]);
                assertEquals(1, client[1]);
                assertTrue(client[3] != 0 && client[3] != (byte) 255, "no .0 or .255 host octet");
                assertTrue(clients.add(ScalePlan.client(i)), "client address of session " + i); // the speaker names peers by it
            }
        }
        assertEquals(sessions, covered);
        assertEquals(sessions == 10000 ? 5 : sessions == 2001 ? 2 : 1, ScalePlan.processes(sessions, listeners));
        listenAddresses.forEach(a -> assertEquals(2, a.getAddress()[1]));
    }
}
