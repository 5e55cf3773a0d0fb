package dev.twinbgp.bgp.wire.family;

import java.util.ArrayList;
import java.util.List;

/**
 * An MPLS label stack as NLRI carry it (RFC 8277 section 2, RFC 3032 section 2.1): 3 octets per label,
 * <pre>
 * +----------------------------------+-------+---+
 * |          Label (20 bits)         | TC(3) | S |   S = bottom of stack, set on the last label
 * +----------------------------------+-------+---+
 * </pre>
 * Shared by the labeled families (labeled unicast, L3VPN, EVPN, VPLS). The stack ends at the entry with
 * the S bit, or (as ExaBGP reads it) at 0x800000, the value RFC 8277 section 2.4 (RFC 3107 section 3)
 * puts in a withdrawal, or at 0x000000. Immutable; the 24-bit entries are kept as received.
 */
public final class LabelStack {
    /** The label field of a withdrawal (RFC 8277 section 2.4: the receiver ignores it). */
    public static final int WITHDRAW = 0x800000;
    /** The largest 20-bit label. */
    public static final int MAX_LABEL = (1 << 20) - 1;

    private final int[] entries; // 24-bit entries as on the wire

    private LabelStack(int[] entries) {
        this.entries = entries;
    }

    /** The stack of {@code labels} (20-bit values), the bottom-of-stack bit set on the last one. */
    public static LabelStack of(List<Integer> labels) {
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("a label stack has at least one label");
        }
        int[] e = new int[labels.size()];
        for (int i = 0; i < e.length; i++) {
            int label = labels.get(i);
            if (label < 0 || label > MAX_LABEL) {
                throw new IllegalArgumentException("label " + label + " out of range 0-" + MAX_LABEL);
            }
            e[i] = label << 4 | (i == e.length - 1 ? 1 : 0);
        }
        return new LabelStack(e);
    }

    /** The one-entry stack of a withdrawal, 0x800000 (RFC 8277 section 2.4). */
    public static LabelStack withdrawal() {
        return new LabelStack(new int[] {WITHDRAW});
    }

    /**
     * The number of octets of the stack at {@code p}, reading at most {@code maxOctets} (a multiple of 3 is
     * read): up to and including the entry with the S bit, 0x800000 or 0x000000; all of {@code maxOctets}
     * (rounded down to whole entries) when none has it.
     */
    public static int octets(byte[] b, int p, int maxOctets) {
        int n = 0;
        while (n + 3 <= maxOctets) {
            int e = entry(b, p + n);
            n += 3;
            if ((e & 1) != 0 || e == WITHDRAW || e == 0) {
                break;
            }
        }
        return n;
    }

    /** The stack of {@code octets} octets (a multiple of 3) at {@code p}. */
    public static LabelStack read(byte[] b, int p, int octets) {
        int[] e = new int[octets / 3];
        for (int i = 0; i < e.length; i++) {
            e[i] = entry(b, p + 3 * i);
        }
        return new LabelStack(e);
    }

    private static int entry(byte[] b, int p) {
        return (b[p] & 0xFF) << 16 | (b[p + 1] & 0xFF) << 8 | b[p + 2] & 0xFF;
    }

    /** Octets on the wire. */
    public int wireLength() {
        return entries.length * 3;
    }

    public int writeTo(byte[] out, int pos) {
        for (int e : entries) {
            out[pos++] = (byte) (e >>> 16);
            out[pos++] = (byte) (e >>> 8);
            out[pos++] = (byte) e;
        }
        return pos;
    }

    /** The 20-bit labels, top first. */
    public List<Integer> labels() {
        List<Integer> out = new ArrayList<>(entries.length);
        for (int e : entries) {
            out.add(e >>> 4);
        }
        return out;
    }

    /** The 24-bit entries as on the wire (label, traffic class, S bit), top first. */
    public List<Integer> entries() {
        List<Integer> out = new ArrayList<>(entries.length);
        for (int e : entries) {
            out.add(e);
        }
        return out;
    }

    /** ExaBGP's JSON value: {@code [[label, entry], ...]}, e.g. {@code [[1000, 16001]]}. */
    public List<long[]> json() {
        List<long[]> out = new ArrayList<>(entries.length);
        for (int e : entries) {
            out.add(new long[] {e >>> 4, e});
        }
        return out;
    }

    /** ExaBGP's text: {@code label 1000} or {@code label [ 1000 1001 ]}. */
    @Override
    public String toString() {
        if (entries.length == 1) {
            return "label " + (entries[0] >>> 4);
        }
        StringBuilder sb = new StringBuilder("label [");
        for (int e : entries) {
            sb.append(' ').append(e >>> 4);
        }
        return sb.append(" ]").toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelStack s && java.util.Arrays.equals(s.entries, entries);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(entries);
    }

}
