package dev.twinbgp.bgp.wire.attribute;

import dev.twinbgp.bgp.wire.Bytes;
import dev.twinbgp.bgp.wire.WireWriter;

import java.util.ArrayList;
import java.util.List;

/**
 * The value of the BGP Prefix-SID attribute (RFC 8669 section 3, RFC 9252 sections 2 and 3): a sequence of
 * {@link PrefixSidTlv}s. Decoding never throws anything but {@link Invalid}, whose reason says what is malformed:
 * a TLV, sub-TLV or sub-sub-TLV overrunning its container, a Label-Index TLV whose length is not 7, an
 * Originator SRGB TLV whose length is not 2 + 6n (n at least 1), an SRv6 Service TLV without its RESERVED octet,
 * an SRv6 SID Information Sub-TLV shorter than 21 octets, an SRv6 SID Structure Sub-Sub-TLV whose length is not 6
 * (RFC 8669 section 6 and RFC 9252 section 6: the attribute is then discarded, RFC 7606's "attribute discard").
 * Types not interpreted here are kept whole at every level.
 */
public final class PrefixSidCodec {
    private PrefixSidCodec() {
    }

    /** Why a Prefix-SID value is malformed. */
    public static final class Invalid extends Exception {
        Invalid(String reason) {
            super(reason, null, false, false);
        }
    }

    /** The TLVs of the {@code len} octets at {@code off}. */
    public static List<PrefixSidTlv> decode(byte[] b, int off, int len) throws Invalid {
        List<PrefixSidTlv> out = new ArrayList<>(2);
        int end = off + len;
        int p = off;
        while (p < end) {
            int vlen = header(b, p, end, "Prefix-SID TLV");
            int type = b[p] & 0xFF;
            int v = p + 3;
            out.add(switch (type) {
                case PrefixSidTlv.LABEL_INDEX -> {
                    // RFC 8669 section 3.1: RESERVED (1), Flags (2), Label Index (4).
                    if (vlen != 7) {
                        throw new Invalid("Label-Index TLV length " + vlen + ", expected 7");
                    }
                    yield new PrefixSidTlv.LabelIndex(Bytes.u16(b, v + 1), Bytes.u32(b, v + 3));
                }
                case PrefixSidTlv.ORIGINATOR_SRGB -> {
                    // RFC 8669 section 3.2: Flags (2), then one or more 6-octet ranges.
                    if (vlen < 8 || (vlen - 2) % 6 != 0) {
                        throw new Invalid("Originator SRGB TLV length " + vlen + ", expected 2 + 6n");
                    }
                    List<PrefixSidTlv.SrgbRange> ranges = new ArrayList<>((vlen - 2) / 6);
                    for (int r = v + 2; r < v + vlen; r += 6) {
                        ranges.add(new PrefixSidTlv.SrgbRange(u24(b, r), u24(b, r + 3)));
                    }
                    yield new PrefixSidTlv.OriginatorSrgb(Bytes.u16(b, v), ranges);
                }
                case PrefixSidTlv.SRV6_L3_SERVICE, PrefixSidTlv.SRV6_L2_SERVICE -> service(type, b, v, vlen);
                default -> new PrefixSidTlv.Opaque(type, Bytes.slice(b, v, vlen));
            });
            p = v + vlen;
        }
        return out;
    }

    /** The length of the TLV at {@code p} (type 1, length 2), checked against {@code end}. */
    private static int header(byte[] b, int p, int end, String what) throws Invalid {
        if (end - p < 3) {
            throw new Invalid(what + " header overruns its container");
        }
        int vlen = Bytes.u16(b, p + 1);
        if (vlen > end - p - 3) {
            throw new Invalid(what + " " + (b[p] & 0xFF) + " length " + vlen + " overruns its container");
        }
        return vlen;
    }

    /** RFC 9252 section 2: RESERVED (1), then SRv6 Service Sub-TLVs. */
    private static PrefixSidTlv service(int type, byte[] b, int v, int vlen) throws Invalid {
        if (vlen < 1) {
            throw new Invalid("SRv6 Service TLV " + type + " without its RESERVED octet");
        }
        List<PrefixSidTlv.Srv6SubTlv> subs = new ArrayList<>(1);
        int end = v + vlen;
        int p = v + 1;
        while (p < end) {
            int slen = header(b, p, end, "SRv6 Service Sub-TLV");
            int stype = b[p] & 0xFF;
            int s = p + 3;
            if (stype == PrefixSidTlv.Srv6SubTlv.SID_INFORMATION) {
                subs.add(sidInformation(b, s, slen));
            } else {
                subs.add(new PrefixSidTlv.OpaqueSubTlv(stype, Bytes.slice(b, s, slen)));
            }
            p = s + slen;
        }
        return new PrefixSidTlv.Srv6Service(type, subs);
    }

