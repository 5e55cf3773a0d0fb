package dev.twinbgp.bgp.wire.family.rtc;

import dev.twinbgp.bgp.wire.Bytes;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.family.FamilyCodec;

import java.util.List;

/**
 * The family codec of Route Target Constraint (RFC 4684, AFI 1, SAFI 132, ExaBGP's {@code ipv4 rtc}): one route
 * target membership per NLRI, a prefix of the origin AS and the route target.
 * <pre>
 * +---------------------------+
 * | Length (1 octet)          |  in bits: 0 (default route target), or 32 to 96 (section 4)
 * +---------------------------+
 * | Origin AS (4 octets)      |  when the length is 32 or more
 * +---------------------------+
 * | Route Target (0-8 octets) |  ceil((length - 32) / 8) octets: an extended community (RFC 4360), or its start
 * +---------------------------+
 * </pre>
 * Shown as ExaBGP shows it: {@code {"origin": 65000, "route-target": "target:65000:1"}}; a shorter prefix with
 * {@code "route-target": null}, its length and the octets carried; the default {@code {"origin": 0,
 * "route-target": null}}. Stateless, never throws.
 */
public final class RtcCodec implements FamilyCodec {
    static final int MIN_BITS = 32;
    static final int MAX_BITS = 96;

    @Override
    public List<Family> families() {
        return List.of(Family.IPV4_RTC);
    }

    @Override
    public int routeLength(Family family, byte[] b, int p, int end) {
        int length = 1 + (((b[p] & 0xFF) + 7) >>> 3);
        return p + length > end ? -1 : length;
    }

    /** RFC 4684 section 4: 0, or 32 to 96 bits (ExaBGP: "incorrect RTC length"). */
    @Override
    public String malformed(Family family, byte[] b, int off, int len) {
        int bits = b[off] & 0xFF;
        if (bits != 0 && (bits < MIN_BITS || bits > MAX_BITS)) {
            return "incorrect RTC length " + bits + " (0, or 32 to 96 bits, RFC 4684 section 4)";
        }
        return len == 1 + ((bits + 7) >>> 3) ? null : "RTC NLRI of " + bits + " bits in " + (len - 1) + " octets";
    }

    @Override
    public void describe(Family family, byte[] nlri, Fields out) {
        if (malformed(family, nlri, 0, nlri.length) != null) {
            out.string("raw", "0x" + Bytes.hex(nlri));
            return;
        }
        int bits = nlri[0] & 0xFF;
        out.number("origin", bits == 0 ? 0 : Bytes.u32(nlri, 1));
        if (bits == MAX_BITS) {
            out.string("route-target", routeTarget(nlri));
            return;
        }
        out.none("route-target");
        if (bits > 0) {
            out.number("prefix-length", bits);
            out.string("route-target-prefix", "0x" + Bytes.hex(Bytes.slice(nlri, 5, nlri.length - 5)));
        }
    }

    @Override
    public String text(Family family, byte[] nlri) {
        if (malformed(family, nlri, 0, nlri.length) != null) {
            return "rtc 0x" + Bytes.hex(nlri);
        }
        int bits = nlri[0] & 0xFF;
        if (bits == 0) {
            return "rtc wildcard";
        }
        if (bits == MAX_BITS) {
            return "rtc " + Bytes.u32(nlri, 1) + ":" + routeTarget(nlri);
        }
        return "rtc " + Bytes.u32(nlri, 1) + ":0x" + Bytes.hex(Bytes.slice(nlri, 5, nlri.length - 5)) + "/" + bits;
    }

    /**
     * The route target of a full membership, as ExaBGP writes a route target (its type's IANA and transitive bits
     * ignored, RFC 4684 section 4): {@code target:AS:N}, {@code target:IPV4:N}, {@code target:ASL:N} (4-octet AS);
     * another extended community as {@code 0x} and its 16 hex digits.
     */
    static String routeTarget(byte[] nlri) {
        int type = nlri[5] & 0x0F;
        int subtype = nlri[6] & 0xFF;
        if (subtype == 0x02) {
            switch (type) {
                case 0x00:
                    return "target:" + Bytes.u16(nlri, 7) + ":" + Bytes.u32(nlri, 9);
                case 0x01:
                    return "target:" + Bytes.ipv4(Bytes.s32(nlri, 7)) + ":" + Bytes.u16(nlri, 11);
                case 0x02:
                    return "target:" + Bytes.u32(nlri, 7) + "L:" + Bytes.u16(nlri, 11);
                default:
                    break;
            }
        }
        return "0x" + Bytes.hex(Bytes.slice(nlri, 5, 8));
    }
}
