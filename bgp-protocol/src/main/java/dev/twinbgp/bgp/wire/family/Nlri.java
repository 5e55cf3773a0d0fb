package dev.twinbgp.bgp.wire.family;

import dev.twinbgp.bgp.wire.Bytes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * A validated, immutable block of prefixes in their wire form (RFC 4271 section 4.3 "Withdrawn
 * Routes" / "NLRI", RFC 4760 section 5, RFC 7911 section 3 with path identifiers):
 * <pre>
 * +---------------------------+
 * | Path Identifier (4 octets)|   only when ADD-PATH is in use for this family and direction
 * +---------------------------+
 * |   Length (1 octet)        |   prefix length in bits
 * +---------------------------+
 * |   Prefix (variable)       |   ceil(Length / 8) octets, trailing bits irrelevant
 * +---------------------------+
 * </pre>
 * Decoding keeps the bytes of the received message (no copy, no object per prefix): {@link #size()},
 * {@link #forEachIpv4} with primitive callbacks, and {@link #get(int)} to make a {@link Prefix} on demand.
 * A block of a family with a {@link FamilyCodec} (see {@link Families}) is split into routes by that codec,
 * each visited as an {@link NlriRoute} ({@link #forEachRoute}); a route the codec finds malformed is kept
 * (so it can be withdrawn) and named by {@link #malformed()}. A block of any other family is
 * {@linkplain #isOpaque() opaque}: kept byte for byte, {@code size() == 0}.
 */
public final class Nlri {
    /** Primitive callback for IPv4 prefixes: no allocation per prefix. */
    @FunctionalInterface
    public interface Ipv4Visitor {
        /** {@code pathId} is {@link Prefix#NO_PATH_ID} without ADD-PATH; host bits of {@code address} are zero. */
        void visit(long pathId, int address, int prefixLength);
    }

    private final Family family;
    private final boolean pathIds;
    private final boolean opaque;
    private final byte[] bytes; // never written after construction, may be shared with the decoded frame
    private final int offset;
    private final int length;
    private final int count;
    private final String malformed; // why the first malformed route is, or null
    // Lazily built offsets of each prefix for get(i). Racy but benign: every thread computes the same
    // offsets, and the array is published through the final field of Index, so a thread that sees
    // the Index also sees the filled array (JLS 17.5); a plain int[] field would not guarantee that.
    private Index index;

    private record Index(int[] offsets) { }

    private Nlri(Family family, boolean pathIds, boolean opaque, byte[] bytes, int offset, int length, int count) {
        this(family, pathIds, opaque, bytes, offset, length, count, null);
    }

    private Nlri(Family family, boolean pathIds, boolean opaque, byte[] bytes, int offset, int length, int count,
                 String malformed) {
        this.malformed = malformed;
        this.family = family;
        this.pathIds = pathIds;
        this.opaque = opaque;
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
        this.count = count;
    }

    /** An empty block. */
    public static Nlri empty(Family family, boolean pathIds) {
        return new Nlri(family, pathIds, !Families.isKnown(family), new byte[0], 0, 0, 0);
    }

    // Shared empty IPv4 unicast blocks for the decoder (most UPDATEs have an empty Withdrawn Routes
    // field). Safe to share: an Nlri is immutable, an empty one never builds its index, and nothing
    // compares blocks by identity except non-empty MP_REACH ones (UpdateJson).
    private static final Nlri EMPTY_IPV4 = empty(Family.IPV4_UNICAST, false);
    private static final Nlri EMPTY_IPV4_PATH_IDS = empty(Family.IPV4_UNICAST, true);

    /** The shared empty IPv4 unicast block (decoder use: no allocation per UPDATE). */
    public static Nlri emptyIpv4(boolean pathIds) {
        return pathIds ? EMPTY_IPV4_PATH_IDS : EMPTY_IPV4;
    }

    /** True for the families whose NLRI is a plain list of prefixes: IPv4/IPv6, unicast (1) or multicast (2). */
    public static boolean hasPrefixEncoding(Family f) {
        return (f.afi() == Family.AFI_IPV4 || f.afi() == Family.AFI_IPV6) && (f.safi() == 1 || f.safi() == 2);
    }

    /**
     * Validates {@code len} octets at {@code off} as an NLRI field and wraps them (without copying: the
     * caller hands over {@code b}, which must never change afterwards). Returns null if the field is
     * malformed: a length above 32/128, or fewer bytes left than the length needs (RFC 4271 section
     * 6.3, Invalid Network Field).
     */
    public static Nlri wrap(Family family, boolean pathIds, byte[] b, int off, int len) {
        if (!hasPrefixEncoding(family)) {
            FamilyCodec codec = Families.codec(family);
            return codec == null ? new Nlri(family, pathIds, true, b, off, len, 0) : wrapRoutes(codec, family, pathIds, b, off, len);
        }
        int maxBits = family.afi() == Family.AFI_IPV6 ? 128 : 32;
        int end = off + len;
        int p = off;
        int n = 0;
        int skip = pathIds ? 4 : 0;
        while (p < end) {
            p += skip;
            if (p >= end) {
                return null;
            }
            int bits = b[p] & 0xFF;
            if (bits > maxBits) {
                return null;
            }
            p += 1 + ((bits + 7) >>> 3);
            if (p > end) {
                return null;
            }
            n++;
        }
        return new Nlri(family, pathIds, false, b, off, len, n);
    }

    /** A field of a codec's family: each route delimited by the codec, the first malformed one remembered. */
    private static Nlri wrapRoutes(FamilyCodec codec, Family family, boolean pathIds, byte[] b, int off, int len) {
        int end = off + len;
        int p = off;
        int n = 0;
        String malformed = null;
        while (p < end) {
            p += pathIds ? 4 : 0;
            int rl = p >= end ? -1 : codec.routeLength(family, b, p, end);
            if (rl < 0 || p + rl > end) {
                return null;
            }
            if (malformed == null) {
                malformed = codec.malformed(family, b, p, rl);
            }
            p += rl;
            n++;
        }
        return new Nlri(family, pathIds, false, b, off, len, n, malformed);
    }

    /** Builds a block from prefixes; prefixes without a path id get 0 when {@code pathIds}. */
    public static Nlri of(Family family, boolean pathIds, Collection<Prefix> prefixes) {
        Builder b = builder(family, pathIds);
        for (Prefix p : prefixes) {
            b.add(p);
        }
        return b.build();
    }

    public static Builder builder(Family family, boolean pathIds) {
        return new Builder(family, pathIds);
    }

    /** Accumulates prefixes of one family straight into wire form. */
    public static final class Builder {
        private final Family family;
        private final boolean pathIds;
        private byte[] buf = new byte[64];
        private int pos;
        private int count;

        private Builder(Family family, boolean pathIds) {
            if (!Families.isKnown(family)) {
                throw new IllegalArgumentException("no prefix encoding for " + family);
            }
            this.family = family;
            this.pathIds = pathIds;
        }

        public Builder add(Prefix p) {
            if (p.afi() != family.afi()) {
                throw new IllegalArgumentException(p + " is not in " + family);
            }
            int need = p.wireSize(pathIds);
            if (pos + need > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + need));
            }
            pos = p.writeTo(buf, pos, pathIds);
            count++;
            return this;
        }

        /** Adds a route of this block's family (a prefix or a codec's route). */
        public Builder add(RouteKey r) {
            if (r instanceof Prefix p) {
                return add(p);
            }
            if (!r.family().equals(family)) {
                throw new IllegalArgumentException(r + " is not in " + family);
            }
            int need = r.wireSize(pathIds);
            if (pos + need > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + need));
            }
            pos = r.writeTo(buf, pos, pathIds);
            count++;
            return this;
        }

        /** Octets added so far. */
        public int wireLength() {
            return pos;
        }

        public int size() {
            return count;
        }

        public Nlri build() {
            return new Nlri(family, pathIds, false, Arrays.copyOf(buf, pos), 0, pos, count);
        }
    }

    public Family family() {
        return family;
    }

    /** Whether each prefix carries a 4-octet path identifier (RFC 7911). */
    public boolean hasPathIds() {
        return pathIds;
    }

    /** True when the family's NLRI is not a plain prefix list: the bytes are kept but not interpreted. */
    public boolean isOpaque() {
        return opaque;
    }

    public int size() {
        return count;
    }

    /** Why the first malformed route of a codec's block is malformed, or null (RFC 7606 treat-as-withdraw). */
    public String malformed() {
        return malformed;
    }

    /** True for a block of a family with a {@link FamilyCodec}: its routes are {@link NlriRoute}s. */
    public boolean hasCodec() {
        return !opaque && !hasPrefixEncoding(family);
    }

    /** Calls {@code c} for each route: a {@link Prefix} for the prefix families, an {@link NlriRoute} for a codec's. */
    public void forEachRoute(Consumer<? super RouteKey> c) {
        if (opaque) {
            return;
        }
        if (hasPrefixEncoding(family)) {
            forEach(c::accept);
            return;
        }
        FamilyCodec codec = Families.codec(family);
        int end = offset + length;
        int p = offset;
        while (p < end) {
            long id = Prefix.NO_PATH_ID;
            if (pathIds) {
                id = Bytes.u32(bytes, p);
                p += 4;
            }
            int rl = codec.routeLength(family, bytes, p, end);
            c.accept(NlriRoute.wrap(family, bytes, p, rl, id));
            p += rl;
        }
    }

    /** All routes as a new list (see {@link #forEachRoute}). */
    public List<RouteKey> routes() {
        List<RouteKey> out = new ArrayList<>(count);
        forEachRoute(out::add);
        return out;
    }

    public boolean isEmpty() {
        return length == 0;
    }

    /** Octets of the wire form. */
    public int wireLength() {
        return length;
    }

    public byte[] toByteArray() {
        return Bytes.slice(bytes, offset, length);
    }

    /** Copies the wire form into {@code out} at {@code pos}; returns the position after it. */
    public int writeTo(byte[] out, int pos) {
        System.arraycopy(bytes, offset, out, pos, length);
        return pos + length;
    }

    /**
     * The address of an IPv4 prefix of {@code bits} whose (bits + 7) / 8 octets start at {@code b[p]}, as an int with
     * the bits past the length zero (RFC 4271 section 4.3: the trailing bits of the last octet are irrelevant).
     */
    public static int ipv4Address(byte[] b, int p, int bits) {
        int n = (bits + 7) >>> 3;
        int address = 0;
        for (int i = 0; i < 4; i++) {
            address = address << 8 | (i < n ? b[p + i] & 0xFF : 0);
        }
        return bits >= 32 ? address : bits == 0 ? 0 : address & -1 << (32 - bits);
    }

    /** Calls {@code v} for each prefix of an IPv4 block, allocating nothing. */
    public void forEachIpv4(Ipv4Visitor v) {
        if (opaque || family.afi() != Family.AFI_IPV4) {
            throw new IllegalStateException("not an IPv4 block: " + family);
        }
        int end = offset + length;
        int p = offset;
        while (p < end) {
            long id = Prefix.NO_PATH_ID;
            if (pathIds) {
                id = Bytes.u32(bytes, p);
                p += 4;
            }
            int bits = bytes[p++] & 0xFF;
            v.visit(id, ipv4Address(bytes, p, bits), bits);
            p += (bits + 7) >>> 3;
        }
    }

    /** Calls {@code c} with a new {@link Prefix} for each prefix. */
    public void forEach(Consumer<Prefix> c) {
        if (!hasPrefixEncoding(family)) {
            return;
        }
        int end = offset + length;
        int p = offset;
        boolean v6 = family.afi() == Family.AFI_IPV6;
        while (!opaque && p < end) {
            long id = Prefix.NO_PATH_ID;
            if (pathIds) {
                id = Bytes.u32(bytes, p);
                p += 4;
            }
            int bits = bytes[p] & 0xFF;
            c.accept(Prefix.fromWire(v6, bytes, p + 1, bits, id, family.safi() == Family.SAFI_MULTICAST));
            p += 1 + ((bits + 7) >>> 3);
        }
    }

    /** The {@code i}-th prefix (0-based). */
    public Prefix get(int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException(i + " of " + count);
        }
        Index idx = index;
        if (idx == null) {
            int[] offsets = new int[count];
            int p = offset;
            for (int k = 0; k < count; k++) {
                offsets[k] = p;
                p += (pathIds ? 4 : 0);
                p += 1 + (((bytes[p] & 0xFF) + 7) >>> 3);
            }
            idx = new Index(offsets);
            index = idx;
        }
        int p = idx.offsets()[i];
        long id = Prefix.NO_PATH_ID;
        if (pathIds) {
            id = Bytes.u32(bytes, p);
            p += 4;
        }
        return Prefix.fromWire(family.afi() == Family.AFI_IPV6, bytes, p + 1, bytes[p] & 0xFF, id,
                family.safi() == Family.SAFI_MULTICAST);
    }

    /** All prefixes as a new list (allocates; prefer {@link #forEachIpv4} on hot paths). */
    public List<Prefix> prefixes() {
        List<Prefix> out = new ArrayList<>(count);
        forEach(out::add);
        return out;
    }

    /** The same prefixes with or without path identifiers (dropped, or added as 0). */
    public Nlri withPathIds(boolean ids) {
        if (ids == pathIds || opaque) {
            return this;
        }
        if (hasCodec()) {
            Builder b = builder(family, ids);
            forEachRoute(r -> b.add(ids ? r : r.withoutPathId()));
            return b.build();
        }
        return of(family, ids, ids ? prefixes() : prefixes().stream().map(Prefix::withoutPathId).toList());
    }

    @Override
    public boolean equals(Object o) {
        // Two empty blocks are equal whatever their path id setting: the wire form is the same.
        return o instanceof Nlri n && n.family.equals(family) && (n.pathIds == pathIds || length == 0) && n.opaque == opaque
                && Arrays.equals(n.bytes, n.offset, n.offset + n.length, bytes, offset, offset + length);
    }

    @Override
    public int hashCode() {
        int h = family.hashCode();
        for (int i = offset; i < offset + length; i++) {
            h = h * 31 + bytes[i];
        }
        return h;
    }

    /** E.g. {@code [10.0.0.0/24, 10.0.1.0/24]}, abbreviated after 16 prefixes. */
    @Override
    public String toString() {
        if (opaque) {
            return "opaque " + family + " " + Bytes.hex(toByteArray());
        }
        StringBuilder sb = new StringBuilder("[");
        int shown = Math.min(count, 16);
        if (hasCodec()) {
            List<RouteKey> routes = routes();
            for (int i = 0; i < shown; i++) {
                sb.append(i == 0 ? "" : ", ").append(routes.get(i));
            }
        }
        for (int i = 0; i < shown && !hasCodec(); i++) {
            sb.append(i == 0 ? "" : ", ").append(get(i));
        }
        if (count > shown) {
            sb.append(", ... (").append(count).append(" prefixes)");
        }
        return sb.append(']').toString();
    }
}
