package dev.twinbgp.bgp.wire.family.evpn;

import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.family.FamilyCodec;

import java.util.List;

/** The family codec of EVPN, {@code l2vpn evpn} (AFI 25, SAFI 70; RFC 7432, RFC 9136): see {@link EvpnNlri}. */
public final class EvpnCodec implements FamilyCodec {
    @Override
    public List<Family> families() {
        return List.of(Family.L2VPN_EVPN);
    }

    @Override
    public int routeLength(Family family, byte[] b, int p, int end) {
        return EvpnNlri.routeLength(b, p, end);
    }

    @Override
    public String malformed(Family family, byte[] b, int off, int len) {
        return EvpnNlri.malformed(b, off, len);
    }

    @Override
    public byte[] key(Family family, byte[] nlri) {
        return EvpnNlri.key(nlri);
    }

    @Override
    public boolean recognised(Family family, byte[] nlri) {
        return nlri.length > 0 && EvpnNlri.known(nlri[0] & 0xFF);
    }

    @Override
    public void describe(Family family, byte[] nlri, Fields out) {
        EvpnNlri.describe(nlri, out);
    }

    @Override
    public String text(Family family, byte[] nlri) {
        return EvpnNlri.text(nlri);
    }
}
