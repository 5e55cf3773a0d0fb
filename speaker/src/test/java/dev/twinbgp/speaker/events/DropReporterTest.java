package dev.twinbgp.speaker.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DropReporterTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void nothingToReportWithoutDrops() {
        DropReporter r = new DropReporter(SECOND);
        assertEquals(0, r.due(0, 0));
        assertEquals(0, r.due(5 * SECOND, 0));
    }

    @Test
    void reportsAtOnceThenAtMostOncePerIntervalWithTheFreshCount() {
        DropReporter r = new DropReporter(SECOND);
        assertEquals(3, r.due(100, 3), "the first drops are reported at once");
        assertEquals(0, r.due(100 + SECOND / 2, 10), "not again within the interval");
        assertEquals(7, r.due(100 + SECOND, 10), "then the drops since the last report");
        assertEquals(0, r.due(100 + 3 * SECOND, 10), "no new drops, no report");
        assertEquals(1, r.due(100 + 4 * SECOND, 11));
    }
}
