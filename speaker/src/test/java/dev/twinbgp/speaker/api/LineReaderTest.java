package dev.twinbgp.speaker.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {
    private static LineReader of(String text) {
        return new LineReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void linesCrLfAndTheEnd() throws Exception {
        LineReader r = of("a b\r\nc\n\nlast");
        assertEquals("a b", r.readLine());
        assertEquals("c", r.readLine());
        assertEquals("", r.readLine());
        assertEquals("last", r.readLine());
        assertNull(r.readLine());
    }

    @Test
    void anOverlongLineIsSkippedNotKept() throws Exception {
        String huge = "x".repeat(LineReader.MAX_LINE * 3);
        LineReader r = of(huge + "\nversion\n");
        assertSame(LineReader.TOO_LONG, r.readLine());
        assertEquals("version", r.readLine());
        assertNull(r.readLine());
    }

    @Test
    void aLineOfExactlyTheLimitIsKept() throws Exception {
        String most = "y".repeat(LineReader.MAX_LINE);
        LineReader r = of(most + "\n" + most + "z\n" + most);
        assertEquals(most, r.readLine());
        assertSame(LineReader.TOO_LONG, r.readLine());
        assertEquals(most, r.readLine());
        assertNull(r.readLine());
    }

    /** Lines of every length up to several buffers, with \r\n falling on and across block boundaries. */
    @Test
    void linesAcrossItsBuffer() throws Exception {
        StringBuilder in = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            String line = (i + " ").repeat(i % 37 == 0 ? i * 7 % 9_000 : i % 50);
            expected.add(line);
            in.append(line).append(i % 3 == 0 ? "\r\n" : "\n");
        }
        LineReader r = of(in.toString());
        for (String line : expected) {
            assertEquals(line, r.readLine());
        }
        assertNull(r.readLine());
    }

    /**
     * Two-, three- and four-octet UTF-8 characters falling on and across block boundaries, read in blocks of
     * every size from 1 octet: each line decodes as a decoding reader gives it.
     */
    @Test
    void multiOctetCharactersAcrossBlocks() throws Exception {
        StringBuilder in = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            String line = "community é ∑ 𝄞 " + "ü".repeat(i % 4100) + " " + i;
            expected.add(line);
            in.append(line).append(i % 2 == 0 ? "\r\n" : "\n");
        }
        byte[] octets = in.toString().getBytes(StandardCharsets.UTF_8);
        for (int block : new int[] {1, 3, 8191, 8192, 8193}) {
            LineReader r = new LineReader(new Trickle(octets, block));
            for (String line : expected) {
                assertEquals(line, r.readLine(), "blocks of " + block);
            }
            assertNull(r.readLine());
        }
    }

    /** Malformed UTF-8 becomes U+FFFD as with a decoding reader, and the lines after it are read as usual. */
    @Test
    void malformedOctetsAreReplacedAsAReaderWould() throws Exception {
        byte[] octets = {'a', (byte) 0xC3, '\n', (byte) 0xFF, (byte) 0xE2, (byte) 0x88, 'b', '\n', 'c', '\n'};
        BufferedReader reference = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(octets),
                StandardCharsets.UTF_8));
        LineReader r = new LineReader(new ByteArrayInputStream(octets));
        for (int i = 0; i < 3; i++) {
            assertEquals(reference.readLine(), r.readLine());
        }
        assertNull(r.readLine());
    }

    /** An input that hands out at most {@code block} octets per read, as a pipe may. */
    private static final class Trickle extends InputStream {
        private final byte[] octets;
        private final int block;
        private int pos;

        Trickle(byte[] octets, int block) {
            this.octets = octets;
            this.block = block;
        }

        @Override
        public int read() {
            return pos < octets.length ? octets[pos++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos == octets.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, block), octets.length - pos);
            System.arraycopy(octets, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
