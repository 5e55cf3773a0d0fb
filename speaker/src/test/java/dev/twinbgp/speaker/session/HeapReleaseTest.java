package dev.twinbgp.speaker.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeapReleaseTest {
    private static final long SECOND = 1_000_000_000L;
    private final List<Long> asked = new ArrayList<>();
    private final HeapRelease release = new HeapRelease(1_000, 10 * SECOND, asked::add);

    @Test
    void fewRoutesDroppedAskForNothing() {
        assertFalse(release.dropped(999, 0));
        assertFalse(release.dropped(0, SECOND));
        assertEquals(List.of(), asked);
    }

    @Test
    void droppedRoutesAddUpOverSessions() {
        assertFalse(release.dropped(600, 0));
        assertTrue(release.dropped(400, SECOND));
        assertEquals(List.of(1_000L), asked);
        assertFalse(release.dropped(999, 20 * SECOND), "counted again from zero after a collection");
    }

    @Test
    void theFirstCollectionNeedsNoWaitEvenAtClockZero() {
        assertTrue(release.dropped(5_000, 0));
        assertEquals(List.of(5_000L), asked);
    }

    @Test
    void atMostOneCollectionPerIntervalAndWhatWasDroppedMeanwhileIsKept() {
        assertTrue(release.dropped(1_000, 100 * SECOND));
        assertFalse(release.dropped(1_000_000, 105 * SECOND), "a flapping peer: within the interval");
        assertFalse(release.dropped(1, 109 * SECOND));
        assertTrue(release.dropped(0, 110 * SECOND), "the routes dropped meanwhile, once the interval is over");
        assertEquals(List.of(1_000L, 1_000_001L), asked);
    }

    @Test
    void negativeCountsAreIgnored() {
        assertFalse(release.dropped(-5_000, 0));
        assertTrue(release.dropped(1_000, 0));
    }

    @Test
    void theProcessInstanceHasTheDocumentedLimits() {
        assertEquals(100_000, HeapRelease.ROUTES);
        assertEquals(10 * SECOND, HeapRelease.INTERVAL_NANOS);
    }
}
