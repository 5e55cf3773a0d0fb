package dev.twinbgp.bgp.wire;

import dev.twinbgp.bgp.wire.attribute.Attribute;
import dev.twinbgp.bgp.wire.attribute.AttributeCodec;
import dev.twinbgp.bgp.wire.attribute.AttributeError;
import dev.twinbgp.bgp.wire.attribute.AttributeScan;
import dev.twinbgp.bgp.wire.attribute.Attributes;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.family.Nlri;

import dev.twinbgp.bgp.wire.capability.Negotiated;

import static dev.twinbgp.bgp.wire.ErrorAction.ATTRIBUTE_DISCARD;
import static dev.twinbgp.bgp.wire.ErrorAction.SESSION_RESET;
import static dev.twinbgp.bgp.wire.ErrorAction.TREAT_AS_WITHDRAW;
import static dev.twinbgp.bgp.wire.ErrorCodes.UPDATE_INVALID_NETWORK_FIELD;
import static dev.twinbgp.bgp.wire.ErrorCodes.UPDATE_MALFORMED_ATTRIBUTE_LIST;
import static dev.twinbgp.bgp.wire.ErrorCodes.UPDATE_MESSAGE;
import static dev.twinbgp.bgp.wire.ErrorCodes.UPDATE_MISSING_WELL_KNOWN;

import java.util.ArrayList;
import java.util.List;

/** UPDATE body decoding and encoding (RFC 4271 section 4.3 and 6.3, RFC 4760, RFC 7606, RFC 7911). */
public final class UpdateCodec {
    private UpdateCodec() {
    }

    /**
     * Decodes the UPDATE body ({@code len} octets at {@code off}; {@code b} is never written afterwards).
     * The common announcement - a non-empty IPv4 NLRI field with clean, common attributes
     * ({@link AttributeScan}) - takes a fast path: its attributes are kept as the received octets
     * and decoded only when first asked for ({@link Attributes#fromReceived}).
     */
    public static Decoded decode(byte[] b, int off, int len, Negotiated neg) {
        return decode(b, off, len, neg, true);
    }

    /**
     * As {@link #decode(byte[], int, int, Negotiated)}, always decoding every attribute into objects:
     * what a lazily decoded {@link Attributes} uses, so it can never take the fast path again.
     */
    public static Decoded decodeFully(byte[] b, int off, int len, Negotiated neg) {
        return decode(b, off, len, neg, false);
    }

