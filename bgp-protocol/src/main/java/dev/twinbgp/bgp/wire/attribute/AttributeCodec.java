package dev.twinbgp.bgp.wire.attribute;

import dev.twinbgp.bgp.wire.Bytes;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.Malformed;
import dev.twinbgp.bgp.wire.capability.Negotiated;
import dev.twinbgp.bgp.wire.family.Nlri;
import dev.twinbgp.bgp.wire.Open;
import dev.twinbgp.bgp.wire.WireError;
import dev.twinbgp.bgp.wire.WireWriter;

import dev.twinbgp.bgp.wire.ErrorAction;
import dev.twinbgp.bgp.wire.ErrorCodes;

import static dev.twinbgp.bgp.wire.ErrorAction.ATTRIBUTE_DISCARD;
import static dev.twinbgp.bgp.wire.ErrorAction.SESSION_RESET;
import static dev.twinbgp.bgp.wire.ErrorAction.TREAT_AS_WITHDRAW;
import static dev.twinbgp.bgp.wire.ErrorCodes.UPDATE_ATTRIBUTE_FLAGS;
import static dev.twinbgp.bgp.wire.ErrorCodes.UPDATE_ATTRIBUTE_LENGTH;
import static dev.twinbgp.bgp.wire.ErrorCodes.UPDATE_INVALID_NETWORK_FIELD;
import static dev.twinbgp.bgp.wire.ErrorCodes.UPDATE_INVALID_NEXT_HOP;
import static dev.twinbgp.bgp.wire.ErrorCodes.UPDATE_INVALID_ORIGIN;
import static dev.twinbgp.bgp.wire.ErrorCodes.UPDATE_MALFORMED_AS_PATH;
import static dev.twinbgp.bgp.wire.ErrorCodes.UPDATE_MESSAGE;
import static dev.twinbgp.bgp.wire.ErrorCodes.UPDATE_OPTIONAL_ATTRIBUTE;
import static dev.twinbgp.bgp.wire.ErrorCodes.UPDATE_UNRECOGNIZED_WELL_KNOWN;

import java.util.ArrayList;
import java.util.List;

/** Value encoding and decoding of each path attribute (RFC 4271 section 4.3 and 5, RFC 7606 section 7). */
public final class AttributeCodec {
    private AttributeCodec() {
    }

    // ---------------------------------------------------------------- decoding

