package dev.twinbgp.speaker.json;

/**
 * The {@code "string"} of an extended community in ExaBGP's JSON. Route Target (subtype 0x02) and
 * Route Origin (subtype 0x03) of the three address-specific types are named (RFC 4360 section 3,
 * RFC 5668 section 2); ExaBGP ignores the IANA and Transitive bits of the type for this, and so do we.
 * Anything else is the raw value, {@code 0x} and 16 upper-case hex digits.
 * <pre>
 *  0                   1                   2                   3
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Type high    |  Type low     |          Value                |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+                               |
 * |                     Value (6 octets)                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * type 0x00: Global (2-octet AS), Local (4)   type 0x01: Global (IPv4), Local (2)
 * type 0x02: Global (4-octet AS), Local (2)
 * </pre>
 * Link bandwidth (subtype 0x04, draft-ietf-idr-link-bandwidth) is {@code bandwith:ASN:BYTES-PER-SECOND}, as
 * ExaBGP spells it.
 * One deliberate difference: for a type 0x00 Route Origin ExaBGP prints the 4-octet local part as
 * an IPv4 address; RFC 4360 section 3.1 makes it a number, and we print the number.
 */
final class ExtendedCommunityText {
    private ExtendedCommunityText() {
    }

    static String of(long v) {
        if ((v >>> 48 & 0xFFFF) == 0x800A) { // RFC 4761 section 3.2.4, Layer2 Info: encapsulation, flags, MTU, preference
            return "l2info:" + (v >>> 40 & 0xFF) + ":" + (v >>> 32 & 0xFF) + ":" + (v >>> 16 & 0xFFFF) + ":" + (v & 0xFFFF);
        }
        if ((v >>> 48 & 0xFFFF) == 0x0C00) { // draft-mpmz-bess-mup-safi section 3.2, as ExaBGP names it
            return "mup:" + (v >>> 32 & 0xFFFF) + ":" + (v & 0xFFFFFFFFL);
        }
        if ((v >>> 56 & 0x0F) == 0x07 && (v >>> 48 & 0xFF) == 0x02) { // draft-ietf-idr-flowspec-interfaceset section 3
            return interfaceSet(v);
        }
        String flow = flowAction(v);
        if (flow != null) {
            return flow;
        }
        int type = (int) (v >>> 56) & 0x0F;
        int subtype = (int) (v >>> 48) & 0xFF;
        if (type == 0x00 && subtype == 0x04) {
            // draft-ietf-idr-link-bandwidth (type 0x40, subtype 0x04): AS (2) and an IEEE float of bytes per second.
            // ExaBGP keys it by type & 0x0F and writes it "bandwith:ASN:%0.f" (sic: its spelling, kept for the
            // programs that match it).
            return "bandwith:" + (v >>> 32 & 0xFFFF) + ":" + PythonFloat.fixed0(Float.intBitsToFloat((int) v));
        }
        String name = switch (subtype) {
            case 0x02 -> "target";
            case 0x03 -> "origin";
            default -> null;
        };
        if (name != null) {
            switch (type) {
                case 0x00 -> {
                    return name + ":" + (v >>> 32 & 0xFFFF) + ":" + (v & 0xFFFFFFFFL);
                }
                case 0x01 -> {
                    return name + ":" + Text.dotted(v >>> 16 & 0xFFFFFFFFL) + ":" + (v & 0xFFFF);
                }
                case 0x02 -> {
                    return name + ":" + (v >>> 16 & 0xFFFFFFFFL) + ":" + (v & 0xFFFF);
                }
                default -> {
                    // not address-specific: raw below
                }
            }
        }
        return String.format("0x%016X", v);
    }

    /**
     * FlowSpec actions (RFC 8955 section 7, RFC 7674, draft-simpson-idr-flowspec-redirect), as ExaBGP names them:
     * {@code rate-limit:N} (bytes, 0x8006), {@code rate-limit:N:packets} (0x800C), {@code action sample-terminal}
     * (0x8007), {@code redirect:ASN:NUMBER} (0x8008 2-octet AS, 0x8208 4-octet AS), {@code mark N} (0x8009),
     * {@code redirect-to-nexthop} / {@code copy-to-nexthop} (0x0800), {@code redirect-to-nexthop-ietf IP} (0x010C).
     * Null for anything else.
     */
    private static String flowAction(long v) {
        int typeSub = (int) (v >>> 48) & 0xFFFF;
        return switch (typeSub) {
            case 0x8006 -> "rate-limit:" + (long) Float.intBitsToFloat((int) v);
            case 0x800C -> "rate-limit:" + (long) Float.intBitsToFloat((int) v) + ":packets";
            case 0x8007 -> {
                boolean sample = (v & 0x02) != 0;
                boolean terminal = (v & 0x01) != 0;
                yield "action " + (sample ? "sample" : "") + (sample && terminal ? "-" : "") + (terminal ? "terminal" : "");
            }
            case 0x8008 -> "redirect:" + (v >>> 32 & 0xFFFF) + ":" + (v & 0xFFFFFFFFL);
            case 0x8208 -> "redirect:" + (v >>> 16 & 0xFFFFFFFFL) + ":" + (v & 0xFFFF);
            case 0x8009 -> "mark " + (v & 0xFF);
            case 0x0800 -> (v & 0x01) != 0 ? "copy-to-nexthop" : "redirect-to-nexthop";
            case 0x010C -> (v & 0x01) != 0 ? "copy-to-nexthop-ietf " + Text.dotted(v >>> 16 & 0xFFFFFFFFL) + " (with copy)"
                    : "redirect-to-nexthop-ietf " + Text.dotted(v >>> 16 & 0xFFFFFFFFL);
            default -> null;
        };
    }

    /**
     * FlowSpec interface-set (draft-ietf-idr-flowspec-interfaceset section 3; type 0x07 transitive, 0x47
     * non-transitive, subtype 0x02), as ExaBGP names it: {@code interface-set:DIRECTION:ASN:GROUP}.
     * <pre>
     * +--------+--------+--------+--------+--------+--------+--------+--------+
     * | 0x07   | 0x02   |     Autonomous System Number (4)  |O|I| Group ID  |
     * +--------+--------+--------+--------+--------+--------+--------+--------+
     * </pre>
     * O and I (the top two bits of the last two octets) give the direction: 1 input, 2 output, 3 input-output
     * (0 is printed as the number). The group ID is the low 14 bits (ExaBGP 4 masks 13; identical below 8192).
     */
    private static String interfaceSet(long v) {
        int low = (int) (v & 0xFFFF);
        int direction = low >>> 14;
        String name = switch (direction) {
            case 1 -> "input";
            case 2 -> "output";
            case 3 -> "input-output";
            default -> String.valueOf(direction);
        };
        return "interface-set:" + name + ":" + (v >>> 16 & 0xFFFFFFFFL) + ":" + (low & 0x3FFF);
    }
}
