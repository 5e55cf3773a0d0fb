package dev.twinbgp.bgp.wire.family.mup;

import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.family.FamilyCodec;

import java.util.List;

/** The family codec of BGP-MUP, {@code ipv4|ipv6 mup} (SAFI 85, draft-mpmz-bess-mup-safi): see {@link MupNlri}. */
public final class MupCodec implements FamilyCodec {
    @Override
    public List<Family> families() {
        return List.of(Family.IPV4_MUP, Family.IPV6_MUP);
    }

    static int octets(Family family) {
        return family.afi() == Family.AFI_IPV6 ? 16 : 4;
    }

    @Override
    public int routeLength(Family family, byte[] b, int p, int end) {
        return MupNlri.routeLength(b, p, end);
    }

    @Override
    public String malformed(Family family, byte[] b, int off, int len) {
        return MupNlri.malformed(b, off, len, octets(family));
    }

    @Override
    public boolean recognised(Family family, byte[] nlri) {
        return nlri.length >= 4 && MupNlri.name(MupNlri.type(nlri, 0)) != null;
    }

    @Override
    public void describe(Family family, byte[] nlri, Fields out) {
        MupNlri.describe(nlri, octets(family), out);
    }

    @Override
    public String text(Family family, byte[] nlri) {
        return MupNlri.text(nlri, octets(family));
    }
}
