package dev.twinbgp.bgp.wire.attribute;

import java.util.AbstractList;
import java.util.Collection;
import java.util.List;
import java.util.RandomAccess;

/**
 * An immutable {@code List<Long>} of unsigned 32-bit values (AS numbers, RFC 1997 communities)
 * kept in an {@code int[]}: 4 octets per value instead of a reference and a boxed {@code Long}
 * (about 20 octets). A full table holds hundreds of thousands of decoded AS paths and community
 * lists, so this is most of what a decoded attribute set weighs. Equality and hash code follow
 * the {@link List} contract, so it equals any list of the same values.
 */
public final class U32List extends AbstractList<Long> implements RandomAccess {
    static final U32List EMPTY = new U32List(new int[0]);

    private final int[] values;

    private U32List(int[] values) {
        this.values = values;
    }

    /** The decoder's array, taken as is (nobody else holds it). */
    static U32List wrap(int[] values) {
        return values.length == 0 ? EMPTY : new U32List(values);
    }

    /** An immutable copy; NullPointerException on a null element, IllegalArgumentException outside 0..2^32-1. */
    static U32List copyOf(Collection<Long> list) {
        if (list instanceof U32List u) {
            return u;
        }
        int[] out = new int[list.size()];
        int i = 0;
        for (long v : list) {
            out[i++] = (int) requireUnsigned(v);
        }
        return wrap(out);
    }

    private static long requireUnsigned(long v) {
        if (v < 0 || v > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("not an unsigned 32-bit value: " + v);
        }
        return v;
    }

    /** A copy of {@code values}; IllegalArgumentException outside 0..2^32-1. */
    static U32List ofUnsigned(long[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (int) requireUnsigned(values[i]);
        }
        return wrap(out);
    }

    /** The value at {@code index}, unboxed. */
    long at(int index) {
        return values[index] & 0xFFFF_FFFFL;
    }

    @Override
    public Long get(int index) {
        return at(index);
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int v : values) {
            h = 31 * h + Long.hashCode(v & 0xFFFF_FFFFL);
        }
        return h;
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof U32List u) {
            return java.util.Arrays.equals(u.values, values);
        }
        return super.equals(o);
    }
}