    /**
     * Decodes one attribute whose value is {@code len} octets at {@code off}. The whole attribute
     * (flags, type, length, value) spans {@code [attrStart, off + len)}: RFC 4271 section 6.3 puts
     * exactly that in the data of 3/2, 3/4, 3/5, 3/6, 3/8 and 3/9.
     */
    public static Attribute decode(int flags, int type, byte[] b, int off, int len, int attrStart, Negotiated neg) throws Malformed {
        boolean asn4 = neg.asn4();
        checkFlags(flags, type, b, attrStart, off + len);
        return switch (type) {
            case Attribute.ORIGIN -> {
                // RFC 7606 section 7.1: bad length or undefined value -> treat-as-withdraw.
                expectLength(len, 1, type, TREAT_AS_WITHDRAW, b, attrStart, off + len);
                int v = b[off] & 0xFF;
                if (v > Attribute.Origin.INCOMPLETE) {
                    throw new Malformed(TREAT_AS_WITHDRAW, type, new WireError(UPDATE_MESSAGE, UPDATE_INVALID_ORIGIN,
                            Bytes.slice(b, attrStart, off + len - attrStart), "undefined ORIGIN " + v));
                }
                yield Attribute.Origin.of(v);
            }
            case Attribute.AS_PATH -> {
                // RFC 7606 section 7.2: malformed AS_PATH -> treat-as-withdraw (3/11, no data).
                List<AsPathSegment> segs = segments(b, off, len, asn4 ? 4 : 2);
                if (segs == null) {
                    throw new Malformed(TREAT_AS_WITHDRAW, type, new WireError(UPDATE_MESSAGE, UPDATE_MALFORMED_AS_PATH, "malformed AS_PATH"));
                }
                yield new Attribute.AsPath(segs);
            }
            case Attribute.NEXT_HOP -> {
                // RFC 7606 section 7.3: malformed NEXT_HOP -> treat-as-withdraw.
                expectLength(len, 4, type, TREAT_AS_WITHDRAW, b, attrStart, off + len);
                int a = Bytes.s32(b, off);
                // RFC 4271 section 6.3: a NEXT_HOP that is not a usable host address (0.0.0.0, or
                // multicast 224.0.0.0/4) is 3/8 with the attribute as data.
                if (a == 0 || (a >>> 28) == 0xE) {
                    throw new Malformed(TREAT_AS_WITHDRAW, type, new WireError(UPDATE_MESSAGE, UPDATE_INVALID_NEXT_HOP,
                            Bytes.slice(b, attrStart, off + len - attrStart), "invalid NEXT_HOP " + Bytes.ipv4(a)));
                }
                yield new Attribute.NextHop(a);
            }
            case Attribute.MULTI_EXIT_DISC -> {
                expectLength(len, 4, type, TREAT_AS_WITHDRAW, b, attrStart, off + len); // RFC 7606 section 7.4
                yield new Attribute.MultiExitDisc(Bytes.u32(b, off));
            }
            case Attribute.LOCAL_PREF -> {
                expectLength(len, 4, type, TREAT_AS_WITHDRAW, b, attrStart, off + len); // RFC 7606 section 7.5
                yield new Attribute.LocalPref(Bytes.u32(b, off));
            }
            case Attribute.ATOMIC_AGGREGATE -> {
                expectLength(len, 0, type, ATTRIBUTE_DISCARD, b, attrStart, off + len); // RFC 7606 section 7.6
                yield new Attribute.AtomicAggregate();
            }
            case Attribute.AGGREGATOR -> {
                // RFC 7606 section 7.7: 6 octets (8 with 4-octet AS, RFC 6793) else attribute discard.
                expectLength(len, asn4 ? 8 : 6, type, ATTRIBUTE_DISCARD, b, attrStart, off + len);
                yield asn4 ? new Attribute.Aggregator(Bytes.u32(b, off), Bytes.s32(b, off + 4))
                        : new Attribute.Aggregator(Bytes.u16(b, off), Bytes.s32(b, off + 2));
            }
            case Attribute.COMMUNITIES -> {
                // RFC 7606 section 7.8: length not a non-zero multiple of 4 -> treat-as-withdraw.
                expectMultiple(len, 4, type, TREAT_AS_WITHDRAW, b, attrStart, off + len);
                int[] v = new int[len / 4];
                for (int i = 0; i < v.length; i++) {
                    v[i] = Bytes.s32(b, off + 4 * i);
                }
                yield new Attribute.Communities(U32List.wrap(v));
            }
            case Attribute.ORIGINATOR_ID -> {
                expectLength(len, 4, type, TREAT_AS_WITHDRAW, b, attrStart, off + len); // RFC 7606 section 7.9
                yield new Attribute.OriginatorId(Bytes.s32(b, off));
            }
            case Attribute.CLUSTER_LIST -> {
                expectMultiple(len, 4, type, TREAT_AS_WITHDRAW, b, attrStart, off + len); // RFC 7606 section 7.10
                List<Integer> v = new ArrayList<>(len / 4);
                for (int i = 0; i < len; i += 4) {
                    v.add(Bytes.s32(b, off + i));
                }
                yield new Attribute.ClusterList(v);
            }
            case Attribute.MP_REACH_NLRI -> mpReach(b, off, len, attrStart, neg);
            case Attribute.MP_UNREACH_NLRI -> mpUnreach(b, off, len, attrStart, neg);
            case Attribute.EXTENDED_COMMUNITIES -> {
                expectMultiple(len, 8, type, TREAT_AS_WITHDRAW, b, attrStart, off + len); // RFC 7606 section 7.14
                List<Long> v = new ArrayList<>(len / 8);
                for (int i = 0; i < len; i += 8) {
                    v.add(Bytes.s64(b, off + i));
                }
                yield new Attribute.ExtendedCommunities(v);
            }
            case Attribute.AS4_PATH -> {
                // RFC 6793 section 4.1: a NEW speaker discards AS4_PATH from a NEW speaker.
                if (asn4) {
                    throw new Malformed(ATTRIBUTE_DISCARD, type, new WireError(UPDATE_MESSAGE, UPDATE_OPTIONAL_ATTRIBUTE,
                            Bytes.slice(b, attrStart, off + len - attrStart), "AS4_PATH between 4-octet AS speakers"));
                }
                // RFC 6793 section 6 (as updated by RFC 7606 section 7.2 wording): malformed -> attribute discard;
                // confederation segments are malformed in AS4_PATH.
                List<AsPathSegment> segs = segments(b, off, len, 4);
                if (segs == null || segs.stream().anyMatch(AsPathSegment::isConfederation)) {
                    throw new Malformed(ATTRIBUTE_DISCARD, type, new WireError(UPDATE_MESSAGE, UPDATE_OPTIONAL_ATTRIBUTE,
                            Bytes.slice(b, attrStart, off + len - attrStart), "malformed AS4_PATH"));
                }
                yield new Attribute.As4Path(segs);
            }
            case Attribute.AS4_AGGREGATOR -> {
                if (asn4) { // RFC 6793 section 4.1
                    throw new Malformed(ATTRIBUTE_DISCARD, type, new WireError(UPDATE_MESSAGE, UPDATE_OPTIONAL_ATTRIBUTE,
                            Bytes.slice(b, attrStart, off + len - attrStart), "AS4_AGGREGATOR between 4-octet AS speakers"));
                }
                expectLength(len, 8, type, ATTRIBUTE_DISCARD, b, attrStart, off + len); // RFC 6793 section 6
                yield new Attribute.As4Aggregator(Bytes.u32(b, off), Bytes.s32(b, off + 4));
            }
            case Attribute.LARGE_COMMUNITY -> {
                expectMultiple(len, 12, type, TREAT_AS_WITHDRAW, b, attrStart, off + len); // RFC 8092 section 6
                List<Attribute.LargeCommunity> v = new ArrayList<>(len / 12);
                for (int i = 0; i < len; i += 12) {
                    v.add(new Attribute.LargeCommunity(Bytes.u32(b, off + i), Bytes.u32(b, off + i + 4), Bytes.u32(b, off + i + 8)));
                }
                yield new Attribute.LargeCommunities(v);
            }
            case Attribute.AIGP -> {
                // RFC 7311 section 3.2: a malformed AIGP attribute is treated as an unrecognized non-transitive
                // attribute, "quietly ignored and not passed along": attribute discard.
                if (!neg.aigpSession()) {
                    // RFC 7311 section 3.3: on a session with AIGP_SESSION off, treated exactly as an unrecognized
                    // non-transitive attribute: "quietly ignored and not passed along" (no error is reported).
                    throw new Malformed(ATTRIBUTE_DISCARD, type, new WireError(UPDATE_MESSAGE, UPDATE_OPTIONAL_ATTRIBUTE,
                            "AIGP ignored: AIGP_SESSION is off (RFC 7311 section 3.3)"));
                }
                byte[] v = Bytes.slice(b, off, len);
                if (Attribute.Aigp.firstMetricTlv(v) < 0) {
                    throw new Malformed(ATTRIBUTE_DISCARD, type, new WireError(UPDATE_MESSAGE, UPDATE_OPTIONAL_ATTRIBUTE,
                            Bytes.slice(b, attrStart, off + len - attrStart), "malformed AIGP " + Bytes.hex(v)));
                }
                yield new Attribute.Aigp(v);
            }
            case Attribute.BGP_PREFIX_SID -> {
                // RFC 8669 section 6, RFC 9252 section 6: a malformed Prefix-SID is discarded (RFC 7606
                // attribute discard); the route stays, without it.
                try {
                    yield new Attribute.PrefixSid(PrefixSidCodec.decode(b, off, len));
                } catch (PrefixSidCodec.Invalid e) {
                    throw new Malformed(ATTRIBUTE_DISCARD, type, new WireError(UPDATE_MESSAGE, UPDATE_OPTIONAL_ATTRIBUTE,
                            Bytes.slice(b, attrStart, off + len - attrStart), "malformed BGP Prefix-SID: " + e.getMessage()));
                }
            }
            default -> {
                if ((flags & Attribute.FLAG_OPTIONAL) == 0) {
                    // RFC 4271 section 6.3: unrecognized well-known attribute -> 3/2, data = the attribute.
                    throw new Malformed(SESSION_RESET, type, new WireError(UPDATE_MESSAGE, UPDATE_UNRECOGNIZED_WELL_KNOWN,
                            Bytes.slice(b, attrStart, off + len - attrStart), "unrecognized well-known attribute " + type));
                }
                yield new Attribute.Unknown(flags & 0xF0, type, Bytes.slice(b, off, len));
            }
        };
    }

