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

    /** 10^0 .. 10^9. */
    private static final int[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000,
        1_000_000_000};
    /** {@code 00} .. {@code 99}: the two digits of n at {@code [2n]} and {@code [2n + 1]}. */
    private static final byte[] PAIRS = new byte[200];
    /**
     * 0..255 packed: its one to three ASCII digits in the low three octets (the first lowest), their count in the
     * top octet - an IPv4 address is four of them, each written with three stores and no loop.
     */
    private static final int[] OCTETS = new int[256];

    static {
        for (int i = 0; i < 100; i++) {
            PAIRS[2 * i] = (byte) ('0' + i / 10);
            PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
        for (int i = 0; i < OCTETS.length; i++) {
            byte[] d = Integer.toString(i).getBytes(StandardCharsets.US_ASCII);
            int packed = d.length << 24;
            for (int k = 0; k < d.length; k++) {
                packed |= (d[k] & 0xFF) << (8 * k);
            }
            OCTETS[i] = packed;
        }
    }

    /**
     * A decimal number, as {@code Long.toString} writes it. The common values (AS numbers, communities, MED,
     * lengths: not negative, in int range) take {@link #natural}: two digits per division, from a table (issue 18,
     * "evcpu": this was the event writer's hottest method).
     */
    public JsonBytes number(long v) {
        if (v >= 0 && v <= Integer.MAX_VALUE) {
            return natural((int) v);
        }
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                return append(Long.toString(v));
            }
            append((byte) '-');
            v = -v;
            if (v <= Integer.MAX_VALUE) {
                return natural((int) v);
            }
        }
        int digits = digits(v);
        ensure(digits);
        int i = len + digits;
        len = i;
        // Two digits per division above int range (a 64-bit value, rare): by 100, a multiply for the JIT.
        while (v > Integer.MAX_VALUE) {
            long q = v / 100;
            int r = (int) (v - q * 100) << 1;
            buf[--i] = PAIRS[r + 1];
            buf[--i] = PAIRS[r];
            v = q;
        }
        pairs(buf, i, (int) v);
        return this;
    }

    /** {@code x} (not negative) in decimal. */
    private JsonBytes natural(int x) {
        if (x < 256) {
            ensure(3);
            len = octet(buf, len, x);
            return this;
        }
        // The digit count without a branch per size (a size one line in thousands has was a trap in the compiled
        // writer): log10 from the bit length (x 1233 / 4096), one less when below that power of ten.
        int t = (32 - Integer.numberOfLeadingZeros(x)) * 1233 >>> 12;
        int digits = t + 1 - ((x - POWERS[t]) >>> 31);
        ensure(digits);
        int end = len + digits;
        pairs(buf, end, x);
        len = end;
        return this;
    }

    /** The digits of {@code x} (not negative) ending before {@code end}, from the last two up. */
    private static void pairs(byte[] b, int end, int x) {
        int i = end;
        while (x >= 100) {
            int q = x / 100;
            int r = (x - q * 100) << 1;
            b[--i] = PAIRS[r + 1];
            b[--i] = PAIRS[r];
            x = q;
        }
        if (x >= 10) {
            b[--i] = PAIRS[2 * x + 1];
            b[--i] = PAIRS[2 * x];
        } else {
            b[--i] = (byte) ('0' + x);
        }
    }

    /**
     * {@code v} (0 .. 999,999) in exactly six digits, zeros in front: the decimals of a line's time. Three pairs, no
     * branch on the value - {@link #number(long, int)}'s loop over the missing zeros, taken by one line in ten, was a
     * trap that had C2 compile the UPDATE line's writer twice (issue 18, "evcpu").
     */
    JsonBytes sixDigits(int v) {
        ensure(6);
        byte[] b = buf;
        int i = len + 6;
        len = i;
        for (int k = 0; k < 3; k++) {
            int q = v / 100;
            int r = (v - q * 100) << 1;
            b[--i] = PAIRS[r + 1];
            b[--i] = PAIRS[r];
            v = q;
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
        ensure(15); // the last octet's three stores end at most 15 octets on
        byte[] b = buf;
        int p = octet(b, len, v >>> 24);
        b[p++] = '.';
        p = octet(b, p, v >>> 16 & 0xFF);
        b[p++] = '.';
        p = octet(b, p, v >>> 8 & 0xFF);
        b[p++] = '.';
        len = octet(b, p, v & 0xFF);
        return this;
    }

    /** 0..255 at {@code p} (room for three octets made already); returns the position after its digits. */
    private static int octet(byte[] b, int p, int v) {
        int packed = OCTETS[v];
        b[p] = (byte) packed;
        b[p + 1] = (byte) (packed >>> 8);
        b[p + 2] = (byte) (packed >>> 16);
        return p + (packed >>> 24);
    }

    /** The octets as a string (tests, and callers that need one). */
    @Override
    public String toString() {
        return new String(buf, 0, len, StandardCharsets.UTF_8);
    }
}
