package dev.twinbgp.speaker.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link LineQueue}: bounded by its capacity (not its power-of-two ring), first in first out across the wrap. */
class LineQueueTest {
    @Test
    void ringIsThePowerOfTwoAtOrAboveTheCapacity() {
        assertEquals(1, new LineQueue(1).slots());
        assertEquals(2, new LineQueue(2).slots());
        assertEquals(4, new LineQueue(3).slots());
        assertEquals(1024, new LineQueue(1000).slots());
        assertEquals(65_536, new LineQueue(65_536).slots());
    }

    @Test
    void boundedByCapacityAndInOrderAcrossTheWrap() throws InterruptedException {
        LineQueue q = new LineQueue(5); // 8 slots: the counters wrap the ring many times below
        Object[] out = new Object[3];
        int next = 0;
        int expected = 0;
        for (int round = 0; round < 1_000; round++) {
            while (q.offer(next)) {
                next++;
            }
            assertEquals(expected + 5, next, "holds exactly its capacity");
            int n = q.drainTo(out, 3);
            assertEquals(3, n);
            for (int i = 0; i < n; i++) {
                assertEquals(expected++, out[i]);
            }
            assertEquals(expected++, q.poll(0, TimeUnit.NANOSECONDS));
            assertFalse(q.isEmpty());
        }
        assertEquals(1, q.drainTo(out, 3));
        assertEquals(expected, out[0]);
        assertTrue(q.isEmpty());
        assertNull(q.poll(1, TimeUnit.MILLISECONDS));
    }

    @Test
    void pollWakesOnOffer() throws InterruptedException {
        LineQueue q = new LineQueue(4);
        Thread producer = new Thread(() -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            q.offer("line");
        });
        producer.start();
        assertEquals("line", q.poll(10, TimeUnit.SECONDS));
        producer.join();
    }
}