    /**
     * RFC 4271 section 6.3 / RFC 7606 section 3 c: Optional or Transitive bits in conflict with the
     * type -> 3/4 with the attribute as data; treat-as-withdraw, except for MP_REACH/MP_UNREACH
     * (session reset, RFC 7606 section 7.11: their NLRI cannot be trusted) and AS4_PATH /
     * AS4_AGGREGATOR (attribute discard, RFC 6793 section 6), AIGP (attribute discard, RFC 7311 section 3.2: a
     * transitive AIGP is malformed) and BGP Prefix-SID (attribute discard, RFC 8669 section 6).
     */
    private static void checkFlags(int flags, int type, byte[] b, int attrStart, int attrEnd) throws Malformed {
        if (!isKnown(type)) {
            return;
        }
        int expected = Attribute.defaultFlags(type);
        if ((flags & (Attribute.FLAG_OPTIONAL | Attribute.FLAG_TRANSITIVE)) == expected) {
            return;
        }
        ErrorAction action = switch (type) {
            case Attribute.MP_REACH_NLRI, Attribute.MP_UNREACH_NLRI -> SESSION_RESET;
            case Attribute.AS4_PATH, Attribute.AS4_AGGREGATOR, Attribute.AIGP, Attribute.BGP_PREFIX_SID -> ATTRIBUTE_DISCARD;
            default -> TREAT_AS_WITHDRAW;
        };
        throw new Malformed(action, type, new WireError(UPDATE_MESSAGE, UPDATE_ATTRIBUTE_FLAGS,
                Bytes.slice(b, attrStart, attrEnd - attrStart),
                "flags 0x" + Integer.toHexString(flags) + " wrong for " + Attribute.name(type)));
    }

