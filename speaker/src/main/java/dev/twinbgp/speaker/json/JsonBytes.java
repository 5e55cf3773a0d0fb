package dev.twinbgp.speaker.json;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable buffer of UTF-8 octets that JSON lines are written into without a {@code String} per line:
 * the event writer's thread formats each line straight into it and hands the whole buffer to one write
 * (issue 18). Numbers and dotted quads are written digit by digit, allocating nothing. Not thread-safe:
 * one owner thread.
 */
public final class JsonBytes {
    private byte[] buf;
    private int len;
    /** The UPDATE formatter's scratch space, owned with this buffer by one thread. */
    private UpdateBytes updateBytes;

    public JsonBytes(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    UpdateBytes updateBytes() {
        UpdateBytes u = updateBytes;
        if (u == null) {
            u = updateBytes = new UpdateBytes();
        }
        return u;
    }

    /** The octets written so far are {@code array()[0 .. length())}; valid until the next append. */
    public byte[] array() {
        return buf;
    }

    public int length() {
        return len;
    }

    /** Forgets what was written after {@code length} (0: everything); the capacity stays. */
    public void truncate(int length) {
        if (length < 0 || length > len) {
            throw new IllegalArgumentException("length " + length + " of " + len);
        }
        len = length;
    }

    /** Room for {@code n} more octets. */
    private void ensure(int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
    }

    public JsonBytes append(byte b) {
        ensure(1);
        buf[len++] = b;
        return this;
    }

    /** Two octets, e.g. {@code ", "}. */
    JsonBytes append(byte a, byte b) {
        ensure(2);
        buf[len++] = a;
        buf[len++] = b;
        return this;
    }

    public JsonBytes append(byte[] octets) {
        return append(octets, 0, octets.length);
    }

    public JsonBytes append(byte[] octets, int from, int to) {
        int n = to - from;
        ensure(n);
        System.arraycopy(octets, from, buf, len, n);
        len += n;
        return this;
    }

    /** A string's UTF-8 octets (as written, no escaping). */
    public JsonBytes append(String s) {
        return append(s.getBytes(StandardCharsets.UTF_8));
    }

    /** A non-negative decimal number, as {@code Long.toString} writes it. */
    public JsonBytes number(long v) {
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                return append(Long.toString(v));
            }
            append((byte) '-');
            v = -v;
        }
        ensure(19);
        if (v < 10) {
            buf[len++] = (byte) ('0' + v);
            return this;
        }
        int digits = digits(v);
        int end = len + digits;
        for (int i = end - 1; i >= len; i--) {
            buf[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        len = end;
        return this;
    }

    /** {@code v}, at least {@code width} digits: zeros in front (the six decimals of the time). */
    JsonBytes number(long v, int width) {
        for (int d = digits(v); d < width; d++) {
            append((byte) '0');
        }
        return number(v);
    }

    private static int digits(long v) {
        int d = 1;
        for (long x = v; x >= 10; x /= 10) {
            d++;
        }
        return d;
    }

    /** An unsigned 32-bit value as a dotted quad: {@code 192.0.2.1}. */
    JsonBytes dotted(int v) {
        number(v >>> 24).append((byte) '.');
        number(v >>> 16 & 0xFF).append((byte) '.');
        number(v >>> 8 & 0xFF).append((byte) '.');
        return number(v & 0xFF);
    }

    /** The octets as a string (tests, and callers that need one). */
    @Override
    public String toString() {
        return new String(buf, 0, len, StandardCharsets.UTF_8);
    }
}
