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
 *
 * <p>A caller may look at the next line's octets before it becomes a String ({@link #lineBuffered}): the API
 * reader takes its repeated announce lines from them ({@link AnnounceShortcut}), and reads the others as text.
 * <pre>
 *   buffer: | consumed ... | next line .................\n | more lines ... | free |
 *                           ^pos = lineStart()   lineEnd()^ ^lf             ^limit
 * </pre>
 */
final class LineReader {
    static final int MAX_LINE = 64 * 1024;
    /** What {@link #readLine} returns for a line longer than {@link #MAX_LINE}; compare by identity. */
    static final String TOO_LONG = new String("<line too long>");

    private final InputStream in;
    // 64 KiB: a pipe's capacity on Linux, read in one call (issue 18: 1M API lines were 9,000 reads of 8 KiB)
    private final byte[] buffer = new byte[64 * 1024];
    private int pos;
    private int limit;
    /** The LF that ends the line at {@code pos}, once {@link #lineBuffered} found it; -1 otherwise. */
    private int lf = -1;
    /** The start of a line that did not end in the buffer (rare: lines are short), {@code partial} octets of it. */
    private byte[] line = new byte[256];
    private int partial;

    LineReader(InputStream in) {
        this.in = in;
    }

    /** The next line without its end, {@link #TOO_LONG}, or null at the end of the input. */
    String readLine() throws IOException {
        if (lf >= 0) { // found by lineBuffered: the line lies whole in the buffer
            int start = pos;
            int end = lf;
            skipLine();
            return text(buffer, start, end);
        }
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

    /**
     * True when the next line lies whole in the buffer - reading more input first (and blocking, as
     * {@link #readLine} would) while the buffer holds no line end and no more than half of it is unread - then
     * its octets are {@link #octets()} from {@link #lineStart()} to {@link #lineEnd()} until {@link #skipLine()} or
     * {@link #readLine()} consumes it. False at the end of the input, or when more than half the buffer is unread
     * without a line end (a line that long, which {@link #readLine} then reads): a line up to half the buffer is
     * always offered.
     */
    boolean lineBuffered() throws IOException {
        if (lf >= 0) {
            return true;
        }
        int from = pos;
        while (true) {
            for (int i = from; i < limit; i++) {
                if (buffer[i] == '\n') {
                    lf = i;
                    return true;
                }
            }
            int unread = limit - pos;
            if (unread > buffer.length / 2 || !refill()) {
                return false;
            }
            from = unread; // [0, unread) holds no LF
        }
    }

    /** The buffer the line {@link #lineBuffered} found lies in; to read, not to change. */
    byte[] octets() {
        return buffer;
    }

    int lineStart() {
        return pos;
    }

    /** Where the line {@link #lineBuffered} found ends: at its LF, or at the CR before it. */
    int lineEnd() {
        return lf > pos && buffer[lf - 1] == '\r' ? lf - 1 : lf;
    }

    /** Consumes the line {@link #lineBuffered} found. */
    void skipLine() {
        pos = lf + 1;
        lf = -1;
    }

    /**
     * The unread octets moved to the buffer's start and more read behind them: false at the end of the input
     * (what was unread stays, for {@link #readLine}).
     */
    private boolean refill() throws IOException {
        int unread = limit - pos;
        System.arraycopy(buffer, pos, buffer, 0, unread);
        pos = 0;
        limit = unread;
        int n = in.read(buffer, unread, buffer.length - unread);
        if (n <= 0) {
            return false;
        }
        limit = unread + n;
        return true;
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
