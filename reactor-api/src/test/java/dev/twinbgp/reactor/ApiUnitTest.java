package dev.twinbgp.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twinbgp.reactor.spi.OutputBudget;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiUnitTest {

    @Test
    void unknownReactorWithoutProviders() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Reactors.create("foo", ReactorConfig.defaults()));
        assertEquals("unknown reactor 'foo'; available: ", e.getMessage());
    }

    @Test
    void configRejectsInconsistentBounds() {
        assertThrows(IllegalArgumentException.class, () -> ReactorConfig.defaults().withLoopThreads(0));
        assertThrows(IllegalArgumentException.class, () -> ReactorConfig.defaults().withWaterMarks(10, 5, 100));
        assertThrows(IllegalArgumentException.class, () -> ReactorConfig.defaults().withWaterMarks(1, 50, 10));
    }

    @Test
    void outputBudgetHysteresisAndBound() {
        OutputBudget b = new OutputBudget(ReactorConfig.defaults().withWaterMarks(10, 20, 30));
        assertFalse(b.added(20));
        assertTrue(b.added(1));
        assertFalse(b.writable());
        assertFalse(b.removed(5));
        assertFalse(b.removed(6));
        assertTrue(b.removed(1));
        assertTrue(b.writable());
        assertNull(b.overflow(21));
        assertNotNull(b.overflow(22));
    }

    @Test
    void manualLoopRunsTimersInVirtualTime() {
        ManualEventLoop loop = new ManualEventLoop();
        List<String> fired = new ArrayList<>();
        loop.schedule(20, () -> fired.add("20@" + loop.nanoTime()));
        loop.schedule(10, () -> {
            fired.add("10@" + loop.nanoTime());
            loop.execute(() -> fired.add("task"));
        });
        Timer t = loop.schedule(15, () -> fired.add("cancelled"));
        assertTrue(t.cancel());
        loop.advance(15);
        assertEquals(List.of("10@10", "task"), fired);
        loop.advance(100);
        assertEquals(List.of("10@10", "task", "20@20"), fired);
        assertEquals(115, loop.nanoTime());
        assertEquals(0, loop.pendingTimers());
    }
}
