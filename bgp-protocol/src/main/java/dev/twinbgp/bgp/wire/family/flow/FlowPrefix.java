package dev.twinbgp.bgp.wire.family.flow;

import java.util.Arrays;

/**
 * A destination (1) or source (2) prefix component.
 * <pre>
 * IPv4 (RFC 8955 section 4.2.2.1): | type | length (bits) | prefix: ceil(length / 8) octets |
 * IPv6 (RFC 8956 section 3.1):     | type | length | offset | pattern: ceil((length - offset) / 8) octets |
 * </pre>
 * The IPv6 pattern holds the address bits from {@code offset} to {@code length}, starting at the first
 * bit of the pattern. {@code address} keeps those bits at their place in the address, the others zero.
 */
public final class FlowPrefix implements FlowComponent {
    private final int type;
    private final byte[] address; // 4 or 16 octets
    private final int length;
    private final int offset;

    public FlowPrefix(int type, byte[] address, int length, int offset) {
        boolean v6 = address.length == 16;
        if ((type != DESTINATION && type != SOURCE) || (address.length != 4 && !v6) || length < 0
                || length > address.length * 8 || offset < 0 || offset > length || (!v6 && offset != 0)) {
            throw new IllegalArgumentException("prefix component " + type + " /" + length + "/" + offset);
        }
        this.type = type;
        this.length = length;
        this.offset = offset;
        this.address = address.clone();
        for (int bit = 0; bit < this.address.length * 8; bit++) {
            if (bit < offset || bit >= length) {
                this.address[bit >>> 3] &= (byte) ~(0x80 >>> (bit & 7));
            }
        }
    }

    @Override
    public int type() {
        return type;
    }

    public boolean isIpv6() {
        return address.length == 16;
    }

    public byte[] address() {
        return address.clone();
    }

    public int length() {
        return length;
    }

    public int offset() {
        return offset;
    }

    private int patternBytes() {
        return (length - offset + 7) >>> 3;
    }

    @Override
    public int wireSize() {
        return (isIpv6() ? 3 : 2) + patternBytes();
    }

    @Override
    public int writeTo(byte[] out, int pos) {
        out[pos++] = (byte) type;
        out[pos++] = (byte) length;
        if (isIpv6()) {
            out[pos++] = (byte) offset;
        }
        int n = patternBytes();
        for (int i = 0; i < n * 8; i++) {
            int bit = offset + i;
            if (bit < length && (address[bit >>> 3] & (0x80 >>> (bit & 7))) != 0) {
                out[pos + (i >>> 3)] |= (byte) (0x80 >>> (i & 7));
            }
        }
        return pos + n;
    }

    /** Reads the pattern of {@code n} octets at {@code p} back into address bits. */
    static FlowPrefix read(int type, boolean v6, int length, int offset, byte[] b, int p) {
        byte[] a = new byte[v6 ? 16 : 4];
        int bits = length - offset;
        for (int i = 0; i < bits; i++) {
            if ((b[p + (i >>> 3)] & (0x80 >>> (i & 7))) != 0) {
                int bit = offset + i;
                a[bit >>> 3] |= (byte) (0x80 >>> (bit & 7));
            }
        }
        return new FlowPrefix(type, a, length, offset);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FlowPrefix p && p.type == type && p.length == length && p.offset == offset
                && Arrays.equals(p.address, address);
    }

    @Override
    public int hashCode() {
        return ((type * 31 + length) * 31 + offset) * 31 + Arrays.hashCode(address);
    }

    @Override
    public String toString() {
        return FlowText.prefix(this);
    }
}
