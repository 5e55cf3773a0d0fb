package dev.twinbgp.bgp.wire.attribute;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One AS_PATH / AS4_PATH segment (RFC 4271 section 4.3 and 5.1.2, RFC 5065 section 3 for the
 * confederation types): type (1), number of ASes (1), then 2- or 4-octet AS numbers.
 */
public record AsPathSegment(int type, List<Long> asns) {
    public static final int AS_SET = 1;
    public static final int AS_SEQUENCE = 2;
    public static final int AS_CONFED_SEQUENCE = 3;
    public static final int AS_CONFED_SET = 4;

    public AsPathSegment {
        if (type < AS_SET || type > AS_CONFED_SET) {
            throw new IllegalArgumentException("AS_PATH segment type " + type);
        }
        if (!(asns instanceof U32List)) { // a U32List holds unsigned 32-bit values only (the decoder's, unboxed)
            for (long a : asns) {
                if (a < 0 || a > 0xFFFFFFFFL) {
                    throw new IllegalArgumentException("AS number out of range: " + a);
                }
            }
        }
        // int[]-backed: a full table holds hundreds of thousands of decoded segments.
        asns = U32List.copyOf(asns);
        if (asns.isEmpty() || asns.size() > 255) {
            throw new IllegalArgumentException("AS_PATH segment needs 1..255 ASes, not " + asns.size());
        }
    }

    public static AsPathSegment sequence(Long... asns) {
        return new AsPathSegment(AS_SEQUENCE, List.of(asns));
    }

    public static AsPathSegment set(Long... asns) {
        return new AsPathSegment(AS_SET, List.of(asns));
    }

    public boolean isConfederation() {
        return type == AS_CONFED_SEQUENCE || type == AS_CONFED_SET;
    }

    /** The segment's contribution to the path length (RFC 4271 section 9.1.2.2 a; RFC 5065 section 5.3). */
    public int pathLength() {
        return switch (type) {
            case AS_SEQUENCE -> asns.size();
            case AS_SET -> 1;
            default -> 0;
        };
    }

    public String typeName() {
        return switch (type) {
            case AS_SET -> "as-set";
            case AS_SEQUENCE -> "as-sequence";
            case AS_CONFED_SEQUENCE -> "confed-sequence";
            default -> "confed-set";
        };
    }

    /** {@code 1 2 3} for a sequence, {@code { 1 2 }} for a set, {@code ( 1 2 )} / {@code [ 1 2 ]} for confederation types. */
    @Override
    public String toString() {
        String body = asns.stream().map(String::valueOf).collect(Collectors.joining(" "));
        return switch (type) {
            case AS_SEQUENCE -> body;
            case AS_SET -> "{ " + body + " }";
            case AS_CONFED_SEQUENCE -> "( " + body + " )";
            default -> "[ " + body + " ]";
        };
    }
}
