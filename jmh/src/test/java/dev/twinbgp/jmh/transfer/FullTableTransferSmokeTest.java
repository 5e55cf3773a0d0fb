package dev.twinbgp.jmh.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.bgp.rib.Route;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * CI smoke test of the full-table transfer harness (issue 7): one transfer of 50,000 packed
 * prefixes per pairing, run directly (not through the JMH runner) over real loopback sockets. It
 * checks the transfer completes and its figures are sane, never how fast it was.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class FullTableTransferSmokeTest {
    private static final int PREFIXES = 50_000;
    private static List<Route> table;

    @BeforeAll
    static void buildTable() {
        table = TableShape.PACKED.routes(PREFIXES, FullTableTransfer.SENDER_AS, FullTableTransfer.senderNextHop());
    }

    @ParameterizedTest
    @EnumSource(Pairing.class)
    void transfersTheWholeTable(Pairing pairing) throws Exception {
        try (FullTableTransfer transfer = FullTableTransfer.prepare(pairing, table)) {
            TransferResult result = transfer.run(240, TimeUnit.SECONDS);
            assertEquals(PREFIXES, result.prefixes(), "run() checks this itself; here for the record");
            assertTrue(result.establishedToEorNanos() > 0, "End-of-RIB after Established");
            // 4096-octet UPDATEs of /24s: at least PREFIXES * 4 octets of NLRI went out.
            assertTrue(result.updateBytes() > PREFIXES * 4L, () -> "UPDATE octets: " + result.updateBytes());
            assertTrue(transfer.receiverHeapBytes() > 0, "the receiver retains its table");
        }
    }

    @ParameterizedTest
    @EnumSource(TableShape.class)
    void tablesHaveTheShapeTheBenchmarkPromises(TableShape shape) {
        List<Route> routes = shape.routes(1_000, FullTableTransfer.SENDER_AS, FullTableTransfer.senderNextHop());
        assertEquals(1_000, routes.stream().map(Route::prefix).distinct().count(), "distinct prefixes");
        long paths = routes.stream().map(r -> r.path().attributes()).distinct().count();
        assertEquals(shape == TableShape.PACKED ? 1 : 1_000 / TableShape.PREFIXES_PER_DIVERSE_SET, paths, "attribute sets");
    }
}
