package dev.twinbgp.bgp.wire.attribute;

import dev.twinbgp.bgp.wire.Bytes;

/**
 * An allocation-free check that a received path attribute field is the common, clean case: the
 * decoder's fast path ({@link UpdateCodec}) keeps such a field as octets and decodes it only when
 * someone asks ({@link Attributes#fromReceived}).
 *
 * <p>Each attribute is (RFC 4271 section 4.3):
 * <pre>
 *  0                   1                   2
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 ...
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+---------
 * |O|T|P|E| unused|   Type Code   |    Length     | Value...
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+---------
 * </pre>
 * {@link #accepts} says yes only when {@link AttributeCodec#decode} would, for every attribute,
 * return an object and raise nothing, and {@link UpdateCodec#decode} would then report no attribute
 * error for an UPDATE with a non-empty IPv4 NLRI field. It declines (false) on anything else, and
 * on much that is merely unusual; the full decoder then handles it. Accepted:
 * <ul>
 *   <li>only ORIGIN, AS_PATH, NEXT_HOP, MULTI_EXIT_DISC, LOCAL_PREF, ATOMIC_AGGREGATE, AGGREGATOR,
 *       COMMUNITIES, ORIGINATOR_ID, CLUSTER_LIST, EXTENDED_COMMUNITIES, LARGE_COMMUNITY - so never
 *       MP_REACH/MP_UNREACH (RFC 4760), AS4_PATH/AS4_AGGREGATOR (RFC 6793) or an unknown type;</li>
 *   <li>each with exactly its RFC flags octet: no Partial, no Extended Length, unused bits zero
 *       (RFC 4271 section 5; a flag conflict is RFC 7606 section 3 c);</li>
 *   <li>in strictly ascending type order, so no attribute repeats (RFC 7606 section 3 g) and the
 *       decoded list needs no sorting;</li>
 *   <li>each fitting the field (RFC 7606 section 4), with the length and value its RFC section
 *       requires (RFC 7606 section 7, RFC 8092 section 6);</li>
 *   <li>ORIGIN, AS_PATH and NEXT_HOP all present (RFC 4271 section 6.3, RFC 7606 section 3 d).</li>
 * </ul>
 */
public final class AttributeScan {
    private static final int MANDATORY = 1 << Attribute.ORIGIN | 1 << Attribute.AS_PATH | 1 << Attribute.NEXT_HOP;

    private AttributeScan() {
    }

    /**
     * True when the {@code len} octets at {@code off} are a path attribute field the full decoder
     * would decode without any error, MP attribute or sorting, for a session with ({@code asn4}) or
     * without 4-octet AS numbers; false otherwise. Allocates nothing.
     */
    public static boolean accepts(byte[] b, int off, int len, boolean asn4) {
        return scan(b, off, len, asn4) == MANDATORY;
    }

    /**
     * As {@link #accepts}, without asking for the mandatory attributes: a field whose every attribute
     * the full decoder reads back exactly as it is written (an UPDATE without NLRI needs none of them,
     * RFC 4271 section 6.3) - a route's set whose next hop goes in MP_REACH_NLRI has no NEXT_HOP.
     */
    public static boolean acceptsEach(byte[] b, int off, int len, boolean asn4) {
        return scan(b, off, len, asn4) >= 0;
    }

    /** The mandatory attributes seen (a bit per type code) when every attribute is clean, else -1. */
    private static int scan(byte[] b, int off, int len, boolean asn4) {
        int end = off + len;
        int p = off;
        int last = 0; // type codes start at 1: 0 is never accepted
        int seen = 0;
        while (p < end) {
            if (end - p < 3) {
                return -1; // a header overrunning the field
            }
            int flags = b[p] & 0xFF;
            int type = b[p + 1] & 0xFF;
            int vOff = p + 3; // the Extended Length bit is refused, so the length is one octet
            int vlen = b[p + 2] & 0xFF;
            if (type <= last || vlen > end - vOff || flags != expectedFlags(type) || !valueOk(type, b, vOff, vlen, asn4)) {
                return -1;
            }
            if (type <= Attribute.NEXT_HOP) {
                seen |= 1 << type;
            }
            last = type;
            p = vOff + vlen;
        }
        return seen;
    }

