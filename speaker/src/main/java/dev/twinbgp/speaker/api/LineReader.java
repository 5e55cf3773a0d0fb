package dev.twinbgp.speaker.api;

import java.io.BufferedReader;
import java.io.IOException;

/**
 * Lines from a process or a control client, each at most {@link #MAX_LINE} characters: a longer line is
 * read to its end but not kept (it comes back as {@link #TOO_LONG}), so no input can make us buffer without
 * bound. {@code \r\n} endings are accepted.
 */
final class LineReader {
    static final int MAX_LINE = 64 * 1024;
    /** What {@link #readLine} returns for a line longer than {@link #MAX_LINE}; compare by identity. */
    static final String TOO_LONG = new String("<line too long>");

    private final BufferedReader in;
    private final StringBuilder line = new StringBuilder();

    LineReader(BufferedReader in) {
        this.in = in;
    }

    /** The next line without its end, {@link #TOO_LONG}, or null at the end of the input. */
    String readLine() throws IOException {
        line.setLength(0);
        boolean tooLong = false;
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (line.length() < MAX_LINE) {
                line.append((char) c);
            } else {
                tooLong = true;
            }
        }
        if (c < 0 && line.isEmpty() && !tooLong) {
            return null;
        }
        if (tooLong) {
            return TOO_LONG;
        }
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
            end--;
        }
        return line.substring(0, end);
    }

    /**
     * True when more input is buffered now or arrives within {@code nanos}: how a burst is told from the next
     * one (a program writing its commands back to back, one write each, is a few microseconds apart).
     */
    boolean readyWithin(long nanos) throws IOException {
        if (in.ready()) {
            return true;
        }
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() - end < 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(100_000);
            if (in.ready()) {
                return true;
            }
        }
        return false;
    }

    /** True when more input is already buffered (reading would not block). */
    boolean ready() throws IOException {
        return in.ready();
    }
}
