package dev.twinbgp.speaker.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Numbers and dotted quads written digit by digit read as Long.toString and the dotted text write them. */
class JsonBytesTest {
    @Test
    void numbersAsLongToString() {
        JsonBytes out = new JsonBytes(16);
        long[] edges = {0, 9, 10, 99, 100, 255, 256, 999, 1000, 65535, 65536, Integer.MAX_VALUE, Integer.MAX_VALUE + 1L,
                4_294_967_295L, 4_294_967_296L, 999_999_999_999L, Long.MAX_VALUE, -1, -256, Long.MIN_VALUE};
        for (long v : edges) {
            out.truncate(0);
            assertEquals(Long.toString(v), out.number(v).toString());
        }
        SplittableRandom random = new SplittableRandom(18);
        for (int i = 0; i < 100_000; i++) {
            long v = random.nextLong() >>> random.nextInt(64);
            out.truncate(0);
            assertEquals(Long.toString(v), out.number(v).toString());
        }
    }

    @Test
    void paddedNumbersAndDottedQuads() {
        JsonBytes out = new JsonBytes(16);
        assertEquals("000000", out.number(0, 6).toString());
        out.truncate(0);
        assertEquals("000123", out.number(123, 6).toString());
        out.truncate(0);
        assertEquals("999999", out.number(999_999, 6).toString());
        for (int v : new int[] {0, 1, 9, 10, 99, 100, 12_345, 99_999, 100_000, 123_456, 999_999}) {
            out.truncate(0);
            assertEquals(String.format("%06d", v), out.sixDigits(v).toString());
        }
        out.truncate(0);
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 10_000; i++) {
            int v = random.nextInt();
            out.truncate(0);
            assertEquals(Text.dotted(v & 0xFFFFFFFFL), out.dotted(v).toString());
        }
    }
}
