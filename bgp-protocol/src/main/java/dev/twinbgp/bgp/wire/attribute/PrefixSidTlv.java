package dev.twinbgp.bgp.wire.attribute;

import dev.twinbgp.bgp.wire.Bytes;

import java.util.Arrays;
import java.util.List;

/**
 * One TLV of the BGP Prefix-SID attribute (type code 40): the SR-MPLS TLVs of RFC 8669 section 3 and the SRv6
 * Service TLVs of RFC 9252 section 2. A TLV of a type not interpreted here is kept as {@link Opaque}, octets as
 * received, so it is passed along unchanged (RFC 8669 section 3: "unknown TLVs MUST be ignored and propagated
 * unmodified"). Every TLV is
 * <pre>
 * +--------+--------+--------+----------------//
 * |  Type  |     Length      |  Value (Length octets)
 * +--------+--------+--------+----------------//
 * </pre>
 * {@link PrefixSidCodec} reads and writes them.
 */
public sealed interface PrefixSidTlv {
    int LABEL_INDEX = 1;
    int ORIGINATOR_SRGB = 3;
    int SRV6_L3_SERVICE = 5;
    int SRV6_L2_SERVICE = 6;

    int type();

    /**
     * Label-Index TLV (RFC 8669 section 3.1), length 7: RESERVED (1), Flags (2), Label Index (4).
     *
     * @param flags none defined; sent as received, 0 when originated
     * @param index the label index, unsigned 32 bits
     */
    record LabelIndex(int flags, long index) implements PrefixSidTlv {
        public LabelIndex {
            if (flags < 0 || flags > 0xFFFF || index < 0 || index > 0xFFFFFFFFL) {
                throw new IllegalArgumentException("label index " + index + " flags " + flags);
            }
        }

        public int type() { return LABEL_INDEX; }
    }

    /**
     * Originator SRGB TLV (RFC 8669 section 3.2), length 2 + 6n: Flags (2), then n ranges of base (3) and
     * range size (3).
     */
    record OriginatorSrgb(int flags, List<SrgbRange> ranges) implements PrefixSidTlv {
        public OriginatorSrgb {
            ranges = List.copyOf(ranges);
            if (flags < 0 || flags > 0xFFFF || ranges.isEmpty()) {
                throw new IllegalArgumentException("an originator SRGB needs at least one range");
            }
        }

        public int type() { return ORIGINATOR_SRGB; }
    }

    /** One SRGB range: first label and number of labels, 24 bits each. */
    record SrgbRange(int base, int size) {
        public SrgbRange {
            if (base < 0 || base > 0xFFFFFF || size < 0 || size > 0xFFFFFF) {
                throw new IllegalArgumentException("SRGB (" + base + "," + size + ") beyond 24 bits");
            }
        }
    }

    /**
     * SRv6 L3 Service TLV (type 5) or SRv6 L2 Service TLV (type 6), RFC 9252 section 2: RESERVED (1), then
     * SRv6 Service Sub-TLVs.
     */
    record Srv6Service(int type, List<Srv6SubTlv> subTlvs) implements PrefixSidTlv {
        public Srv6Service {
            subTlvs = List.copyOf(subTlvs);
            if (type != SRV6_L3_SERVICE && type != SRV6_L2_SERVICE) {
                throw new IllegalArgumentException("SRv6 service TLV type " + type);
            }
        }

        public boolean l3() { return type == SRV6_L3_SERVICE; }
    }

    /** A TLV of another type, its value as received. */
    record Opaque(int type, byte[] value) implements PrefixSidTlv {
        public Opaque {
            value = value.clone();
            if (type < 0 || type > 0xFF || value.length > 0xFFFF) {
                throw new IllegalArgumentException("TLV " + type + " length " + value.length);
            }
        }

        @Override public byte[] value() { return value.clone(); }

        @Override public boolean equals(Object o) {
            return o instanceof Opaque x && x.type == type && Arrays.equals(x.value, value);
        }

        @Override public int hashCode() { return type * 31 + Arrays.hashCode(value); }

        @Override public String toString() { return "Opaque[" + type + ", " + Bytes.hex(value) + "]"; }
    }

    /** An SRv6 Service Sub-TLV (RFC 9252 section 3). */
    sealed interface Srv6SubTlv {
        int SID_INFORMATION = 1;

        int type();
    }