    private static Decoded decode(byte[] b, int off, int len, Negotiated neg, boolean fastPath) {
        // RFC 4271 section 6.3 / RFC 7606 section 3 (b): the two length fields must fit the message,
        // else 3/1 and session reset (the NLRI cannot be located).
        if (len < 4) {
            return fail(UPDATE_MALFORMED_ATTRIBUTE_LIST, "UPDATE shorter than its two length fields");
        }
        int wlen = Bytes.u16(b, off);
        if (2 + wlen + 2 > len) {
            return fail(UPDATE_MALFORMED_ATTRIBUTE_LIST, "Withdrawn Routes Length " + wlen + " overruns the message");
        }
        int aOff = off + 2 + wlen + 2;
        int alen = Bytes.u16(b, aOff - 2);
        if (4 + wlen + alen > len) {
            return fail(UPDATE_MALFORMED_ATTRIBUTE_LIST, "Total Path Attribute Length " + alen + " overruns the message");
        }
        boolean ipv4Ids = neg.addPathReceive().contains(Family.IPV4_UNICAST);
        // RFC 4271 section 6.3: syntactically incorrect prefixes -> 3/10; RFC 7606 section 5.3: session reset.
        Nlri withdrawn = ipv4Field(ipv4Ids, b, off + 2, wlen);
        if (withdrawn == null) {
            return fail(UPDATE_INVALID_NETWORK_FIELD, "invalid prefix in Withdrawn Routes");
        }
        int nOff = aOff + alen;
        Nlri nlri = ipv4Field(ipv4Ids, b, nOff, off + len - nOff);
        if (nlri == null) {
            return fail(UPDATE_INVALID_NETWORK_FIELD, "invalid prefix in NLRI");
        }
        if (fastPath && !nlri.isEmpty() && AttributeScan.accepts(b, aOff, alen, neg.asn4())) {
            // The scan guarantees the loop below would find no error, no MP attribute and all of
            // ORIGIN, AS_PATH and NEXT_HOP: keep the octets, as the Adj-RIB-In would anyway.
            return new Decoded.Ok(new Update(withdrawn, Attributes.fromReceived(Bytes.slice(b, aOff, alen), neg),
                    null, null, nlri, List.of()));
        }

        List<Attribute> attrs = new ArrayList<>(8);
        List<AttributeError> errors = null;
        Attribute.MpReach mpReach = null;
        Attribute.MpUnreach mpUnreach = null;
        long[] seen = new long[4];
        byte[] receivedFlags = null;
        int p = aOff;
        int end = aOff + alen;
        while (p < end) {
            int flags = b[p] & 0xFF;
            int hdr = (flags & Attribute.FLAG_EXTENDED_LENGTH) != 0 ? 4 : 3;
            if (end - p < hdr || p + hdr + (hdr == 4 ? Bytes.u16(b, p + 2) : b[p + 2] & 0xFF) > end) {
                // RFC 7606 section 4: an attribute header or value overrunning the Total Path Attribute
                // Length -> treat-as-withdraw; the NLRI is still found through that length.
                errors = add(errors, new AttributeError(TREAT_AS_WITHDRAW, end - p >= 2 ? b[p + 1] & 0xFF : 0,
                        new WireError(UPDATE_MESSAGE, UPDATE_MALFORMED_ATTRIBUTE_LIST, "attribute overruns the path attributes")));
                break;
            }
            int type = b[p + 1] & 0xFF;
            int vlen = hdr == 4 ? Bytes.u16(b, p + 2) : b[p + 2] & 0xFF;
            int vOff = p + hdr;
            int next = vOff + vlen;
            if ((seen[type >>> 6] & 1L << (type & 63)) != 0) {
                // RFC 7606 section 3 (g): repeated MP_REACH/MP_UNREACH -> session reset; any other
                // repeated attribute: all but the first are discarded.
                if (type == Attribute.MP_REACH_NLRI || type == Attribute.MP_UNREACH_NLRI) {
                    return fail(UPDATE_MALFORMED_ATTRIBUTE_LIST, "repeated " + Attribute.name(type));
                }
                errors = add(errors, new AttributeError(ATTRIBUTE_DISCARD, type,
                        new WireError(UPDATE_MESSAGE, UPDATE_MALFORMED_ATTRIBUTE_LIST, "repeated " + Attribute.name(type))));
                p = next;
                continue;
            }
            seen[type >>> 6] |= 1L << (type & 63);
            try {
                Attribute a = AttributeCodec.decode(flags, type, b, vOff, vlen, p, neg);
                switch (a) {
                    case Attribute.MpReach r -> mpReach = r;
                    case Attribute.MpUnreach u -> mpUnreach = u;
                    case Attribute.Unknown x -> attrs.add(x);
                    default -> {
                        attrs.add(a);
                        int extra = flags & (Attribute.FLAG_PARTIAL | Attribute.FLAG_EXTENDED_LENGTH);
                        if (extra != 0) {
                            if (receivedFlags == null) {
                                receivedFlags = new byte[256];
                            }
                            receivedFlags[type] = (byte) extra;
                        }
                    }
                }
            } catch (Malformed m) {
                if (m.action == SESSION_RESET) {
                    return new Decoded.Failed(m.error);
                }
                errors = add(errors, m.toAttributeError());
            }
            p = next;
        }

        // RFC 4271 section 6.3 / RFC 7606 section 3 (d): a missing well-known mandatory attribute ->
        // 3/3 with its type code as data, treat-as-withdraw. ORIGIN and AS_PATH are needed when
        // anything is announced; NEXT_HOP only for the IPv4 NLRI field (RFC 4760 section 3).
        // RFC 8955 section 4.2 / RFC 7606 section 2: a route its family's codec finds malformed (FlowSpec
        // components out of order, say) makes the UPDATE treat-as-withdraw; its octets are still delimited.
        if (mpReach != null && mpReach.nlri().malformed() != null) {
            errors = add(errors, new AttributeError(TREAT_AS_WITHDRAW, Attribute.MP_REACH_NLRI, new WireError(UPDATE_MESSAGE,
                    UPDATE_INVALID_NETWORK_FIELD, "malformed " + mpReach.family() + " NLRI: " + mpReach.nlri().malformed())));
        }
        boolean announces = !nlri.isEmpty() || mpReach != null;
        if (announces) {
            errors = missing(errors, seen, Attribute.ORIGIN);
            errors = missing(errors, seen, Attribute.AS_PATH);
            if (!nlri.isEmpty()) {
                errors = missing(errors, seen, Attribute.NEXT_HOP);
            }
        }
        Attributes attributes = attrs.isEmpty() ? Attributes.EMPTY
                : errors == null && mpReach == null && mpUnreach == null
                ? Attributes.decoded(attrs, receivedFlags, Bytes.slice(b, aOff, alen), neg) // can be kept compact
                : Attributes.decoded(attrs, receivedFlags);
        return new Decoded.Ok(new Update(withdrawn, attributes, mpReach, mpUnreach, nlri, errors == null ? List.of() : errors));
    }

