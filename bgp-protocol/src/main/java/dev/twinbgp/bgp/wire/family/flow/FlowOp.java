package dev.twinbgp.bgp.wire.family.flow;

/**
 * One operator/value pair of a numeric or bitmask component (RFC 8955 section 4.2.1):
 * <pre>
 *   0   1   2   3   4   5   6   7
 * +---+---+---+---+---+---+---+---+
 * | e | a |  len  | 0 |lt |gt |eq |   numeric_op
 * +---+---+---+---+---+---+---+---+
 * | e | a |  len  | 0 | 0 |not| m |   bitmask_op
 * +---+---+---+---+---+---+---+---+
 * </pre>
 * {@code e} (end of list) is set by the encoder on the last pair; {@code len} is the value's size
 * (1 << len octets). {@code flags} keeps the rest of the octet: {@code a} (AND with the previous
 * pair) and the operator bits, reserved bits included as received.
 *
 * @param flags       the operator octet without the end-of-list and length bits
 * @param valueLength 1, 2, 4 or 8
 * @param value       the value, unsigned
 */
public record FlowOp(int flags, int valueLength, long value) {
    public static final int END = 0x80;
    public static final int AND = 0x40;
    public static final int LEN = 0x30;
    public static final int LT = 0x04;
    public static final int GT = 0x02;
    public static final int EQ = 0x01;
    public static final int NOT = 0x02;
    public static final int MATCH = 0x01;

    public FlowOp {
        if ((flags & (END | LEN)) != 0 || flags < 0 || flags > 0xFF) {
            throw new IllegalArgumentException("operator flags " + flags);
        }
        if (valueLength != 1 && valueLength != 2 && valueLength != 4 && valueLength != 8) {
            throw new IllegalArgumentException("value length " + valueLength);
        }
        if (valueLength < 8 && (value < 0 || value >= 1L << (8 * valueLength))) {
            throw new IllegalArgumentException("value " + value + " does not fit " + valueLength + " octets");
        }
    }

    /** The value in the fewest octets allowed, at most {@code maxLength} (1, 2 or 4). */
    public static FlowOp of(int flags, long value, int maxLength) {
        int len = value < 0x100 ? 1 : value < 0x10000 ? 2 : 4;
        if (len > maxLength) {
            throw new IllegalArgumentException("value " + value + " is too large");
        }
        return new FlowOp(flags, len, value);
    }

    public boolean and() {
        return (flags & AND) != 0;
    }

    int wireSize() {
        return 1 + valueLength;
    }

    int writeTo(byte[] out, int pos, boolean last) {
        int lenBits = Integer.numberOfTrailingZeros(valueLength) << 4;
        out[pos++] = (byte) (flags | lenBits | (last ? END : 0));
        for (int i = valueLength - 1; i >= 0; i--) {
            out[pos++] = (byte) (value >>> (8 * i));
        }
        return pos;
    }
}
