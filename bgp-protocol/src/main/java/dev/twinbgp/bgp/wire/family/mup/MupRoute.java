package dev.twinbgp.bgp.wire.family.mup;

import dev.twinbgp.bgp.wire.Bytes;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.family.FamilyRoute;
import dev.twinbgp.bgp.wire.family.NlriRoute;
import dev.twinbgp.bgp.wire.family.RouteDistinguisher;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * A BGP-MUP route of architecture 1 (3GPP 5G) as ExaBGP writes them (layouts in {@link MupNlri}): Interwork and
 * Direct Segment Discovery, Type 1 and Type 2 Session Transformed. Addresses of 4 octets make an {@code ipv4 mup}
 * route, of 16 an {@code ipv6 mup} one.
 */
public final class MupRoute implements FamilyRoute {
    private static final int ARCHITECTURE_3GPP_5G = 1;

    private final Family family;
    private final byte[] nlri;

    private MupRoute(Family family, byte[] nlri) {
        String why = MupNlri.malformed(nlri, 0, nlri.length, MupCodec.octets(family));
        if (why != null) {
            throw new IllegalArgumentException(why);
        }
        this.family = family;
        this.nlri = nlri;
    }

    /** Type 1, Interwork Segment Discovery: a prefix. */
    public static MupRoute isd(RouteDistinguisher rd, byte[] prefix, int length) {
        ByteArrayOutputStream b = start(rd);
        prefix(b, prefix, length);
        return finish(MupNlri.ISD, prefix.length, b);
    }

    /** Type 2, Direct Segment Discovery: an address. */
    public static MupRoute dsd(RouteDistinguisher rd, byte[] address) {
        ByteArrayOutputStream b = start(rd);
        b.writeBytes(address);
        return finish(MupNlri.DSD, address.length, b);
    }

    /** Type 3, Type 1 Session Transformed; {@code source} may be null (draft version 3 adds it). */
    public static MupRoute t1st(RouteDistinguisher rd, byte[] prefix, int length, long teid, int qfi, byte[] endpoint,
                                byte[] source) {
        if (teid < 0 || teid > 0xFFFFFFFFL || qfi < 0 || qfi > 0xFF) {
            throw new IllegalArgumentException("a TEID of at most 4294967295 and a QFI of at most 255");
        }
        ByteArrayOutputStream b = start(rd);
        prefix(b, prefix, length);
        byte[] t = new byte[4];
        Bytes.put32(t, 0, teid);
        b.writeBytes(t);
        b.write(qfi);
        b.write(endpoint.length * 8);
        b.writeBytes(endpoint);
        if (source != null) {
            b.write(source.length * 8);
            b.writeBytes(source);
        }
        return finish(MupNlri.T1ST, prefix.length, b);
    }

    /** Type 4, Type 2 Session Transformed: the endpoint and a TEID of {@code teidBits} (0 to 32) bits. */
    public static MupRoute t2st(RouteDistinguisher rd, byte[] endpoint, long teid, int teidBits) {
        if (teidBits < 0 || teidBits > 32 || teid < 0 || teid > 0xFFFFFFFFL || teidBits < 32 && teid >>> teidBits != 0) {
            throw new IllegalArgumentException("a TEID that fits its length (TEID/BITS, at most 32 bits)");
        }
        ByteArrayOutputStream b = start(rd);
        b.write(endpoint.length * 8 + teidBits);
        b.writeBytes(endpoint);
        int octets = (teidBits + 7) / 8;
        for (int i = octets - 1; i >= 0; i--) {
            b.write((int) (teid >>> (8 * i)));
        }
        return finish(MupNlri.T2ST, endpoint.length, b);
    }

    private static ByteArrayOutputStream start(RouteDistinguisher rd) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(rd.octets());
        return b;
    }

    private static void prefix(ByteArrayOutputStream b, byte[] prefix, int length) {
        if (length < 0 || length > prefix.length * 8) {
            throw new IllegalArgumentException("a prefix length of at most " + prefix.length * 8);
        }
        b.write(length);
        byte[] masked = Arrays.copyOf(prefix, (length + 7) / 8);
        if (length % 8 != 0) {
            masked[masked.length - 1] &= (byte) (0xFF << (8 - length % 8));
        }
        b.writeBytes(masked);
    }

    private static MupRoute finish(int type, int octets, ByteArrayOutputStream body) {
        if (octets != 4 && octets != 16) {
            throw new IllegalArgumentException("an IPv4 or IPv6 address");
        }
        byte[] payload = body.toByteArray();
        byte[] nlri = new byte[4 + payload.length];
        nlri[0] = ARCHITECTURE_3GPP_5G;
        Bytes.put16(nlri, 1, type);
        nlri[3] = (byte) payload.length;
        System.arraycopy(payload, 0, nlri, 4, payload.length);
        return new MupRoute(octets == 4 ? Family.IPV4_MUP : Family.IPV6_MUP, nlri);
    }

    @Override
    public Family family() {
        return family;
    }

    @Override
    public NlriRoute route() {
        return NlriRoute.of(family, nlri);
    }

    /** ExaBGP sends NEXT_HOP beside MP_REACH_NLRI for MUP routes when the next hop is IPv4. */
    @Override
    public boolean nextHopAttribute() {
        return true;
    }

    /** An IPv4 next hop of an ipv6 mup route goes as its IPv4-mapped IPv6 address (::ffff:a.b.c.d), as ExaBGP sends it. */
    @Override
    public byte[] nextHop(byte[] configured) {
        if (family.afi() != Family.AFI_IPV6 || configured.length != 4) {
            return configured;
        }
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xFF;
        mapped[11] = (byte) 0xFF;
        System.arraycopy(configured, 0, mapped, 12, 4);
        return mapped;
    }

    public byte[] encode() {
        return nlri.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MupRoute r && r.family.equals(family) && Arrays.equals(r.nlri, nlri);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(nlri);
    }

    @Override
    public String toString() {
        return MupNlri.text(nlri, MupCodec.octets(family));
    }
}