    static boolean isKnown(int type) {
        return switch (type) {
            case 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 14, 15, 16, 17, 18, 26, 32, 40 -> true;
            default -> false;
        };
    }

    private static void expectLength(int len, int want, int type, ErrorAction action, byte[] b, int attrStart, int attrEnd)
            throws Malformed {
        if (len != want) {
            throw new Malformed(action, type, new WireError(UPDATE_MESSAGE, UPDATE_ATTRIBUTE_LENGTH,
                    Bytes.slice(b, attrStart, attrEnd - attrStart), Attribute.name(type) + " length " + len + ", expected " + want));
        }
    }

    private static void expectMultiple(int len, int unit, int type, ErrorAction action, byte[] b, int attrStart, int attrEnd)
            throws Malformed {
        if (len == 0 || len % unit != 0) {
            throw new Malformed(action, type, new WireError(UPDATE_MESSAGE, UPDATE_OPTIONAL_ATTRIBUTE,
                    Bytes.slice(b, attrStart, attrEnd - attrStart),
                    Attribute.name(type) + " length " + len + " is not a non-zero multiple of " + unit));
        }
    }

    /** AS_PATH segments (RFC 4271 section 4.3): null if malformed (RFC 7606 section 7.2: overrun, zero count, bad type). */
    private static List<AsPathSegment> segments(byte[] b, int off, int len, int asSize) {
        List<AsPathSegment> out = new ArrayList<>(2);
        int p = off;
        int end = off + len;
        while (p < end) {
            if (end - p < 2) {
                return null;
            }
            int type = b[p] & 0xFF;
            int n = b[p + 1] & 0xFF;
            p += 2;
            if (type < AsPathSegment.AS_SET || type > AsPathSegment.AS_CONFED_SET || n == 0 || end - p < n * asSize) {
                return null;
            }
            int[] asns = new int[n];
            for (int i = 0; i < n; i++) {
                asns[i] = asSize == 4 ? Bytes.s32(b, p) : Bytes.u16(b, p);
                p += asSize;
            }
            out.add(new AsPathSegment(type, U32List.wrap(asns)));
        }
        return out;
    }

