package dev.twinbgp.bgp.wire.family.mvpn;

import dev.twinbgp.bgp.wire.Bytes;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.family.FamilyRoute;
import dev.twinbgp.bgp.wire.family.NlriRoute;
import dev.twinbgp.bgp.wire.family.RouteDistinguisher;

import java.util.Arrays;

/**
 * An MCAST-VPN route of the types ExaBGP encodes (RFC 6514 sections 4.5 and 4.6; layouts in {@link MvpnNlri}):
 * Source Active A-D ({@code source-ad}), C-multicast Shared Tree Join ({@code shared-join}, whose source is the
 * RP) and Source Tree Join ({@code source-join}). Addresses are 4 or 16 octets; the family follows them.
 */
public final class MvpnRoute implements FamilyRoute {
    private final Family family;
    private final byte[] nlri;

    private MvpnRoute(Family family, byte[] nlri) {
        this.family = family;
        this.nlri = nlri;
    }

    /** Type 5, Source Active A-D (RFC 6514 section 4.5). */
    public static MvpnRoute sourceAd(RouteDistinguisher rd, byte[] source, byte[] group) {
        return build(MvpnNlri.SOURCE_AD, rd, -1, source, group);
    }

    /** Type 6 ({@code sharedJoin}: the source is the RP) or 7, C-multicast (RFC 6514 section 4.6). */
    public static MvpnRoute join(boolean sharedJoin, RouteDistinguisher rd, long sourceAs, byte[] source, byte[] group) {
        if (sourceAs < 0 || sourceAs > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("a source AS of at most 4294967295");
        }
        return build(sharedJoin ? MvpnNlri.SHARED_JOIN : MvpnNlri.SOURCE_JOIN, rd, sourceAs, source, group);
    }

    private static MvpnRoute build(int type, RouteDistinguisher rd, long sourceAs, byte[] source, byte[] group) {
        if (source.length != group.length || source.length != 4 && source.length != 16) {
            throw new IllegalArgumentException("a source and a group of the same address family");
        }
        int n = 8 + (sourceAs >= 0 ? 4 : 0) + 2 + 2 * source.length;
        byte[] b = new byte[2 + n];
        b[0] = (byte) type;
        b[1] = (byte) n;
        int p = rd.writeTo(b, 2);
        if (sourceAs >= 0) {
            Bytes.put32(b, p, sourceAs);
            p += 4;
        }
        b[p++] = (byte) (source.length * 8);
        System.arraycopy(source, 0, b, p, source.length);
        p += source.length;
        b[p++] = (byte) (group.length * 8);
        System.arraycopy(group, 0, b, p, group.length);
        Family family = source.length == 4 ? Family.IPV4_MCAST_VPN : Family.IPV6_MCAST_VPN;
        return new MvpnRoute(family, b);
    }

    @Override
    public Family family() {
        return family;
    }

    @Override
    public NlriRoute route() {
        return NlriRoute.of(family, nlri);
    }

    /** ExaBGP sends NEXT_HOP beside MP_REACH_NLRI for these routes when the next hop is IPv4. */
    @Override
    public boolean nextHopAttribute() {
        return true;
    }

    public byte[] encode() {
        return nlri.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MvpnRoute r && r.family.equals(family) && Arrays.equals(r.nlri, nlri);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(nlri);
    }

    @Override
    public String toString() {
        return MvpnNlri.text(nlri);
    }
}
