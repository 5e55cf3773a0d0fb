package dev.twinbgp.bgp.wire.family.mvpn;

import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.family.FamilyCodec;

import java.util.List;

/** The family codec of MCAST-VPN, {@code ipv4|ipv6 mcast-vpn} (SAFI 5; RFC 6514): see {@link MvpnNlri}. */
public final class MvpnCodec implements FamilyCodec {
    @Override
    public List<Family> families() {
        return List.of(Family.IPV4_MCAST_VPN, Family.IPV6_MCAST_VPN);
    }

    @Override
    public int routeLength(Family family, byte[] b, int p, int end) {
        return MvpnNlri.routeLength(b, p, end);
    }

    @Override
    public String malformed(Family family, byte[] b, int off, int len) {
        return MvpnNlri.malformed(b, off, len);
    }

    @Override
    public boolean recognised(Family family, byte[] nlri) {
        return nlri.length > 0 && MvpnNlri.known(nlri[0] & 0xFF);
    }

    @Override
    public void describe(Family family, byte[] nlri, Fields out) {
        MvpnNlri.describe(nlri, out);
    }

    @Override
    public String text(Family family, byte[] nlri) {
        return MvpnNlri.text(nlri);
    }
}