    /** RFC 9252 section 3.1: RESERVED1 (1), SID (16), Flags (1), Endpoint Behavior (2), RESERVED2 (1), sub-sub-TLVs. */
    private static PrefixSidTlv.SidInformation sidInformation(byte[] b, int s, int slen) throws Invalid {
        if (slen < 21) {
            throw new Invalid("SRv6 SID Information Sub-TLV length " + slen + ", expected at least 21");
        }
        List<PrefixSidTlv.Srv6SubSubTlv> subSubs = new ArrayList<>(1);
        int end = s + slen;
        int p = s + 21;
        while (p < end) {
            int len = header(b, p, end, "SRv6 Service Data Sub-Sub-TLV");
            int type = b[p] & 0xFF;
            int q = p + 3;
            if (type == PrefixSidTlv.Srv6SubSubTlv.SID_STRUCTURE) {
                // RFC 9252 section 3.2.1: six one-octet fields.
                if (len != 6) {
                    throw new Invalid("SRv6 SID Structure Sub-Sub-TLV length " + len + ", expected 6");
                }
                subSubs.add(new PrefixSidTlv.SidStructure(b[q] & 0xFF, b[q + 1] & 0xFF, b[q + 2] & 0xFF,
                        b[q + 3] & 0xFF, b[q + 4] & 0xFF, b[q + 5] & 0xFF));
            } else {
                subSubs.add(new PrefixSidTlv.OpaqueSubSubTlv(type, Bytes.slice(b, q, len)));
            }
            p = q + len;
        }
        return new PrefixSidTlv.SidInformation(Bytes.slice(b, s + 1, 16), b[s + 17] & 0xFF, Bytes.u16(b, s + 18), subSubs);
    }

    private static int u24(byte[] b, int i) {
        return (b[i] & 0xFF) << 16 | (b[i + 1] & 0xFF) << 8 | b[i + 2] & 0xFF;
    }

    // ---------------------------------------------------------------- encoding

    /** Appends the TLVs; RESERVED fields are zero (RFC 8669 section 3, RFC 9252 section 3.1). */
    public static void write(List<PrefixSidTlv> tlvs, WireWriter w) {
        for (PrefixSidTlv t : tlvs) {
            int at = open(w, t.type());
            switch (t) {
                case PrefixSidTlv.LabelIndex l -> w.u8(0).u16(l.flags()).u32(l.index());
                case PrefixSidTlv.OriginatorSrgb s -> {
                    w.u16(s.flags());
                    for (PrefixSidTlv.SrgbRange r : s.ranges()) {
                        u24(w, r.base());
                        u24(w, r.size());
                    }
                }
                case PrefixSidTlv.Srv6Service s -> {
                    w.u8(0);
                    for (PrefixSidTlv.Srv6SubTlv sub : s.subTlvs()) {
                        int subAt = open(w, sub.type());
                        switch (sub) {
                            case PrefixSidTlv.SidInformation i -> {
                                w.u8(0).bytes(i.sid()).u8(i.flags()).u16(i.behavior()).u8(0);
                                for (PrefixSidTlv.Srv6SubSubTlv ss : i.subSubTlvs()) {
                                    int ssAt = open(w, ss.type());
                                    switch (ss) {
                                        case PrefixSidTlv.SidStructure x -> w.u8(x.locatorBlock()).u8(x.locatorNode())
                                                .u8(x.function()).u8(x.argument()).u8(x.transpositionLength())
                                                .u8(x.transpositionOffset());
                                        case PrefixSidTlv.OpaqueSubSubTlv o -> w.bytes(o.value());
                                    }
                                    close(w, ssAt);
                                }
                            }
                            case PrefixSidTlv.OpaqueSubTlv o -> w.bytes(o.value());
                        }
                        close(w, subAt);
                    }
                }
                case PrefixSidTlv.Opaque o -> w.bytes(o.value());
            }
            close(w, at);
        }
    }

    /** Writes type and a length to be filled by {@link #close}; returns where the length is. */
    private static int open(WireWriter w, int type) {
        w.u8(type);
        int at = w.position();
        w.u16(0);
        return at;
    }

    private static void close(WireWriter w, int lengthAt) {
        int len = w.position() - lengthAt - 2;
        if (len > 0xFFFF) {
            throw new IllegalArgumentException("Prefix-SID TLV value too long: " + len);
        }
        w.set16(lengthAt, len);
    }

    private static void u24(WireWriter w, int v) {
        w.u8(v >>> 16).u16(v & 0xFFFF);
    }
}
