package dev.twinbgp.bgp.wire.attribute;

import dev.twinbgp.bgp.wire.Bytes;
import dev.twinbgp.bgp.wire.Decoded;
import dev.twinbgp.bgp.wire.capability.Negotiated;
import dev.twinbgp.bgp.wire.Update;
import dev.twinbgp.bgp.wire.UpdateCodec;
import dev.twinbgp.bgp.wire.WireWriter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The path attributes of an UPDATE other than MP_REACH_NLRI / MP_UNREACH_NLRI (those belong to the
 * routes, not to the path, and live in {@link Update}). Immutable, sorted by type code, at most one
 * per type; its wire form is cached per AS number size so a RIB can share one instance among many
 * prefixes and the encoder copies bytes instead of re-encoding.
 *
 * <p>A set decoded from an UPDATE also has a <em>compact</em> form ({@link #compact()}) for a RIB to
 * keep: only the octets it was decoded from, decoded again on first use. A full table holds about
 * 250,000 distinct sets; as objects each is some 15 objects and ~450 octets that every young
 * collection has to trace while the table arrives, as octets it is one array of ~60. The common
 * clean case never has objects to begin with: the decoder checks it without allocating
 * ({@link AttributeScan}) and hands over the compact form directly ({@link #fromReceived}), whose
 * {@link #size()} and re-encoding for the same AS number size need no decoding either.
 */
public final class Attributes {
    public static final Attributes EMPTY = new Attributes(List.of(), null);

    /**
     * The attributes, and the Partial and Extended Length bits a known attribute was received with,
     * by type code (null: none). The bits are kept so a received optional transitive attribute is
     * passed on with its Partial bit (RFC 4271 section 5: once set it is never cleared) and a decoded
     * UPDATE re-encodes byte for byte.
     */
    private record Contents(List<Attribute> list, byte[] receivedFlags) { }

    // Null only in the compact form until first needed, then decoded from wire. Racy but benign:
    // each thread decodes the same value, and a record's fields are final (JLS 17.5).
    private Contents contents;
    // The received path attribute octets this set decodes from (no MP_REACH/MP_UNREACH, no errors)
    // with the session they were decoded for, or null for a set built from objects.
    private final byte[] wire;
    private final Negotiated wireSession;
    // Cached wire forms (2-octet AS, 4-octet AS). Racy but benign: each thread computes the same bytes,
    // and Encoded is a record (final fields), so a thread that sees it also sees its filled array (JLS 17.5).
    private Encoded encoded2;
    private Encoded encoded4;
    // Cached list hash (0: not computed yet), racy but benign like String.hash: every thread computes
    // the same value from immutable state. A RIB hashes the same set once per route it groups.
    private int hash;

    /** Wire form, and where the attributes with type code above MP_UNREACH_NLRI start (the MP attributes go there). */
    public record Encoded(byte[] bytes, int split) { }

    private Attributes(List<Attribute> sorted, byte[] receivedFlags) {
        this.contents = new Contents(sorted, receivedFlags);
        this.wire = null;
        this.wireSession = null;
    }

    private Attributes(Contents contents, byte[] wire, Negotiated wireSession, int hash) {
        this.contents = contents;
        this.wire = wire;
        this.wireSession = wireSession;
        this.hash = hash;
    }

    /**
     * Decoder use, as {@link #decoded(List, byte[])}, for attributes decoded without error from
     * {@code wire} (the whole path attribute field, holding no MP_REACH/MP_UNREACH) on a session
     * with {@code negotiated}: they can become {@link #compact()}.
     */
    public static Attributes decoded(List<Attribute> attributes, byte[] flags, byte[] wire, Negotiated negotiated) {
        return new Attributes(decoded(attributes, flags).contents, wire, negotiated, 0);
    }

    /**
     * Decoder use: the path attribute field {@code wire} (not copied, never written afterwards) that
     * {@link AttributeScan#accepts} accepted for a session with {@code negotiated}, in the compact
     * form: its attribute objects are decoded only when first asked for.
     */
    public static Attributes fromReceived(byte[] wire, Negotiated negotiated) {
        return new Attributes(null, wire, negotiated, 0);
    }

    /**
     * The form for a RIB to keep: equal to this, holding only the received octets when it was
     * decoded from an UPDATE (its attribute objects are decoded again when first asked for), else
     * this very instance.
     */
    public Attributes compact() {
        return wire == null || contents == null ? this : new Attributes(null, wire, wireSession, hash);
    }

    /** The session a {@link #compactBuilt} set says its octets were encoded for: 4-octet AS numbers, nothing else. */
    private static final Negotiated BUILT_ASN4 = new Negotiated(true, java.util.Set.of(), java.util.Set.of(), false);

    /**
     * The form for a RIB to keep of a set built from objects (a route from the configuration or an API
     * process): only its 4-octet-AS encoding, the attribute objects decoded again when first asked for,
     * as {@link #compact()} keeps a received set - when every attribute of those octets is one
     * {@link AttributeScan#acceptsEach} takes, which decodes back to this set exactly (RFC flags,
     * one-octet lengths, type order; a set for an MP next hop has no NEXT_HOP and needs none);
     * otherwise, and for a received set, {@link #compact()}. Equal to this, with the same hash.
     * About 100 octets instead of some 15 objects and ~450 for 250,000 API sets (issue 18).
     */
    public Attributes compactBuilt() {
        if (wire != null) {
            return compact();
        }
        Encoded e = encoded(true);
        byte[] bytes = e.bytes();
        if (!AttributeScan.acceptsEach(bytes, 0, bytes.length, true)) {
            return this;
        }
        Attributes c = new Attributes(null, bytes, BUILT_ASN4, hashCode());
        c.encoded4 = e;
        return c;
    }

    private boolean isCompactBuilt() {
        return wireSession == BUILT_ASN4 && contents == null;
    }

    /**
     * True when both sets were decoded from the same octets on sessions with the same AS number
     * size, which makes them equal; a check that never decodes a compact set (false says nothing).
     */
    public boolean sameReceivedOctets(Attributes other) {
        return wire != null && other.wire != null && wireSession.asn4() == other.wireSession.asn4()
                && Arrays.equals(wire, other.wire);
    }

    /**
     * The number of octets of the path attribute field this set was decoded from (a received set, compact
     * or not), or of its 4-octet-AS encoding ({@link #compactBuilt}); -1 for a set built from objects. With
     * {@link #copyReceived} and {@link #receivedAsn4}, what a reader of the octets needs (the JSON event
     * writer formats a received set from them instead of decoding it, issue 18).
     */
    public int receivedLength() {
        return wire == null ? -1 : wire.length;
    }

    /** Copies the {@link #receivedLength} octets into {@code out} at {@code pos}; returns the position after them. */
    public int copyReceived(byte[] out, int pos) {
        System.arraycopy(wire, 0, out, pos, wire.length);
        return pos + wire.length;
    }

    /** Whether the received octets carry 4-octet AS numbers (RFC 6793); only with a {@link #receivedLength}. */
    public boolean receivedAsn4() {
        return wireSession.asn4();
    }

    private Contents contents() {
        Contents c = contents;
        if (c == null) {
            // The compact form's first use: decode the same octets the same way again (an UPDATE body
            // with no withdrawn routes and no NLRI, so only the attributes matter), fully: the fast
            // path would hand back another compact set and we would never get the objects.
            byte[] body = new byte[4 + wire.length];
            Bytes.put16(body, 2, wire.length);
            System.arraycopy(wire, 0, body, 4, wire.length);
            Decoded.Ok ok = (Decoded.Ok) UpdateCodec.decodeFully(body, 0, body.length, wireSession);
            c = ((Update) ok.message()).attributes().contents();
            contents = c;
        }
        return c;
    }

    /**
     * Decoder use: {@code attributes} have distinct type codes and no MP attributes; {@code flags}
     * (256 entries, or null) holds the Partial / Extended Length bits of the known ones as received.
     */
    public static Attributes decoded(List<Attribute> attributes, byte[] flags) {
        // Received in wire order, which RFC 4271 section 5 does not prescribe but nearly every
        // speaker sorts by type code: copy once, sort only when needed.
        for (int i = 1; i < attributes.size(); i++) {
            if (attributes.get(i - 1).typeCode() > attributes.get(i).typeCode()) {
                List<Attribute> sorted = new ArrayList<>(attributes);
                sorted.sort(Comparator.comparingInt(Attribute::typeCode));
                return new Attributes(List.copyOf(sorted), flags);
            }
        }
        return new Attributes(List.copyOf(attributes), flags);
    }

    public static Attributes of(Attribute... attributes) {
        return of(Arrays.asList(attributes));
    }

    private static final Comparator<Attribute> BY_TYPE_CODE = Comparator.comparingInt(Attribute::typeCode);

    /** Sorts by type code; IllegalArgumentException on duplicates or MP_REACH/MP_UNREACH (those go in {@link Update}). */
    public static Attributes of(Collection<? extends Attribute> attributes) {
        // One array copied once more into the immutable list (issue 18: once per API attribute set; an ArrayList
        // and List.copyOf of it made four arrays), each type code asked for once: typeCode() is an interface call
        // on a dozen record types.
        Attribute[] sorted = attributes.toArray(new Attribute[0]);
        for (int i = 1, previous = sorted.length > 0 ? sorted[0].typeCode() : 0; i < sorted.length; i++) {
            int code = sorted[i].typeCode();
            if (code < previous) { // a mapping's come sorted: no sort then
                Arrays.sort(sorted, BY_TYPE_CODE);
                break;
            }
            previous = code;
        }
        for (int i = 0, previous = -1; i < sorted.length; i++) {
            Attribute a = sorted[i];
            if (a instanceof Attribute.MpReach || a instanceof Attribute.MpUnreach) {
                throw new IllegalArgumentException("MP_REACH/MP_UNREACH belong in the Update, not in Attributes");
            }
            int code = a.typeCode();
            if (code == previous) {
                throw new IllegalArgumentException("duplicate attribute " + Attribute.name(code));
            }
            previous = code;
        }
        return new Attributes(List.of(sorted), null);
    }

    /** The attributes, sorted by type code. */
    public List<Attribute> list() {
        return contents().list();
    }

    public int size() {
        Contents c = contents;
        return c != null ? c.list().size() : attributeCount(wire);
    }

    /**
     * The number of attributes in a received field, without decoding them: in a field kept as octets
     * (no error, so no repeat; no MP attribute) every attribute header is one element of the list.
     */
    private static int attributeCount(byte[] field) {
        int n = 0;
        for (int p = 0; p < field.length; n++) {
            boolean extended = (field[p] & Attribute.FLAG_EXTENDED_LENGTH) != 0;
            p += extended ? 4 + Bytes.u16(field, p + 2) : 3 + (field[p + 2] & 0xFF);
        }
        return n;
    }

    public boolean isEmpty() {
        return contents == null ? wire.length == 0 : contents.list().isEmpty();
    }

    /** The attribute with this type code, or null. */
    public Attribute get(int typeCode) {
        for (Attribute a : list()) {
            if (a.typeCode() == typeCode) {
                return a;
            }
        }
        return null;
    }

    public boolean contains(int typeCode) {
        return get(typeCode) != null;
    }

    public <T extends Attribute> Optional<T> get(Class<T> kind) {
        for (Attribute a : list()) {
            if (kind.isInstance(a)) {
                return Optional.of(kind.cast(a));
            }
        }
        return Optional.empty();
    }

    public Optional<Attribute.Origin> origin() {
        return get(Attribute.Origin.class);
    }

    public Optional<Attribute.AsPath> asPath() {
        return get(Attribute.AsPath.class);
    }

    public Optional<Attribute.NextHop> nextHop() {
        return get(Attribute.NextHop.class);
    }

    public Optional<Attribute.MultiExitDisc> med() {
        return get(Attribute.MultiExitDisc.class);
    }

    public Optional<Attribute.LocalPref> localPref() {
        return get(Attribute.LocalPref.class);
    }

    /**
     * The flags {@code a} (one of {@link #list()}) is encoded with: its RFC flags, plus the Partial and
     * Extended Length bits it was received with (the encoder also sets Extended Length for values
     * longer than 255 octets).
     */
    public int flagsOf(Attribute a) {
        return a.flags() | extraFlags(a.typeCode());
    }

    private int extraFlags(int typeCode) {
        byte[] receivedFlags = contents().receivedFlags();
        return receivedFlags == null || !AttributeCodec.isKnown(typeCode) ? 0 : receivedFlags[typeCode] & 0xFF;
    }

    /** A copy with {@code a} added, replacing any attribute of the same type (whose received flags are forgotten). */
    public Attributes with(Attribute a) {
        List<Attribute> out = new ArrayList<>(size() + 1);
        for (Attribute x : list()) {
            if (x.typeCode() != a.typeCode()) {
                out.add(x);
            }
        }
        out.add(a);
        return new Attributes(of(out).list(), withoutFlags(a.typeCode()));
    }

    public Attributes without(int typeCode) {
        return contains(typeCode)
                ? new Attributes(list().stream().filter(a -> a.typeCode() != typeCode).toList(), withoutFlags(typeCode)) : this;
    }

    private byte[] withoutFlags(int typeCode) {
        byte[] receivedFlags = contents().receivedFlags();
        if (receivedFlags == null || receivedFlags[typeCode] == 0) {
            return receivedFlags;
        }
        byte[] f = receivedFlags.clone();
        f[typeCode] = 0;
        return f;
    }

    /**
     * What to pass on to another peer (RFC 4271 section 5 and 9.1.2): unrecognized optional transitive
     * attributes with the Partial bit set, unrecognized optional non-transitive ones removed.
     */
    public Attributes forwarded() {
        List<Attribute> out = new ArrayList<>(size());
        for (Attribute a : list()) {
            if (a instanceof Attribute.Unknown u) {
                Attribute.Unknown f = u.forwarded();
                if (f != null) {
                    out.add(f);
                }
            } else {
                out.add(a);
            }
        }
        return new Attributes(List.copyOf(out), contents().receivedFlags());
    }

    /** The AS path with AS4_PATH merged in (RFC 6793 section 4.2.3); empty when there is no AS_PATH. */
    public Optional<Attribute.AsPath> effectiveAsPath() {
        return asPath().map(p -> As4Merge.asPath(p, get(Attribute.As4Path.class).orElse(null),
                get(Attribute.Aggregator.class).orElse(null), get(Attribute.As4Aggregator.class).orElse(null)));
    }

    /** The AGGREGATOR with AS4_AGGREGATOR merged in (RFC 6793 section 4.2.3). */
    public Optional<Attribute.Aggregator> effectiveAggregator() {
        return get(Attribute.Aggregator.class).map(a -> As4Merge.aggregator(a, get(Attribute.As4Aggregator.class).orElse(null)));
    }

    /** Octets of the wire form for a session with ({@code asn4}) or without 4-octet AS numbers. */
    public int encodedLength(boolean asn4) {
        return encoded(asn4).bytes().length;
    }

    /** A copy of the wire form (all attributes, concatenated). */
    public byte[] toByteArray(boolean asn4) {
        return encoded(asn4).bytes().clone();
    }

    public Encoded encoded(boolean asn4) {
        Encoded e = asn4 ? encoded4 : encoded2;
        if (e == null) {
            e = reencodesVerbatim(asn4) ? new Encoded(wire, splitOf(wire)) : encode(asn4);
            if (asn4) {
                encoded4 = e;
            } else {
                encoded2 = e;
            }
        }
        return e;
    }

    /**
     * True when encoding for a session with ({@code asn4}) or without 4-octet ASes would give back the
     * received octets: same AS number size, and a field {@link AttributeScan} accepts - each attribute
     * with exactly its RFC flags and a one-octet length, in type order, of a kind written exactly as
     * it is read, no AS above 65535 on a 2-octet session (so no AS4_PATH / AS4_AGGREGATOR to add,
     * RFC 6793 section 4.2.2). The differential test holds this to the object encoding.
     */
    private boolean reencodesVerbatim(boolean asn4) {
        return wire != null && wireSession.asn4() == asn4 && AttributeScan.accepts(wire, 0, wire.length, asn4);
    }

    /** Where the first attribute with a type code above MP_UNREACH_NLRI starts in a field of one-octet lengths. */
    private static int splitOf(byte[] field) {
        int p = 0;
        while (p < field.length && (field[p + 1] & 0xFF) <= Attribute.MP_UNREACH_NLRI) {
            p += 3 + (field[p + 2] & 0xFF);
        }
        return p;
    }

    /**
     * RFC 6793 section 4.2.2: towards a 2-octet speaker, ASes above 65535 become AS_TRANS and the
     * real path/aggregator go in AS4_PATH / AS4_AGGREGATOR (unless present already). Section 4.1:
     * towards a 4-octet speaker AS4_PATH / AS4_AGGREGATOR are never sent.
     */
    private Encoded encode(boolean asn4) {
        List<Attribute> effective;
        if (asn4) {
            effective = list(); // AS4_PATH / AS4_AGGREGATOR are skipped below
        } else {
            List<Attribute> with4 = new ArrayList<>(list());
            asPath().ifPresent(p -> {
                Attribute.As4Path as4 = As4Merge.as4PathFor(p);
                if (as4 != null && !contains(Attribute.AS4_PATH)) {
                    with4.add(as4);
                }
            });
            get(Attribute.Aggregator.class).ifPresent(g -> {
                if (g.asn() > 0xFFFF && !contains(Attribute.AS4_AGGREGATOR)) {
                    with4.add(new Attribute.As4Aggregator(g.asn(), g.address()));
                }
            });
            with4.sort(Comparator.comparingInt(Attribute::typeCode));
            effective = with4;
        }
        WireWriter w = new WireWriter(128);
        int split = -1;
        byte[] receivedFlags = contents().receivedFlags();
        for (int i = 0, n = effective.size(); i < n; i++) {
            Attribute a = effective.get(i);
            int type = a.typeCode();
            if (asn4 && (type == Attribute.AS4_PATH || type == Attribute.AS4_AGGREGATOR)) {
                continue;
            }
            if (split < 0 && type > Attribute.MP_UNREACH_NLRI) {
                split = w.position();
            }
            int extra = receivedFlags == null || !AttributeCodec.isKnown(type) ? 0 : receivedFlags[type] & 0xFF;
            AttributeCodec.write(a, extra, asn4, w);
        }
        byte[] bytes = w.toByteArray();
        return new Encoded(bytes, split < 0 ? bytes.length : split);
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof Attributes a)) {
            return false;
        }
        if (sameReceivedOctets(a)) {
            return true; // the same octets decode the same way (MP attributes, which ADD-PATH affects, are never here)
        }
        if (a.hashCode() != hashCode()) {
            return false;
        }
        // A compactBuilt set (a RIB's) against another: their 4-octet-AS encodings are equal exactly when the
        // sets are (the compact octets decode to the very set they were encoded from), and comparing them keeps
        // the RIB's copy undecoded - decoded, its objects would stay with it for good.
        if (a.isCompactBuilt() || isCompactBuilt()) {
            return Arrays.equals(a.encoded(true).bytes(), encoded(true).bytes());
        }
        if (!a.list().equals(list())) { // the same set in other octets, e.g. another order
            return false;
        }
        for (Attribute x : list()) {
            if (a.extraFlags(x.typeCode()) != extraFlags(x.typeCode())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            // Each attribute's hash is mixed before it is combined: the List hash (31 * h + e) is linear, and
            // tables vary small numbers - MED m and community [65001:c] hash to about 31 * m + c - so 250,000
            // API routes' sets fell into a few tens of thousands of values, HashMap bins became trees of equal
            // hashes, and grouping them by path (AdjRibOut) compared attribute lists most of the time (issue 18).
            h = 1;
            for (Attribute a : list()) {
                h = 31 * h + mix(a.hashCode());
            }
            hash = h; // a set whose hash is 0 is recomputed each time: harmless
        }
        return h;
    }

    /** MurmurHash3's 32-bit finaliser: every input bit moves every output bit. */
    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        return h ^ h >>> 16;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Attributes[");
        List<Attribute> list = list();
        for (int i = 0; i < list.size(); i++) {
            Attribute a = list.get(i);
            sb.append(i == 0 ? "" : ", ").append(a);
            if ((extraFlags(a.typeCode()) & Attribute.FLAG_PARTIAL) != 0) {
                sb.append("(partial)");
            }
        }
        return sb.append(']').toString();
    }
}
