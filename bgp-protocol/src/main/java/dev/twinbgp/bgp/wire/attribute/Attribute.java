package dev.twinbgp.bgp.wire.attribute;

import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.family.Nlri;

import dev.twinbgp.bgp.wire.Bytes;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A path attribute (RFC 4271 section 4.3 and 5). Each record is immutable; {@link #typeCode()} is the
 * attribute type code and {@link #flags()} the flags it is sent with (the Extended Length bit is set
 * by the encoder when the value needs it).
 * <pre>
 *  0                   1
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |O|T|P|E| unused|  Type Code    |  then Length: 1 octet, or 2 when E is set; then the value
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public sealed interface Attribute {
    int FLAG_OPTIONAL = 0x80;
    int FLAG_TRANSITIVE = 0x40;
    int FLAG_PARTIAL = 0x20;
    int FLAG_EXTENDED_LENGTH = 0x10;

    int ORIGIN = 1;
    int AS_PATH = 2;
    int NEXT_HOP = 3;
    int MULTI_EXIT_DISC = 4;
    int LOCAL_PREF = 5;
    int ATOMIC_AGGREGATE = 6;
    int AGGREGATOR = 7;
    int COMMUNITIES = 8;
    int ORIGINATOR_ID = 9;
    int CLUSTER_LIST = 10;
    int MP_REACH_NLRI = 14;
    int MP_UNREACH_NLRI = 15;
    int EXTENDED_COMMUNITIES = 16;
    int AS4_PATH = 17;
    int AS4_AGGREGATOR = 18;
    int AIGP = 26;
    int LARGE_COMMUNITY = 32;
    int BGP_PREFIX_SID = 40;

    int typeCode();

    /** Optional/transitive flags this attribute is sent with (RFC 4271 section 5 and each attribute's RFC). */
    default int flags() {
        return defaultFlags(typeCode());
    }

    /** The O and T flags the RFCs prescribe for a known type code; for unknown codes, optional transitive. */
    static int defaultFlags(int typeCode) {
        return switch (typeCode) {
            case ORIGIN, AS_PATH, NEXT_HOP, LOCAL_PREF, ATOMIC_AGGREGATE -> FLAG_TRANSITIVE;
            case MULTI_EXIT_DISC, ORIGINATOR_ID, CLUSTER_LIST, MP_REACH_NLRI, MP_UNREACH_NLRI, AIGP -> FLAG_OPTIONAL;
            default -> FLAG_OPTIONAL | FLAG_TRANSITIVE;
        };
    }

    /** The name ExaBGP uses for a type code. */
    static String name(int typeCode) {
        return switch (typeCode) {
            case ORIGIN -> "origin";
            case AS_PATH -> "as-path";
            case NEXT_HOP -> "next-hop";
            case MULTI_EXIT_DISC -> "med";
            case LOCAL_PREF -> "local-preference";
            case ATOMIC_AGGREGATE -> "atomic-aggregate";
            case AGGREGATOR -> "aggregator";
            case COMMUNITIES -> "community";
            case ORIGINATOR_ID -> "originator-id";
            case CLUSTER_LIST -> "cluster-list";
            case MP_REACH_NLRI -> "mp-reach-nlri";
            case MP_UNREACH_NLRI -> "mp-unreach-nlri";
            case EXTENDED_COMMUNITIES -> "extended-community";
            case AS4_PATH -> "as4-path";
            case AS4_AGGREGATOR -> "as4-aggregator";
            case LARGE_COMMUNITY -> "large-community";
            case AIGP -> "aigp";
            case BGP_PREFIX_SID -> "bgp-prefix-sid";
            default -> "attribute-0x" + Integer.toHexString(typeCode).toUpperCase();
        };
    }

    /** ORIGIN (RFC 4271 section 5.1.1): 0 IGP, 1 EGP, 2 INCOMPLETE. */
    record Origin(int value) implements Attribute {
        public static final int IGP = 0;
        public static final int EGP = 1;
        public static final int INCOMPLETE = 2;

        public Origin {
            if (value < 0 || value > 2) {
                throw new IllegalArgumentException("ORIGIN " + value);
            }
        }

        private static final Origin[] VALUES = {new Origin(IGP), new Origin(EGP), new Origin(INCOMPLETE)};

        /** The one instance of each value (a record equal to {@code new Origin(value)}); IllegalArgumentException outside 0-2. */
        public static Origin of(int value) {
            if (value < 0 || value > 2) {
                throw new IllegalArgumentException("ORIGIN " + value);
            }
            return VALUES[value];
        }

        public int typeCode() { return ORIGIN; }

        public String valueName() {
            return switch (value) {
                case IGP -> "igp";
                case EGP -> "egp";
                default -> "incomplete";
            };
        }

        @Override public String toString() { return "Origin[" + valueName() + "]"; }
    }

    /** AS_PATH (RFC 4271 section 5.1.2; 2 or 4 octets per AS by the session, RFC 6793). */
    record AsPath(List<AsPathSegment> segments) implements Attribute {
        public static final AsPath EMPTY = new AsPath(List.of());

        public AsPath { segments = List.copyOf(segments); }

        public static AsPath sequence(Long... asns) {
            return asns.length == 0 ? EMPTY : new AsPath(List.of(new AsPathSegment(AsPathSegment.AS_SEQUENCE, List.of(asns))));
        }

        public int typeCode() { return AS_PATH; }

        /** Path length for route selection (RFC 4271 section 9.1.2.2 a). */
        public int pathLength() {
            return segments.stream().mapToInt(AsPathSegment::pathLength).sum();
        }

        @Override public String toString() { return "AsPath[" + segments.stream().map(String::valueOf).collect(Collectors.joining(" ")) + "]"; }
    }

    /** NEXT_HOP (RFC 4271 section 5.1.3): an IPv4 address. */
    record NextHop(int address) implements Attribute {
        public static NextHop of(String dotted) { return new NextHop(Bytes.parseIpv4(dotted)); }
        public int typeCode() { return NEXT_HOP; }
        public String addressString() { return Bytes.ipv4(address); }
        @Override public String toString() { return "NextHop[" + addressString() + "]"; }
    }

    /** MULTI_EXIT_DISC (RFC 4271 section 5.1.4): unsigned 32-bit. */
    record MultiExitDisc(long value) implements Attribute {
        public MultiExitDisc { requireU32(value); }
        public int typeCode() { return MULTI_EXIT_DISC; }
    }

    /** LOCAL_PREF (RFC 4271 section 5.1.5): unsigned 32-bit. */
    record LocalPref(long value) implements Attribute {
        public LocalPref { requireU32(value); }
        public int typeCode() { return LOCAL_PREF; }
    }

    /** ATOMIC_AGGREGATE (RFC 4271 section 5.1.6): empty. */
    record AtomicAggregate() implements Attribute {
        public int typeCode() { return ATOMIC_AGGREGATE; }
    }

    /** AGGREGATOR (RFC 4271 section 5.1.7; AS 2 or 4 octets by session, RFC 6793 section 3) and an IPv4 address. */
    record Aggregator(long asn, int address) implements Attribute {
        public Aggregator { requireU32(asn); }
        public int typeCode() { return AGGREGATOR; }
        @Override public String toString() { return "Aggregator[" + asn + ":" + Bytes.ipv4(address) + "]"; }
    }

    /** COMMUNITIES (RFC 1997): 32-bit values, e.g. 65000:100 is {@code 65000 << 16 | 100}. */
    record Communities(List<Long> values) implements Attribute {
        public static final long NO_EXPORT = 0xFFFFFF01L;
        public static final long NO_ADVERTISE = 0xFFFFFF02L;
        public static final long NO_EXPORT_SUBCONFED = 0xFFFFFF03L;

        public Communities {
            values = U32List.copyOf(values); // int[]-backed; IllegalArgumentException outside 0..2^32-1
        }

        /**
         * The values as given, in their order, without a {@code Long} per value (issue 18: an API process's new
         * attribute set); IllegalArgumentException outside 0..2^32-1.
         */
        public static Communities of(long... values) {
            return new Communities(U32List.ofUnsigned(values));
        }

        public int typeCode() { return COMMUNITIES; }

        @Override public String toString() {
            return "Communities[" + values.stream().map(v -> (v >>> 16) + ":" + (v & 0xFFFF)).collect(Collectors.joining(" ")) + "]";
        }
    }

    /** ORIGINATOR_ID (RFC 4456 section 8): a BGP identifier. */
    record OriginatorId(int id) implements Attribute {
        public int typeCode() { return ORIGINATOR_ID; }
        @Override public String toString() { return "OriginatorId[" + Bytes.ipv4(id) + "]"; }
    }

    /** CLUSTER_LIST (RFC 4456 section 8): cluster ids, 4 octets each. */
    record ClusterList(List<Integer> ids) implements Attribute {
        public ClusterList { ids = List.copyOf(ids); }
        public int typeCode() { return CLUSTER_LIST; }
        @Override public String toString() {
            return "ClusterList[" + ids.stream().map(Bytes::ipv4).collect(Collectors.joining(" ")) + "]";
        }
    }

    /**
     * MP_REACH_NLRI (RFC 4760 section 3): AFI (2), SAFI (1), next hop length (1) and next hop,
     * reserved (1, was SNPAs), NLRI. For IPv6 the next hop is 16 octets, or 32 with a link-local
     * second address (RFC 2545 section 3); RFC 8950 allows a 16/32 octet IPv6 next hop for IPv4 NLRI.
     */
    record MpReach(Family family, byte[] nextHop, Nlri nlri) implements Attribute {
        public MpReach {
            nextHop = nextHop.clone();
            if (nextHop.length > 255) {
                throw new IllegalArgumentException("next hop too long");
            }
            if (!nlri.family().equals(family)) {
                throw new IllegalArgumentException("NLRI of " + nlri.family() + " in MP_REACH for " + family);
            }
        }

        public int typeCode() { return MP_REACH_NLRI; }

        @Override public byte[] nextHop() { return nextHop.clone(); }

        /**
         * The next hop's addresses as text: one (4 or 16 octets) or two (32 octets: global, link-local); of a VPN
         * next hop (12, 24 or 48 octets, each address after an 8-octet RD, RFC 4364 section 4.3.2, RFC 4659
         * section 3.2.1.1) the addresses without their RD, as ExaBGP shows them.
         */
        public List<String> nextHopAddresses() {
            if (family.safi() == Family.SAFI_MPLS_VPN) {
                switch (nextHop.length) {
                    case 12: return List.of(Bytes.ipv4(Bytes.s32(nextHop, 8)));
                    case 24: return List.of(Bytes.ipv6(nextHop, 8));
                    case 48: return List.of(Bytes.ipv6(nextHop, 8), Bytes.ipv6(nextHop, 32));
                    default: break;
                }
            }
            return switch (nextHop.length) {
                case 4 -> List.of(Bytes.ipv4(Bytes.s32(nextHop, 0)));
                case 16 -> List.of(Bytes.ipv6(nextHop, 0));
                case 32 -> List.of(Bytes.ipv6(nextHop, 0), Bytes.ipv6(nextHop, 16));
                default -> List.of(Bytes.hex(nextHop));
            };
        }

        @Override public boolean equals(Object o) {
            return o instanceof MpReach m && m.family.equals(family) && Arrays.equals(m.nextHop, nextHop) && m.nlri.equals(nlri);
        }

        @Override public int hashCode() { return (family.hashCode() * 31 + Arrays.hashCode(nextHop)) * 31 + nlri.hashCode(); }

        @Override public String toString() {
            return "MpReach[" + family + " next-hop " + String.join(",", nextHopAddresses()) + " " + nlri + "]";
        }
    }

    /** MP_UNREACH_NLRI (RFC 4760 section 4): AFI (2), SAFI (1), withdrawn routes. */
    record MpUnreach(Family family, Nlri nlri) implements Attribute {
        public MpUnreach {
            if (!nlri.family().equals(family)) {
                throw new IllegalArgumentException("NLRI of " + nlri.family() + " in MP_UNREACH for " + family);
            }
        }

        public int typeCode() { return MP_UNREACH_NLRI; }

        @Override public String toString() { return "MpUnreach[" + family + " " + nlri + "]"; }
    }

    /** EXTENDED COMMUNITIES (RFC 4360 section 2): 8-octet values, kept as longs. */
    record ExtendedCommunities(List<Long> values) implements Attribute {
        public ExtendedCommunities { values = List.copyOf(values); }
        public int typeCode() { return EXTENDED_COMMUNITIES; }
        @Override public String toString() {
            return "ExtendedCommunities[" + values.stream().map(v -> String.format("0x%016X", v)).collect(Collectors.joining(" ")) + "]";
        }
    }

    /** AS4_PATH (RFC 6793 section 3): like AS_PATH, always 4-octet ASes. */
    record As4Path(List<AsPathSegment> segments) implements Attribute {
        public As4Path { segments = List.copyOf(segments); }
        public int typeCode() { return AS4_PATH; }
        @Override public String toString() { return "As4Path[" + segments.stream().map(String::valueOf).collect(Collectors.joining(" ")) + "]"; }
    }

    /** AS4_AGGREGATOR (RFC 6793 section 3): 4-octet AS and IPv4 address. */
    record As4Aggregator(long asn, int address) implements Attribute {
        public As4Aggregator { requireU32(asn); }
        public int typeCode() { return AS4_AGGREGATOR; }
        @Override public String toString() { return "As4Aggregator[" + asn + ":" + Bytes.ipv4(address) + "]"; }
    }

    /** LARGE_COMMUNITY (RFC 8092 section 3): triples of 32-bit values. */
    record LargeCommunities(List<LargeCommunity> values) implements Attribute {
        public LargeCommunities { values = List.copyOf(values); }
        public int typeCode() { return LARGE_COMMUNITY; }
        @Override public String toString() {
            return "LargeCommunities[" + values.stream().map(String::valueOf).collect(Collectors.joining(" ")) + "]";
        }
    }

    /** One large community, {@code global:local1:local2}. */
    record LargeCommunity(long global, long local1, long local2) {
        public LargeCommunity {
            requireU32(global);
            requireU32(local1);
            requireU32(local2);
        }

        @Override public String toString() { return global + ":" + local1 + ":" + local2; }
    }

    /**
     * AIGP (RFC 7311 section 3): a sequence of TLVs, each type (1), length (2, counting the whole TLV) and value;
     * the first AIGP TLV (type 1, length 11) carries the accumulated IGP metric, 8 octets. The TLVs are kept as
     * received: "any other AIGP TLVs in the AIGP attribute MUST be passed along unchanged" (section 3).
     */
    record Aigp(byte[] tlvs) implements Attribute {
        public static final int AIGP_TLV = 1;

        public Aigp {
            tlvs = tlvs.clone();
            if (firstMetricTlv(tlvs) < 0) {
                throw new IllegalArgumentException("no AIGP TLV in " + Bytes.hex(tlvs));
            }
        }

        /** One AIGP TLV with {@code metric} (unsigned 64 bits, as a long's bits). */
        public static Aigp of(long metric) {
            byte[] v = new byte[11];
            v[0] = AIGP_TLV;
            v[2] = 11;
            for (int i = 0; i < 8; i++) {
                v[3 + i] = (byte) (metric >>> (56 - 8 * i));
            }
            return new Aigp(v);
        }

        /**
         * Where the first AIGP TLV starts, or -1 when the TLVs are malformed (RFC 7311 section 3.2: a TLV
         * overrunning the attribute, shorter than its own header, a first AIGP TLV whose length is not 11) or
         * hold no AIGP TLV. Repeated and unknown TLVs are not malformed (section 3.2).
         */
        public static int firstMetricTlv(byte[] v) {
            int first = -1;
            int p = 0;
            while (p < v.length) {
                if (v.length - p < 3) {
                    return -1;
                }
                int len = (v[p + 1] & 0xFF) << 8 | v[p + 2] & 0xFF;
                if (len < 3 || len > v.length - p) {
                    return -1;
                }
                if (first < 0 && v[p] == AIGP_TLV) {
                    if (len != 11) {
                        return -1;
                    }
                    first = p;
                }
                p += len;
            }
            return first;
        }

        /** The accumulated IGP metric of the first AIGP TLV (unsigned 64 bits in a long). */
        public long metric() {
            return Bytes.s64(tlvs, firstMetricTlv(tlvs) + 3);
        }

        public int typeCode() { return AIGP; }

        @Override public byte[] tlvs() { return tlvs.clone(); }

        @Override public boolean equals(Object o) { return o instanceof Aigp a && Arrays.equals(a.tlvs, tlvs); }

        @Override public int hashCode() { return Arrays.hashCode(tlvs); }

        @Override public String toString() { return "Aigp[" + Long.toUnsignedString(metric()) + "]"; }
    }

    /** BGP Prefix-SID (RFC 8669 section 3, RFC 9252 section 2): its TLVs in the order received. */
    record PrefixSid(List<PrefixSidTlv> tlvs) implements Attribute {
        public PrefixSid { tlvs = List.copyOf(tlvs); }
        public int typeCode() { return BGP_PREFIX_SID; }
    }

    /**
     * Any attribute this codec does not interpret, with its flags as received (including the
     * Extended Length bit, so it re-encodes byte for byte).
     */
    record Unknown(int flags, int typeCode, byte[] value) implements Attribute {
        public Unknown {
            value = value.clone();
            if (flags < 0 || flags > 0xFF || typeCode < 0 || typeCode > 0xFF || value.length > 0xFFFF) {
                throw new IllegalArgumentException("attribute " + flags + "/" + typeCode + " length " + value.length);
            }
        }

        @Override public byte[] value() { return value.clone(); }

        public boolean isOptional() { return (flags & FLAG_OPTIONAL) != 0; }

        public boolean isTransitive() { return (flags & FLAG_TRANSITIVE) != 0; }

        /**
         * The form to pass on to other peers (RFC 4271 section 5 and 9.1.2): an unrecognized optional
         * transitive attribute is passed on with the Partial bit set; an optional non-transitive one
         * is not passed on (returns null).
         */
        public Unknown forwarded() {
            if (!isTransitive()) {
                return null;
            }
            return (flags & FLAG_PARTIAL) != 0 ? this : new Unknown(flags | FLAG_PARTIAL, typeCode, value);
        }

        @Override public boolean equals(Object o) {
            return o instanceof Unknown u && u.flags == flags && u.typeCode == typeCode && Arrays.equals(u.value, value);
        }

        @Override public int hashCode() { return (flags * 31 + typeCode) * 31 + Arrays.hashCode(value); }

        @Override public String toString() {
            return "Unknown[flags=0x" + Integer.toHexString(flags).toUpperCase() + ", type=" + typeCode + ", value=" + Bytes.hex(value) + "]";
        }
    }

    private static void requireU32(long v) {
        if (v < 0 || v > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("not an unsigned 32-bit value: " + v);
        }
    }
}