    /**
     * MP_REACH_NLRI (RFC 4760 section 3):
     * <pre>
     * +---------------------------------------------------------+
     * | Address Family Identifier (2 octets)                    |
     * | Subsequent Address Family Identifier (1 octet)          |
     * | Length of Next Hop Network Address (1 octet)            |
     * | Network Address of Next Hop (variable)                  |
     * | Reserved (1 octet)                                      |
     * | Network Layer Reachability Information (variable)       |
     * +---------------------------------------------------------+
     * </pre>
     * Every error here is a session reset (RFC 7606 section 7.11; NLRI errors section 5.3).
     */
    private static Attribute mpReach(byte[] b, int off, int len, int attrStart, Negotiated neg) throws Malformed {
        int end = off + len;
        if (len < 5 || 5 + (b[off + 3] & 0xFF) > len) {
            throw mpError(Attribute.MP_REACH_NLRI, b, attrStart, end, "MP_REACH_NLRI too short for its next hop");
        }
        Family family = new Family(Bytes.u16(b, off), b[off + 2] & 0xFF);
        int nhLen = b[off + 3] & 0xFF;
        if ((Nlri.hasPrefixEncoding(family) || family.safi() == Family.SAFI_MPLS_LABEL || family.safi() == Family.SAFI_MPLS_VPN)
                && !nextHopLengthOk(family, nhLen)) {
            throw mpError(Attribute.MP_REACH_NLRI, b, attrStart, end, "next hop length " + nhLen + " for " + family);
        }
        byte[] nh = Bytes.slice(b, off + 4, nhLen);
        int nlriStart = off + 5 + nhLen; // the reserved octet (RFC 4760 section 3) is ignored
        Nlri nlri = Nlri.wrap(family, neg.addPathReceive().contains(family), b, nlriStart, end - nlriStart);
        if (nlri == null) {
            throw new Malformed(SESSION_RESET, Attribute.MP_REACH_NLRI, new WireError(UPDATE_MESSAGE, UPDATE_INVALID_NETWORK_FIELD,
                    "invalid prefix in MP_REACH_NLRI " + family));
        }
        return new Attribute.MpReach(family, nh, nlri);
    }

    /**
     * IPv4: 4, or 16/32 per RFC 8950 section 3; IPv6: 16 or 32 (RFC 2545 section 3). A VPN next hop is an RD
     * (zero) and an address: 12 for VPN-IPv4 (RFC 4364 section 4.3.2), 24/48 for VPN-IPv6 (RFC 4659 section
     * 3.2.1.1) and for VPN-IPv4 over IPv6 (RFC 8950 section 3).
     */
    private static boolean nextHopLengthOk(Family f, int nhLen) {
        if (f.safi() == Family.SAFI_MPLS_VPN) {
            return (f.afi() == Family.AFI_IPV4 && nhLen == 12) || nhLen == 24 || nhLen == 48;
        }
        return f.afi() == Family.AFI_IPV4 ? nhLen == 4 || nhLen == 16 || nhLen == 32 : nhLen == 16 || nhLen == 32;
    }

    /**
     * MP_UNREACH_NLRI (RFC 4760 section 4):
     * <pre>
     * +---------------------------------------------------------+
     * | Address Family Identifier (2 octets)                    |
     * | Subsequent Address Family Identifier (1 octet)          |
     * | Withdrawn Routes (variable)                             |
     * +---------------------------------------------------------+
     * </pre>
     */
    private static Attribute mpUnreach(byte[] b, int off, int len, int attrStart, Negotiated neg) throws Malformed {
        if (len < 3) {
            throw mpError(Attribute.MP_UNREACH_NLRI, b, attrStart, off + len, "MP_UNREACH_NLRI shorter than AFI/SAFI");
        }
        Family family = new Family(Bytes.u16(b, off), b[off + 2] & 0xFF);
        Nlri nlri = Nlri.wrap(family, neg.addPathReceive().contains(family), b, off + 3, len - 3);
        if (nlri == null) {
            throw new Malformed(SESSION_RESET, Attribute.MP_UNREACH_NLRI, new WireError(UPDATE_MESSAGE, UPDATE_INVALID_NETWORK_FIELD,
                    "invalid prefix in MP_UNREACH_NLRI " + family));
        }
        return new Attribute.MpUnreach(family, nlri);
    }

    private static Malformed mpError(int type, byte[] b, int attrStart, int attrEnd, String reason) {
        // RFC 7606 section 7.11: session reset; RFC 4760 section 7 / RFC 4271 section 6.3: 3/9 with the attribute.
        return new Malformed(SESSION_RESET, type, new WireError(UPDATE_MESSAGE, UPDATE_OPTIONAL_ATTRIBUTE,
                Bytes.slice(b, attrStart, attrEnd - attrStart), reason));
    }

    // ---------------------------------------------------------------- encoding

    /** Appends the whole attribute (flags, type, length, value); Extended Length when the value exceeds 255 octets. */
    public static void write(Attribute a, boolean asn4, WireWriter w) {
        write(a, 0, asn4, w);
    }

