package dev.twinbgp.jmh.keepalive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.bgp.rib.Route;
import dev.twinbgp.jmh.transfer.FullTableTransfer;
import dev.twinbgp.jmh.transfer.Pairing;
import dev.twinbgp.jmh.transfer.TableShape;
import dev.twinbgp.jmh.transfer.TransferResult;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * CI smoke test of the keepalives-under-load harness (issue 7): a 20,000-prefix diverse transfer
 * per pairing over real loopback sockets, run directly (not through the JMH runner). It checks the
 * transfer completes with both sessions up and gaps are recorded in both directions; never how
 * long they are.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class KeepaliveUnderLoadSmokeTest {
    private static final int PREFIXES = 20_000;
    private static List<Route> table;

    @BeforeAll
    static void buildTable() {
        table = TableShape.DIVERSE.routes(PREFIXES, FullTableTransfer.SENDER_AS, KeepaliveUnderLoad.senderNextHop());
    }

    @ParameterizedTest
    @EnumSource(Pairing.class)
    void transfersWhileBothSessionsKeepTheirKeepalives(Pairing pairing) throws Exception {
        try (KeepaliveUnderLoad run = KeepaliveUnderLoad.prepare(pairing, table)) {
            TransferResult transfer = run.run(240, TimeUnit.SECONDS);
            assertEquals(PREFIXES, transfer.prefixes(), "run() checks this itself; here for the record");
            KeepaliveResult r = run.gaps(transfer);
            assertTrue(r.fromSenderGaps().length >= 1, "a gap spans the transfer, from the sender");
            assertTrue(r.fromReceiverGaps().length >= 1, "a gap spans the transfer, from the receiver");
            for (long g : r.fromSenderGaps()) {
                assertTrue(g >= 0, "arrivals in order");
            }
        }
    }

    @Test
    void gapsCoverTheWindowIncludingBothEnds() {
        long[] arrivals = {0, 1_000, 2_000, 3_500, 4_500, 5_500};
        assertArrayEquals(new long[] {1_000, 1_500, 1_000}, KeepaliveGaps.covering(arrivals, 1_200, 4_000));
        assertArrayEquals(new long[] {1_500}, KeepaliveGaps.covering(arrivals, 2_000, 3_500));
        assertThrows(IllegalArgumentException.class, () -> KeepaliveGaps.covering(arrivals, 1_000, 6_000));
    }

    @Test
    void percentileIsNearestRank() {
        long[] gaps = new long[100];
        for (int i = 0; i < gaps.length; i++) {
            gaps[i] = i + 1;
        }
        assertEquals(99, KeepaliveGaps.percentile(gaps, 99));
        assertEquals(100, KeepaliveGaps.max(gaps));
        assertEquals(7, KeepaliveGaps.percentile(new long[] {7}, 99));
        assertEquals(0, KeepaliveGaps.percentile(new long[0], 99));
    }
}
