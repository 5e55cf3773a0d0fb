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

    /** The decimal digits of 0..255, each number's octets: an IPv4 address is four of them. */
    private static final byte[][] OCTET = new byte[256][];

    static {
        for (int i = 0; i < OCTET.length; i++) {
            OCTET[i] = Integer.toString(i).getBytes(StandardCharsets.US_ASCII);
        }
    }

    /** A decimal number, as {@code Long.toString} writes it. */
    public JsonBytes number(long v) {
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                return append(Long.toString(v));
            }
            append((byte) '-');
            v = -v;
        }
        if (v < 256) {
            ensure(3);
            return octet((int) v);
        }
        int digits = digits(v);
        ensure(digits);
        int i = len + digits;
        len = i;
        // Two digits per division while above int range is rare (a 64-bit value): by 100, a multiply for the JIT.
        while (v > Integer.MAX_VALUE) {
            long q = v / 100;
            int r = (int) (v - q * 100);
            buf[--i] = (byte) ('0' + r % 10);
            buf[--i] = (byte) ('0' + r / 10);
            v = q;
        }
        int x = (int) v;
        while (x >= 100) {
            int q = x / 100;
            int r = x - q * 100;
            buf[--i] = (byte) ('0' + r % 10);
            buf[--i] = (byte) ('0' + r / 10);
            x = q;
        }
        if (x >= 10) {
            buf[--i] = (byte) ('0' + x % 10);
            buf[--i] = (byte) ('0' + x / 10);
        } else {
            buf[--i] = (byte) ('0' + x);
        }
        return this;
    }

    /** {@code v} (not negative), at least {@code width} digits: zeros in front (the six decimals of the time). */
    JsonBytes number(long v, int width) {
        for (int d = digits(v); d < width; d++) {
            append((byte) '0');
        }
        return number(v);
    }

    /** The decimal digits of {@code v} (not negative): comparisons, no division. */
    private static int digits(long v) {
        long p = 10;
        for (int d = 1; d < 19; d++) {
            if (v < p) {
                return d;
            }
            p *= 10;
        }
        return 19;
    }

    /** An unsigned 32-bit value as a dotted quad: {@code 192.0.2.1}. */
    JsonBytes dotted(int v) {
        ensure(15);
        octet(v >>> 24).buf[len++] = '.';
        octet(v >>> 16 & 0xFF).buf[len++] = '.';
        octet(v >>> 8 & 0xFF).buf[len++] = '.';
        return octet(v & 0xFF);
    }

    /** 0..255 with room made already. */
    private JsonBytes octet(int v) {
        byte[] d = OCTET[v];
        for (byte b : d) {
            buf[len++] = b;
        }
        return this;
    }

    /** The octets as a string (tests, and callers that need one). */
    @Override
    public String toString() {
        return new String(buf, 0, len, StandardCharsets.UTF_8);
    }
}
