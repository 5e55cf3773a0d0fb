package dev.twinbgp.speaker.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The water marks, the wake-up and the stall rule of {@link Backlog}, on a manual clock. */
class BacklogTest {
    private final AtomicLong now = new AtomicLong();
    private final Backlog backlog = new Backlog(4, 1, 1000, 100, 5_000, now::get);

    @Test
    void congestedFromTheHighMarkUntilTheLowMarkThenTheWaitersRunOnce() {
        AtomicInteger woken = new AtomicInteger();
        Runnable task = woken::incrementAndGet;
        for (int i = 0; i < 3; i++) {
            backlog.added(10);
        }
        assertFalse(backlog.congested());
        backlog.whenClear(task);
        assertEquals(1, woken.get(), "not congested: the task runs at once");
        backlog.added(10);
        assertTrue(backlog.congested());
        backlog.whenClear(task);
        backlog.whenClear(task); // the same task twice runs once
        backlog.taken(10);
        backlog.taken(10);
        assertTrue(backlog.congested(), "hysteresis: still above the low mark");
        assertEquals(1, woken.get());
        backlog.taken(10);
        assertFalse(backlog.congested());
        assertEquals(2, woken.get());
        assertEquals(4, backlog.maxLines());
        assertEquals(1, backlog.congestions());
    }

    @Test
    void charsCountAsWellAsLines() {
        backlog.added(1000);
        assertTrue(backlog.congested());
        backlog.taken(1000);
        assertFalse(backlog.congested());
    }

    @Test
    void aConsumerThatTakesNothingForTheStallTimeNoLongerHoldsThePeersBack() {
        for (int i = 0; i < 4; i++) {
            backlog.added(10);
        }
        now.addAndGet(4_999);
        assertTrue(backlog.congested());
        now.addAndGet(1);
        assertFalse(backlog.congested());
        assertTrue(backlog.stalled());
        backlog.taken(10); // it reads again: it holds them back again
        assertTrue(backlog.congested());
        assertFalse(backlog.stalled());
    }
}
