package dev.twinbgp.bgp.wire.family.rtc;

import dev.twinbgp.bgp.wire.Bytes;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.family.FamilyRoute;
import dev.twinbgp.bgp.wire.family.NlriRoute;

/**
 * A route target membership to announce (RFC 4684 section 4), as ExaBGP's {@code rtc origin-as AS route-target RT}
 * and {@code rtc default} write it:
 * <pre>
 * +-------------------------------+
 * | length (1 octet): 96, or 0    |   0: the default membership (every route target), nothing follows
 * +-------------------------------+
 * | origin AS (4 octets)          |
 * +-------------------------------+
 * | route target (8 octets)       |   an extended community of subtype 0x02
 * +-------------------------------+
 * </pre>
 */
public record RtcRoute(byte[] nlri) implements FamilyRoute {
    public RtcRoute {
        nlri = nlri.clone();
    }

    /** {@code origin-as AS route-target RT}: a full 96-bit membership. */
    public static RtcRoute of(long originAs, byte[] routeTarget) {
        if (routeTarget.length != 8) {
            throw new IllegalArgumentException("a route target has 8 octets, not " + routeTarget.length);
        }
        byte[] b = new byte[13];
        b[0] = (byte) RtcCodec.MAX_BITS;
        Bytes.put32(b, 1, originAs);
        System.arraycopy(routeTarget, 0, b, 5, 8);
        return new RtcRoute(b);
    }

    /** {@code default}: the zero-length membership, every route target (RFC 4684 section 4). */
    public static RtcRoute defaultRoute() {
        return new RtcRoute(new byte[] {0});
    }

    @Override
    public Family family() {
        return Family.IPV4_RTC;
    }

    @Override
    public NlriRoute route() {
        return NlriRoute.of(Family.IPV4_RTC, nlri);
    }

    @Override
    public byte[] nlri() {
        return nlri.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RtcRoute r && java.util.Arrays.equals(r.nlri, nlri);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(nlri);
    }

    @Override
    public String toString() {
        return new RtcCodec().text(Family.IPV4_RTC, nlri);
    }
}