    /**
     * SRv6 SID Information Sub-TLV (RFC 9252 section 3.1), length 21 + sub-sub-TLVs:
     * <pre>
     * +--------+--------+--------+-----------+
     * | Type=1 |     Length      | RESERVED1 |
     * +--------+--------+--------+-----------+
     * |  SRv6 SID Value (16 octets)         //
     * +--------+--------+--------+-----------+
     * | Flags  | Endpoint Behavior | RESERVED2 |
     * +--------+--------+--------+-----------+
     * |  SRv6 Service Data Sub-Sub-TLVs     //
     * +--------------------------------------+
     * </pre>
     *
     * @param behavior the SRv6 endpoint behavior (RFC 8986 section 10.2), 0xFFFF "opaque" when not given
     */
    record SidInformation(byte[] sid, int flags, int behavior, List<Srv6SubSubTlv> subSubTlvs) implements Srv6SubTlv {
        public SidInformation {
            sid = sid.clone();
            subSubTlvs = List.copyOf(subSubTlvs);
            if (sid.length != 16 || flags < 0 || flags > 0xFF || behavior < 0 || behavior > 0xFFFF) {
                throw new IllegalArgumentException("SID information: sid of " + sid.length + " octets, flags " + flags
                        + ", behavior " + behavior);
            }
        }

        public int type() { return SID_INFORMATION; }

        @Override public byte[] sid() { return sid.clone(); }

        /** The SID as text (RFC 5952). */
        public String sidText() { return Bytes.ipv6(sid, 0); }

        @Override public boolean equals(Object o) {
            return o instanceof SidInformation s && Arrays.equals(s.sid, sid) && s.flags == flags && s.behavior == behavior
                    && s.subSubTlvs.equals(subSubTlvs);
        }

        @Override public int hashCode() { return (Arrays.hashCode(sid) * 31 + behavior) * 31 + subSubTlvs.hashCode(); }

        @Override public String toString() {
            return "SidInformation[" + sidText() + " flags " + flags + " behavior " + behavior + " " + subSubTlvs + "]";
        }
    }

    /** A sub-TLV of another type, its value as received. */
    record OpaqueSubTlv(int type, byte[] value) implements Srv6SubTlv {
        public OpaqueSubTlv {
            value = value.clone();
            if (type < 0 || type > 0xFF || value.length > 0xFFFF) {
                throw new IllegalArgumentException("sub-TLV " + type + " length " + value.length);
            }
        }

        @Override public byte[] value() { return value.clone(); }

        @Override public boolean equals(Object o) {
            return o instanceof OpaqueSubTlv x && x.type == type && Arrays.equals(x.value, value);
        }

        @Override public int hashCode() { return type * 31 + Arrays.hashCode(value); }

        @Override public String toString() { return "OpaqueSubTlv[" + type + ", " + Bytes.hex(value) + "]"; }
    }

    /** An SRv6 Service Data Sub-Sub-TLV (RFC 9252 section 3.2). */
    sealed interface Srv6SubSubTlv {
        int SID_STRUCTURE = 1;

        int type();
    }

    /**
     * SRv6 SID Structure Sub-Sub-TLV (RFC 9252 section 3.2.1), length 6: locator block, locator node, function,
     * argument, transposition lengths (bits) and transposition offset, one octet each.
     */
    record SidStructure(int locatorBlock, int locatorNode, int function, int argument, int transpositionLength,
            int transpositionOffset) implements Srv6SubSubTlv {
        public SidStructure {
            for (int v : new int[] {locatorBlock, locatorNode, function, argument, transpositionLength, transpositionOffset}) {
                if (v < 0 || v > 0xFF) {
                    throw new IllegalArgumentException("SID structure field " + v + " beyond one octet");
                }
            }
        }

        public int type() { return SID_STRUCTURE; }
    }

    /** A sub-sub-TLV of another type, its value as received. */
    record OpaqueSubSubTlv(int type, byte[] value) implements Srv6SubSubTlv {
        public OpaqueSubSubTlv {
            value = value.clone();
            if (type < 0 || type > 0xFF || value.length > 0xFFFF) {
                throw new IllegalArgumentException("sub-sub-TLV " + type + " length " + value.length);
            }
        }

        @Override public byte[] value() { return value.clone(); }

        @Override public boolean equals(Object o) {
            return o instanceof OpaqueSubSubTlv x && x.type == type && Arrays.equals(x.value, value);
        }

        @Override public int hashCode() { return type * 31 + Arrays.hashCode(value); }

        @Override public String toString() { return "OpaqueSubSubTlv[" + type + ", " + Bytes.hex(value) + "]"; }
    }
}