    /** The exact flags octet of a covered type (RFC 4271 section 5, RFC 4456, RFC 4360, RFC 8092), or -1. */
    private static int expectedFlags(int type) {
        return switch (type) {
            case Attribute.ORIGIN, Attribute.AS_PATH, Attribute.NEXT_HOP, Attribute.MULTI_EXIT_DISC, Attribute.LOCAL_PREF,
                 Attribute.ATOMIC_AGGREGATE, Attribute.AGGREGATOR, Attribute.COMMUNITIES, Attribute.ORIGINATOR_ID,
                 Attribute.CLUSTER_LIST, Attribute.EXTENDED_COMMUNITIES, Attribute.LARGE_COMMUNITY -> Attribute.defaultFlags(type);
            default -> -1;
        };
    }

    /** The value rules of {@link AttributeCodec#decode} for each covered type, as a yes/no. */
    private static boolean valueOk(int type, byte[] b, int off, int len, boolean asn4) {
        return switch (type) {
            // RFC 7606 section 7.1: one octet, IGP, EGP or INCOMPLETE.
            case Attribute.ORIGIN -> len == 1 && (b[off] & 0xFF) <= Attribute.Origin.INCOMPLETE;
            case Attribute.AS_PATH -> asPathOk(b, off, len, asn4 ? 4 : 2); // RFC 7606 section 7.2
            case Attribute.NEXT_HOP -> len == 4 && usableNextHop(Bytes.s32(b, off)); // RFC 7606 section 7.3
            // RFC 7606 sections 7.4, 7.5, 7.9: four octets.
            case Attribute.MULTI_EXIT_DISC, Attribute.LOCAL_PREF, Attribute.ORIGINATOR_ID -> len == 4;
            case Attribute.ATOMIC_AGGREGATE -> len == 0; // RFC 7606 section 7.6
            case Attribute.AGGREGATOR -> len == (asn4 ? 8 : 6); // RFC 7606 section 7.7, RFC 6793
            // RFC 7606 sections 7.8, 7.10, 7.14, RFC 8092 section 6: a non-zero multiple of the unit.
            case Attribute.COMMUNITIES, Attribute.CLUSTER_LIST -> len != 0 && len % 4 == 0;
            case Attribute.EXTENDED_COMMUNITIES -> len != 0 && len % 8 == 0;
            case Attribute.LARGE_COMMUNITY -> len != 0 && len % 12 == 0;
            default -> false;
        };
    }

    /** RFC 4271 section 6.3: not 0.0.0.0 and not multicast (224.0.0.0/4). */
    private static boolean usableNextHop(int address) {
        return address != 0 && (address >>> 28) != 0xE;
    }

    /**
     * AS_PATH segments (RFC 4271 section 4.3) exactly as {@code AttributeCodec.segments} accepts them:
     * <pre>
     * +--------------+--------------+---------------------------------+
     * | type (1)     | count (1)    | count ASes of asSize octets     |
     * +--------------+--------------+---------------------------------+
     * </pre>
     * type AS_SET..AS_CONFED_SET, count non-zero, nothing overrunning the value (RFC 7606 section 7.2).
     * An empty AS_PATH (iBGP) is well-formed.
     */
    private static boolean asPathOk(byte[] b, int off, int len, int asSize) {
        int p = off;
        int end = off + len;
        while (p < end) {
            if (end - p < 2) {
                return false;
            }
            int type = b[p] & 0xFF;
            int n = b[p + 1] & 0xFF;
            p += 2;
            if (type < AsPathSegment.AS_SET || type > AsPathSegment.AS_CONFED_SET || n == 0 || end - p < n * asSize) {
                return false;
            }
            p += n * asSize;
        }
        return true;
    }
}
