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
        for (int block : new int[] {1, 3, 8191, 8192, 8193, 65535, 65536, 65537}) {
            LineReader r = new LineReader(new Trickle(octets, block));
            for (String line : expected) {
                assertEquals(line, r.readLine(), "blocks of " + block);
            }
            assertNull(r.readLine());
        }
    }

    /**
     * The API reader's way ({@code ApiProcess.read}): a line looked at as octets where it lies whole in the buffer,
     * then skipped or read as text, mixed at random with plain reads, over lines up to twice the buffer, CR LF
     * endings, multi-octet characters and blocks of every size: every line comes out once, in order, the same as
     * text and as octets; only a line longer than half the buffer may be left to {@code readLine}, and the end of
     * the input is not offered as octets.
     */
    @Test
    void linesLookedAtAsOctetsFirst() throws Exception {
        StringBuilder in = new StringBuilder();
        List<String> expected = new ArrayList<>();
        java.util.Random random = new java.util.Random(18);
        for (int i = 0; i < 4000; i++) {
            int length = random.nextInt(40) == 0 ? random.nextInt(LineReader.MAX_LINE / 2) : random.nextInt(120);
            String unit = "announce é " + i + " ";
            String line = unit.repeat(length / unit.length() + 1).substring(0, length);
            expected.add(line);
            in.append(line).append(random.nextInt(3) == 0 ? "\r\n" : "\n");
        }
        byte[] octets = in.toString().getBytes(StandardCharsets.UTF_8);
        for (int block : new int[] {1, 7, 4096, 65536, 65537, octets.length}) {
            LineReader r = new LineReader(new Trickle(octets, block));
            int asOctets = 0;
            for (String line : expected) {
                int way = random.nextInt(3);
                boolean offered = way > 0 && r.lineBuffered();
                if (way > 0 && !offered) { // only a line longer than half the buffer may be left to readLine
                    assertEquals(true, line.getBytes(StandardCharsets.UTF_8).length + 2 > 32 * 1024, line.length() + " characters");
                }
                if (offered) {
                    String seen = new String(r.octets(), r.lineStart(), r.lineEnd() - r.lineStart(), StandardCharsets.UTF_8);
                    assertEquals(line, seen, "blocks of " + block);
                    asOctets++;
                    if (way == 1) {
                        r.skipLine();
                        continue;
                    }
                }
                assertEquals(line, r.readLine(), "blocks of " + block);
            }
            assertEquals(false, r.lineBuffered());
            assertNull(r.readLine());
            assertEquals(true, asOctets > expected.size() / 2, asOctets + " lines as octets");
        }
    }

    /** The last line without an LF is read as text, not offered as octets. */
    @Test
    void theLastLineWithoutItsEndIsText() throws Exception {
        LineReader r = of("a\nlast");
        assertEquals(true, r.lineBuffered());
        r.skipLine();
        assertEquals(false, r.lineBuffered());
        assertEquals("last", r.readLine());
        assertEquals(false, r.lineBuffered());
        assertNull(r.readLine());
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
