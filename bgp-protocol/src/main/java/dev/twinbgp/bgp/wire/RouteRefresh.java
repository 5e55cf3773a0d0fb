package dev.twinbgp.bgp.wire;

import dev.twinbgp.bgp.wire.family.Family;

/**
 * ROUTE-REFRESH (RFC 2918 section 3; subtype per RFC 7313 section 3.2).
 * <pre>
 *  0       7      15      23      31
 * +-------+-------+-------+-------+
 * |      AFI      | Subtyp| SAFI  |
 * +-------+-------+-------+-------+
 * </pre>
 * Subtype 0 is a normal request, 1 Begin-of-RR, 2 End-of-RR.
 */
public record RouteRefresh(int afi, int subtype, int safi) implements BgpMessage {
    public static final int NORMAL = 0;
    public static final int BEGIN_OF_RR = 1;
    public static final int END_OF_RR = 2;

    public RouteRefresh(Family family) {
        this(family.afi(), NORMAL, family.safi());
    }

    public Family family() {
        return new Family(afi, safi);
    }

    @Override
    public MessageType type() {
        return MessageType.ROUTE_REFRESH;
    }
}
