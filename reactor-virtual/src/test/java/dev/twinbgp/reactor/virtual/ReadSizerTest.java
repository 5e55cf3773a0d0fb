package dev.twinbgp.reactor.virtual;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ReadSizerTest {

    @Test
    void startsSmallGrowsOnFullReadsUpToTheBudget() {
        ReadSizer s = new ReadSizer(64 * 1024);
        assertEquals(2048, s.next());
        int[] expected = {4096, 8192, 16384, 32768, 65536, 65536};
        for (int e : expected) {
            s.record(s.next());
            assertEquals(e, s.next());
        }
    }

    @Test
    void shrinksAfterTwoSmallReadsInARow() {
        ReadSizer s = new ReadSizer(64 * 1024);
        for (int i = 0; i < 5; i++) s.record(s.next());
        assertEquals(65536, s.next());
        s.record(19);
        assertEquals(65536, s.next());
        s.record(40000); // more than half: the run of small reads is broken
        s.record(19);
        assertEquals(65536, s.next());
        s.record(19);
        assertEquals(32768, s.next());
        for (int i = 0; i < 20; i++) s.record(19);
        assertEquals(2048, s.next());
    }

    @Test
    void aSmallBudgetBoundsBothEnds() {
        ReadSizer s = new ReadSizer(1000);
        assertEquals(1000, s.next());
        s.record(1000);
        assertEquals(1000, s.next());
        assertEquals(65536, new ReadSizer(1 << 20).next() * 32);
    }
}