    /** An IPv4 Withdrawn Routes or NLRI field; the shared empty block when it has no octets. */
    private static Nlri ipv4Field(boolean pathIds, byte[] b, int off, int len) {
        return len == 0 ? Nlri.emptyIpv4(pathIds) : Nlri.wrap(Family.IPV4_UNICAST, pathIds, b, off, len);
    }

    private static List<AttributeError> missing(List<AttributeError> errors, long[] seen, int type) {
        if ((seen[0] & 1L << type) != 0) {
            return errors;
        }
        return add(errors, new AttributeError(TREAT_AS_WITHDRAW, type,
                new WireError(UPDATE_MESSAGE, UPDATE_MISSING_WELL_KNOWN, new byte[] {(byte) type}, "missing " + Attribute.name(type))));
    }

    private static List<AttributeError> add(List<AttributeError> list, AttributeError e) {
        List<AttributeError> l = list == null ? new ArrayList<>(2) : list;
        l.add(e);
        return l;
    }

    private static Decoded fail(int subcode, String reason) {
        return new Decoded.Failed(new WireError(UPDATE_MESSAGE, subcode, reason));
    }

    // ---------------------------------------------------------------- encoding

    /** The encoded body, as the pieces the writer copies. */
    public record Parts(Nlri withdrawn, Attributes.Encoded attributes, byte[] mpUnreach, byte[] mpReach, Nlri nlri) {
        int bodyLength() {
            return 2 + withdrawn.wireLength() + 2 + attributes.bytes().length + mpUnreach.length + mpReach.length + nlri.wireLength();
        }
    }

    /** Prepares an UPDATE for the session: path ids as the SEND direction of ADD-PATH says (RFC 7911 section 3). */
    static Parts parts(Update u, Negotiated neg) {
        boolean ipv4Ids = neg.addPathSend().contains(Family.IPV4_UNICAST);
        byte[] unreach = EMPTY;
        byte[] reach = EMPTY;
        if (u.mpUnreach().isPresent()) {
            WireWriter w = new WireWriter(64);
            u.mpUnreach().ifPresent(r -> AttributeCodec.write(new Attribute.MpUnreach(r.family(),
                    r.nlri().withPathIds(neg.addPathSend().contains(r.family()))), neg.asn4(), w));
            unreach = w.toByteArray();
        }
        if (u.mpReach().isPresent()) {
            WireWriter w = new WireWriter(64);
            u.mpReach().ifPresent(r -> AttributeCodec.write(new Attribute.MpReach(r.family(), r.nextHop(),
                    r.nlri().withPathIds(neg.addPathSend().contains(r.family()))), neg.asn4(), w));
            reach = w.toByteArray();
        }
        return new Parts(u.withdrawn().withPathIds(ipv4Ids), u.attributes().encoded(neg.asn4()), unreach, reach, u.nlri().withPathIds(ipv4Ids));
    }

    private static final byte[] EMPTY = new byte[0];

    /**
     * Writes the body at {@code pos}; returns the position after it. The other attributes are in type order
     * (RFC 4271 section 5: SHOULD); MP_UNREACH_NLRI comes first and MP_REACH_NLRI last, as ExaBGP sends them
     * (its vectors are byte-exact; receivers must accept any order, RFC 4271 section 5).
     */
    static int write(Parts parts, byte[] out, int pos) {
        Bytes.put16(out, pos, parts.withdrawn().wireLength());
        pos = parts.withdrawn().writeTo(out, pos + 2);
        byte[] a = parts.attributes().bytes();
        Bytes.put16(out, pos, a.length + parts.mpUnreach().length + parts.mpReach().length);
        pos += 2;
        System.arraycopy(parts.mpUnreach(), 0, out, pos, parts.mpUnreach().length);
        pos += parts.mpUnreach().length;
        System.arraycopy(a, 0, out, pos, a.length);
        pos += a.length;
        System.arraycopy(parts.mpReach(), 0, out, pos, parts.mpReach().length);
        pos += parts.mpReach().length;
        return parts.nlri().writeTo(out, pos);
    }
}
