package dev.twinbgp.bgp.wire.family;

import dev.twinbgp.bgp.wire.Bytes;

import java.util.Arrays;

/**
 * One route of a family with a {@link FamilyCodec}: the route's NLRI octets as its codec delimits them
 * (without the ADD-PATH path identifier, RFC 7911 section 3), which is what identifies it in the RIBs.
 * The codec reads the octets when the route is shown ({@link FamilyCodec#describe}). Two routes are equal
 * when their codec's {@linkplain FamilyCodec#key keys} are (a labeled route's labels are not part of it). Immutable.
 */
public final class NlriRoute implements RouteKey {
    private final Family family;
    private final byte[] nlri;
    private final byte[] key; // the octets that identify it (FamilyCodec.key): nlri itself for most families
    private final long pathId;
    private final int hash;

    private NlriRoute(Family family, byte[] nlri, byte[] key, long pathId) {
        this.family = family;
        this.nlri = nlri;
        this.key = key;
        this.pathId = pathId;
        this.hash = (family.hashCode() * 31 + Arrays.hashCode(key)) * 31 + Long.hashCode(pathId);
    }

    private NlriRoute(Family family, byte[] nlri, long pathId) {
        this.family = family;
        this.nlri = nlri;
        FamilyCodec codec = Families.codec(family);
        this.key = codec == null ? nlri : codec.key(family, nlri);
        this.pathId = pathId;
        this.hash = (family.hashCode() * 31 + Arrays.hashCode(key)) * 31 + Long.hashCode(pathId);
    }

    /** A route of {@code family} from its NLRI octets (copied). */
    public static NlriRoute of(Family family, byte[] nlri) {
        return new NlriRoute(family, nlri.clone(), Prefix.NO_PATH_ID);
    }

    static NlriRoute wrap(Family family, byte[] b, int off, int len, long pathId) {
        return new NlriRoute(family, Bytes.slice(b, off, len), pathId);
    }

    @Override
    public Family family() {
        return family;
    }

    @Override
    public long pathId() {
        return pathId;
    }

    /** The route's NLRI octets, without path identifier. */
    public byte[] nlri() {
        return nlri.clone();
    }

    /** The NLRI octets without copying: the caller must not change them. */
    byte[] nlriShared() {
        return nlri;
    }

    @Override
    public NlriRoute withoutPathId() {
        return pathId == Prefix.NO_PATH_ID ? this : new NlriRoute(family, nlri, key, Prefix.NO_PATH_ID);
    }

    @Override
    public NlriRoute withPathId(long id) {
        if (id < 0 || id > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("path identifier out of range: " + id);
        }
        return new NlriRoute(family, nlri, key, id);
    }

    /**
     * True when some octets of the NLRI are not part of the key (EVPN's label and ESI): two routes may then be
     * equal and still be sent differently, so a RIB replaces the key it holds on a new announcement.
     */
    public boolean hasNonKeyFields() {
        return key != nlri;
    }

    /** False for a route of a type its typed family does not know: reported, never stored (RFC 7606 section 5.4). */
    public boolean recognised() {
        FamilyCodec codec = Families.codec(family);
        return codec == null || codec.recognised(family, nlri);
    }

    @Override
    public int wireSize(boolean withPathId) {
        return (withPathId ? 4 : 0) + nlri.length;
    }

    @Override
    public int writeTo(byte[] out, int pos, boolean withPathId) {
        if (withPathId) {
            Bytes.put32(out, pos, hasPathId() ? pathId : 0);
            pos += 4;
        }
        System.arraycopy(nlri, 0, out, pos, nlri.length);
        return pos + nlri.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NlriRoute r && r.hash == hash && r.pathId == pathId && r.family.equals(family)
                && Arrays.equals(r.key, key);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** The codec's text for the route (ExaBGP's {@code string}), else the family and the octets in hex. */
    @Override
    public String toString() {
        FamilyCodec codec = Families.codec(family);
        String text = codec != null ? codec.text(family, nlri) : family + " 0x" + Bytes.hex(nlri);
        return hasPathId() ? text + " path-id " + pathId : text;
    }
}
