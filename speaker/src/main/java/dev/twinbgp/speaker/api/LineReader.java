package dev.twinbgp.speaker.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * UTF-8 lines from a process or a control client, each at most {@link #MAX_LINE} octets: a longer line is
 * read to its end but not kept (it comes back as {@link #TOO_LONG}), so no input can make us buffer without
 * bound. {@code \r\n} endings are accepted; a malformed UTF-8 sequence becomes U+FFFD, as a decoding reader gives it.
 *
 * <p>It reads blocks of octets into its own buffer and cuts lines out of it, each decoded on its own (issue 18: a
 * process announcing 1,000,000 routes spent a quarter of its reader thread in a {@code read()} and an
 * {@code append} per character, then a tenth in decoding every octet to a {@code char} and compressing it back into
 * the string's octets). A line can be decoded alone because an LF octet never occurs inside a UTF-8 sequence; an
 * ASCII line is copied as it is ({@link String}'s own fast path).
 */
final class LineReader {
    static final int MAX_LINE = 64 * 1024;
    /** What {@link #readLine} returns for a line longer than {@link #MAX_LINE}; compare by identity. */
    static final String TOO_LONG = new String("<line too long>");

    private final InputStream in;
    private final byte[] buffer = new byte[8192];
    private int pos;
    private int limit;
    /** The start of a line that did not end in the buffer (rare: lines are short), {@code partial} octets of it. */
    private byte[] line = new byte[256];
    private int partial;

    LineReader(InputStream in) {
        this.in = in;
    }

    /** The next line without its end, {@link #TOO_LONG}, or null at the end of the input. */
    String readLine() throws IOException {
        partial = 0;
        boolean tooLong = false;
        boolean any = false;
        while (true) {
            if (pos == limit && !fill()) {
                if (!any) {
                    return null;
                }
                return tooLong ? TOO_LONG : text(line, 0, partial);
            }
            any = true;
            int start = pos;
            int end = start;
            while (end < limit && buffer[end] != '\n') {
                end++;
            }
            boolean ended = end < limit;
            pos = ended ? end + 1 : end;
            if (ended && partial == 0 && !tooLong && end - start <= MAX_LINE) {
                return text(buffer, start, end); // the common case: the whole line in the buffer
            }
            int room = MAX_LINE - partial;
            if (end - start > room) {
                tooLong = true;
                keep(start, Math.max(0, room));
            } else {
                keep(start, end - start);
            }
            if (ended) {
                return tooLong ? TOO_LONG : text(line, 0, partial);
            }
        }
    }

    /** {@code n} octets of the buffer from {@code start} added to the line that did not end in it. */
    private void keep(int start, int n) {
        if (partial + n > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, partial + n));
        }
        System.arraycopy(buffer, start, line, partial, n);
        partial += n;
    }

    /** {@code octets[from, to)} decoded, without a final CR. */
    private static String text(byte[] octets, int from, int to) {
        int end = to > from && octets[to - 1] == '\r' ? to - 1 : to;
        return new String(octets, from, end - from, StandardCharsets.UTF_8);
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    /**
     * True when more input is buffered now or arrives within {@code nanos}: how a burst is told from the next
     * one (a program writing its commands back to back, one write each, is a few microseconds apart).
     */
    boolean readyWithin(long nanos) throws IOException {
        if (ready()) { // this reader's own buffer first
            return true;
        }
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() - end < 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(100_000);
            if (ready()) { // this reader's own buffer first
                return true;
            }
        }
        return false;
    }

    /** True when more input is already buffered (reading would not block). */
    boolean ready() throws IOException {
        return pos < limit || in.available() > 0;
    }
}
