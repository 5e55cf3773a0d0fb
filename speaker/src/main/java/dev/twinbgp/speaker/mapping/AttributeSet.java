package dev.twinbgp.speaker.mapping;

import dev.twinbgp.bgp.wire.attribute.Attribute;
import dev.twinbgp.bgp.wire.attribute.Attributes;
import java.util.Arrays;

/**
 * A route's attributes while {@link PathAttributes} and {@link RouteMapping} make them: at most one per type code,
 * a later one replacing an earlier one of its code (as a raw {@code attribute [ ... ]} replaces a typed one), kept
 * in type code order, so {@link Attributes#of} finds them sorted. A few entries in an array, scanned: it was a
 * {@code TreeMap<Integer, Attribute>} - its entries, rebalancing and iterator made once per API attribute set
 * (issue 18: 250,000 sets of a 1M-route table, 6 % of the reader thread's samples). Not thread-safe.
 */
final class AttributeSet {
    private Attribute[] attributes = new Attribute[8];
    /** {@code attributes[i].typeCode()}, ascending. */
    private int[] codes = new int[8];
    private int size;

    /**
     * Adds {@code a}, whose type code is {@code code}, replacing the attribute of that code if there is one. The
     * caller names the code: {@code typeCode()} is an interface call on a dozen record types, which the JIT cannot
     * inline at a site that sees them all.
     */
    void put(int code, Attribute a) {
        int at = 0;
        while (at < size && codes[at] < code) {
            at++;
        }
        if (at < size && codes[at] == code) {
            attributes[at] = a;
            return;
        }
        if (size == attributes.length) {
            attributes = Arrays.copyOf(attributes, size * 2);
            codes = Arrays.copyOf(codes, size * 2);
        }
        System.arraycopy(attributes, at, attributes, at + 1, size - at);
        System.arraycopy(codes, at, codes, at + 1, size - at);
        attributes[at] = a;
        codes[at] = code;
        size++;
    }

    boolean contains(int typeCode) {
        return indexOf(typeCode) >= 0;
    }

    void remove(int typeCode) {
        int at = indexOf(typeCode);
        if (at >= 0) {
            System.arraycopy(attributes, at + 1, attributes, at, size - at - 1);
            System.arraycopy(codes, at + 1, codes, at, size - at - 1);
            attributes[--size] = null;
        }
    }

    /** The attributes sorted by type code ({@link Attributes#of}). */
    Attributes toAttributes() {
        return Attributes.of(Arrays.copyOf(attributes, size)); // an array's list: copied without an iterator
    }

    private int indexOf(int typeCode) {
        for (int i = 0; i < size; i++) {
            if (codes[i] == typeCode) {
                return i;
            }
        }
        return -1;
    }
}
