package dev.twinbgp.bgp.wire;

import dev.twinbgp.bgp.wire.family.Nlri;

import java.util.Arrays;

/** A growable big-endian byte sink for the encoders. Not thread-safe; short-lived. */
public final class WireWriter {
    private byte[] buf;
    private int pos;

    public WireWriter(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    private void ensure(int n) {
        if (pos + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
        }
    }

    public WireWriter u8(int v) {
        ensure(1);
        buf[pos++] = (byte) v;
        return this;
    }

    public WireWriter u16(int v) {
        ensure(2);
        Bytes.put16(buf, pos, v);
        pos += 2;
        return this;
    }

    public WireWriter u32(long v) {
        ensure(4);
        Bytes.put32(buf, pos, v);
        pos += 4;
        return this;
    }

    public WireWriter u64(long v) {
        ensure(8);
        Bytes.put64(buf, pos, v);
        pos += 8;
        return this;
    }

    public WireWriter bytes(byte[] b) {
        return bytes(b, 0, b.length);
    }

    public WireWriter bytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, pos, len);
        pos += len;
        return this;
    }

    public WireWriter nlri(Nlri n) {
        ensure(n.wireLength());
        pos = n.writeTo(buf, pos);
        return this;
    }

    public int position() {
        return pos;
    }

    /** Overwrites a 1-octet value written earlier (for lengths known only afterwards). */
    public void set8(int at, int v) {
        buf[at] = (byte) v;
    }

    public void set16(int at, int v) {
        Bytes.put16(buf, at, v);
    }

    /** Moves everything from {@code at} on up by {@code n} octets, leaving a gap to overwrite. */
    public void insert(int at, int n) {
        ensure(n);
        System.arraycopy(buf, at, buf, at + n, pos - at);
        pos += n;
    }

    /** Forgets everything from {@code at} on. */
    public void truncate(int at) {
        pos = at;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }
}