    /**
     * As {@link #write(Attribute, boolean, WireWriter)}, OR-ing {@code extraFlags} (Partial / Extended
     * Length as received). The value is written in place after a 1-octet length (2 with Extended
     * Length), which is filled in afterwards - and widened, moving the value up one octet, in the
     * rare case the value turns out longer than 255 octets.
     */
    public static void write(Attribute a, int extraFlags, boolean asn4, WireWriter w) {
        int flags = a.flags() | extraFlags;
        boolean extended = (flags & Attribute.FLAG_EXTENDED_LENGTH) != 0
                // ExaBGP (and others) send the End-of-RIB MP_UNREACH_NLRI with Extended Length (0x90).
                || (a instanceof Attribute.MpUnreach u && u.nlri().isEmpty());
        int start = w.position();
        w.u8(extended ? flags | Attribute.FLAG_EXTENDED_LENGTH : flags).u8(a.typeCode());
        if (extended) {
            w.u16(0);
        } else {
            w.u8(0);
        }
        int valueAt = w.position();
        writeValue(a, asn4, w);
        int len = w.position() - valueAt;
        if (len > 0xFFFF) {
            w.truncate(start);
            throw new IllegalArgumentException(Attribute.name(a.typeCode()) + " value too long: " + len);
        }
        if (extended) {
            w.set16(valueAt - 2, len);
        } else if (len > 255) {
            w.insert(valueAt, 1);
            w.set8(start, flags | Attribute.FLAG_EXTENDED_LENGTH);
            w.set16(valueAt - 1, len);
        } else {
            w.set8(valueAt - 1, len);
        }
    }

    private static void writeValue(Attribute a, boolean asn4, WireWriter w) {
        switch (a) {
            case Attribute.Origin o -> w.u8(o.value());
            case Attribute.AsPath p -> writeSegments(p.segments(), asn4 ? 4 : 2, w);
            case Attribute.NextHop n -> w.u32(n.address() & 0xFFFFFFFFL);
            case Attribute.MultiExitDisc m -> w.u32(m.value());
            case Attribute.LocalPref l -> w.u32(l.value());
            case Attribute.AtomicAggregate x -> { }
            case Attribute.Aggregator g -> {
                if (asn4) {
                    w.u32(g.asn());
                } else {
                    w.u16(g.asn() > 0xFFFF ? Open.AS_TRANS : (int) g.asn());
                }
                w.u32(g.address() & 0xFFFFFFFFL);
            }
            case Attribute.Communities c -> {
                U32List values = U32List.copyOf(c.values()); // always one already: no copy
                for (int i = 0; i < values.size(); i++) {
                    w.u32(values.at(i));
                }
            }
            case Attribute.OriginatorId o -> w.u32(o.id() & 0xFFFFFFFFL);
            case Attribute.ClusterList c -> c.ids().forEach(id -> w.u32(id & 0xFFFFFFFFL));
            case Attribute.MpReach m -> {
                byte[] nh = m.nextHop();
                w.u16(m.family().afi()).u8(m.family().safi()).u8(nh.length).bytes(nh).u8(0).nlri(m.nlri());
            }
            case Attribute.MpUnreach u -> w.u16(u.family().afi()).u8(u.family().safi()).nlri(u.nlri());
            case Attribute.ExtendedCommunities e -> e.values().forEach(w::u64);
            case Attribute.As4Path p -> writeSegments(p.segments(), 4, w);
            case Attribute.As4Aggregator g -> w.u32(g.asn()).u32(g.address() & 0xFFFFFFFFL);
            case Attribute.LargeCommunities l -> l.values().forEach(c -> w.u32(c.global()).u32(c.local1()).u32(c.local2()));
            case Attribute.Aigp g -> w.bytes(g.tlvs());
            case Attribute.PrefixSid s -> PrefixSidCodec.write(s.tlvs(), w);
            case Attribute.Unknown u -> w.bytes(u.value());
        }
    }

    /** 2-octet sessions substitute AS_TRANS for ASes above 65535 (RFC 6793 section 4.2.2). */
    private static void writeSegments(List<AsPathSegment> segs, int asSize, WireWriter w) {
        for (AsPathSegment s : segs) {
            w.u8(s.type()).u8(s.asns().size());
            U32List asns = U32List.copyOf(s.asns()); // always one already: no copy, no boxing below
            for (int i = 0; i < asns.size(); i++) {
                long as = asns.at(i);
                if (asSize == 4) {
                    w.u32(as);
                } else {
                    w.u16(as > 0xFFFF ? Open.AS_TRANS : (int) as);
                }
            }
        }
    }
}
