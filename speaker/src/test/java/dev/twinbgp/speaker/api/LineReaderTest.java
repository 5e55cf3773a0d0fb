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
}
