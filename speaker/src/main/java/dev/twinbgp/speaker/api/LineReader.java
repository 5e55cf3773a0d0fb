package dev.twinbgp.speaker.api;

import java.io.IOException;
import java.io.Reader;

/**
 * Lines from a process or a control client, each at most {@link #MAX_LINE} characters: a longer line is
 * read to its end but not kept (it comes back as {@link #TOO_LONG}), so no input can make us buffer without
 * bound. {@code \r\n} endings are accepted.
 *
 * <p>It reads blocks into its own buffer and cuts lines out of it (issue 18: a process announcing 1,000,000
 * routes spent a quarter of its reader thread in a {@code read()} and an {@code append} per character).
 */
final class LineReader {
    static final int MAX_LINE = 64 * 1024;
    /** What {@link #readLine} returns for a line longer than {@link #MAX_LINE}; compare by identity. */
    static final String TOO_LONG = new String("<line too long>");

    private final Reader in;
    private final char[] buffer = new char[8192];
    private int pos;
    private int limit;
    /** The start of a line that did not end in the buffer (rare: lines are short). */
    private final StringBuilder line = new StringBuilder();

    LineReader(Reader in) {
        this.in = in;
    }

    /** The next line without its end, {@link #TOO_LONG}, or null at the end of the input. */
    String readLine() throws IOException {
        line.setLength(0);
        boolean tooLong = false;
        boolean any = false;
        while (true) {
            if (pos == limit && !fill()) {
                if (!any) {
                    return null;
                }
                return tooLong ? TOO_LONG : withoutCr(line.toString());
            }
            any = true;
            int start = pos;
            int end = start;
            while (end < limit && buffer[end] != '\n') {
                end++;
            }
            boolean ended = end < limit;
            pos = ended ? end + 1 : end;
            if (ended && line.isEmpty() && !tooLong && end - start <= MAX_LINE) {
                int e = end > start && buffer[end - 1] == '\r' ? end - 1 : end;
                return new String(buffer, start, e - start); // the common case: the whole line in the buffer
            }
            int room = MAX_LINE - line.length();
            if (end - start > room) {
                tooLong = true;
                line.append(buffer, start, Math.max(0, room));
            } else {
                line.append(buffer, start, end - start);
            }
            if (ended) {
                return tooLong ? TOO_LONG : withoutCr(line.toString());
            }
        }
    }

    private static String withoutCr(String s) {
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
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
        return pos < limit || in.ready();
    }
}
