package dev.twinbgp.speaker.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.BufferedReader;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class LineReaderTest {
    @Test
    void linesCrLfAndTheEnd() throws Exception {
        LineReader r = new LineReader(new BufferedReader(new StringReader("a b\r\nc\n\nlast")));
        assertEquals("a b", r.readLine());
        assertEquals("c", r.readLine());
        assertEquals("", r.readLine());
        assertEquals("last", r.readLine());
        assertNull(r.readLine());
    }

    @Test
    void anOverlongLineIsSkippedNotKept() throws Exception {
        String huge = "x".repeat(LineReader.MAX_LINE * 3);
        LineReader r = new LineReader(new BufferedReader(new StringReader(huge + "\nversion\n")));
        assertSame(LineReader.TOO_LONG, r.readLine());
        assertEquals("version", r.readLine());
        assertNull(r.readLine());
    }

    /** Lines of every length up to several buffers, with \r\n falling on and across block boundaries. */
    @Test
    void linesAcrossItsBuffer() throws Exception {
        StringBuilder in = new StringBuilder();
        java.util.List<String> expected = new java.util.ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            String line = (i + " ").repeat(i % 37 == 0 ? i * 7 % 9_000 : i % 50);
            expected.add(line);
            in.append(line).append(i % 3 == 0 ? "\r\n" : "\n");
        }
        LineReader r = new LineReader(new BufferedReader(new StringReader(in.toString())));
        for (String line : expected) {
            assertEquals(line, r.readLine());
        }
        assertNull(r.readLine());
    }
}
