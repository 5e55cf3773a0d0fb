package dev.twinbgp.bgp.wire.family.evpn;

import dev.twinbgp.bgp.wire.Bytes;
import dev.twinbgp.bgp.wire.family.FamilyCodec;
import dev.twinbgp.bgp.wire.family.RouteDistinguisher;
import dev.twinbgp.bgp.wire.family.TypedNlri;

/**
 * Reading one EVPN route (RFC 7432 section 7, RFC 9136 section 3), never throwing:
 * <pre>
 * +-----------------------+
 * | Route Type (1 octet)  |
 * | Length (1 octet)      |   octets of what follows
 * | type specific         |
 * +-----------------------+
 * 1 Ethernet A-D          RD(8) ESI(10) Ethernet Tag(4) Label(3)                                  25
 * 2 MAC/IP Advertisement  RD(8) ESI(10) Ethernet Tag(4) MAC Len(1) MAC(6) IP Len(1) IP(0/4/16)
 *                         Label1(3) [Label2(3)]                                    33 36 37 40 49 52
 * 3 Inclusive Multicast   RD(8) Ethernet Tag(4) IP Len(1) Originating Router's IP(4/16)       17 29
 * 4 Ethernet Segment      RD(8) ESI(10) IP Len(1) Originating Router's IP(4/16)               23 35
 * 5 IP Prefix (RFC 9136)  RD(8) ESI(10) Ethernet Tag(4) Prefix Len(1) Prefix(4/16)
 *                         Gateway IP(4/16) Label(3)                                           34 58
 * </pre>
 * Other types (RFC 9251's multicast routes, ...) are delimited by their length and reported as ExaBGP does,
 * {@code "parsed": false}; RFC 7606 section 5.4 says to discard them.
 */
final class EvpnNlri {
    static final int ETHERNET_AD = 1;
    static final int MAC_IP = 2;
    static final int MULTICAST = 3;
    static final int SEGMENT = 4;
    static final int PREFIX = 5;

    private EvpnNlri() {
    }

    static String name(int type) {
        return switch (type) {
            case ETHERNET_AD -> "Ethernet Auto-Discovery";
            case MAC_IP -> "MAC/IP advertisement";
            case MULTICAST -> "Inclusive Multicast Ethernet Tag";
            case SEGMENT -> "Ethernet Segment";
            case PREFIX -> "IP Prefix Advertisement";
            default -> null;
        };
    }

    /** ExaBGP's short names, for its text form {@code evpn:macadv:...}. */
    private static String shortName(int type) {
        return switch (type) {
            case ETHERNET_AD -> "ethernetad";
            case MAC_IP -> "macadv";
            case MULTICAST -> "multicast";
            case SEGMENT -> "segment";
            case PREFIX -> "prfxadv";
            default -> "unknown";
        };
    }

    static boolean known(int type) {
        return type >= ETHERNET_AD && type <= PREFIX;
    }

    /** Octets of the route at {@code p}: 2 + its length octet, or -1 when the header runs past {@code end}. */
    static int routeLength(byte[] b, int p, int end) {
        return TypedNlri.routeLength(b, p, end, TypedNlri.TYPE_LENGTH);
    }

    /** Null when the {@code len} octets at {@code off} (one route, header included) are well formed, else why not. */
    static String malformed(byte[] b, int off, int len) {
        if (!TypedNlri.whole(b, off, len, TypedNlri.TYPE_LENGTH)) {
            return "EVPN route length does not match its length octet";
        }
        int type = b[off] & 0xFF;
        int n = len - 2;
        int d = off + 2;
        return switch (type) {
            case ETHERNET_AD -> n == 25 ? null : "Ethernet A-D route of " + n + " octets, not 25 (RFC 7432 section 7.1)";
            case MAC_IP -> macIp(b, d, n);
            case MULTICAST -> n != 17 && n != 29 ? "Inclusive Multicast route of " + n + " octets, not 17 or 29"
                    : ipLength(b[d + 12] & 0xFF, n - 13, "originating router's IP");
            case SEGMENT -> n != 23 && n != 35 ? "Ethernet Segment route of " + n + " octets, not 23 or 35"
                    : ipLength(b[d + 18] & 0xFF, n - 19, "originating router's IP");
            case PREFIX -> n != 34 && n != 58 ? "IP Prefix route of " + n + " octets, not 34 or 58 (RFC 9136 section 3.1)"
                    : (b[d + 22] & 0xFF) > (n == 34 ? 32 : 128) ? "IP Prefix route prefix length above the address" : null;
            default -> null;
        };
    }

    private static String macIp(byte[] b, int d, int n) {
        if (n != 33 && n != 36 && n != 37 && n != 40 && n != 49 && n != 52) {
            return "MAC/IP route of " + n + " octets, not 33, 36, 37, 40, 49 or 52 (RFC 7432 section 7.2)";
        }
        if ((b[d + 22] & 0xFF) > 48) {
            return "MAC/IP route MAC length above 48";
        }
        int ipOctets = n >= 49 ? 16 : n >= 37 ? 4 : 0;
        int ipBits = b[d + 29] & 0xFF;
        return ipBits == ipOctets * 8 ? null : "MAC/IP route IP length " + ipBits + " does not match its " + ipOctets + " octets";
    }

    private static String ipLength(int bits, int octets, String what) {
        return bits == octets * 8 ? null : "EVPN " + what + " length " + bits + " does not match its " + octets + " octets";
    }

    /** Octets of the IP address of a MAC/IP route of payload length {@code n}. */
    private static int macIpOctets(int n) {
        return n >= 49 ? 16 : n >= 37 ? 4 : 0;
    }

    /**
     * The key of a well-formed route (RFC 7432 sections 7.1 and 7.2, RFC 9136 section 3.1: the ESI, labels and
     * gateway are attributes of the route, not part of its key); the whole route for the other types.
     */
    static byte[] key(byte[] nlri) {
        if (nlri.length < 2 || malformed(nlri, 0, nlri.length) != null) {
            return nlri;
        }
        int type = nlri[0] & 0xFF;
        int n = nlri.length - 2;
        return switch (type) {
            case ETHERNET_AD -> concat(nlri[0], nlri, 2, 22, -1, 0); // RD ESI tag, no label
            case MAC_IP -> concat(nlri[0], nlri, 2, 8, 20, 4 + 1 + 6 + 1 + macIpOctets(n)); // RD, tag..IP, no ESI/labels
            case PREFIX -> concat(nlri[0], nlri, 2, 8, 20, 4 + 1 + (n == 34 ? 4 : 16)); // RD, tag, len, prefix
            default -> nlri;
        };
    }

    /** {@code type}, {@code a} octets from {@code from}, then {@code b} octets from {@code second} (none when -1). */
    private static byte[] concat(byte type, byte[] src, int from, int a, int second, int b) {
        byte[] out = new byte[1 + a + (second < 0 ? 0 : b)];
        out[0] = type;
        System.arraycopy(src, from, out, 1, a);
        if (second >= 0) {
            System.arraycopy(src, second, out, 1 + a, b);
        }
        return out;
    }

    private static String ip(byte[] b, int off, int octets) {
        return octets == 4 ? Bytes.ipv4(Bytes.s32(b, off)) : Bytes.ipv6(b, off);
    }

    /** ExaBGP's JSON fields of a route ({@code EVPN.json} and its subclasses). */
    static void describe(byte[] nlri, FamilyCodec.Fields out) {
        int type = TypedNlri.type(nlri);
        if (!TypedNlri.describeHead(nlri, name(type), malformed(nlri, 0, nlri.length) == null, out)) {
            return;
        }
        int d = 2;
        int n = nlri.length - 2;
        out.string("rd", RouteDistinguisher.of(nlri, d).toString());
        switch (type) {
            case ETHERNET_AD -> {
                out.string("esi", Esi.text(nlri, d + 8));
                out.number("ethernet-tag", Bytes.u32(nlri, d + 18));
                MplsLabel.json(nlri, d + 22, nlri.length, out);
            }
            case MAC_IP -> {
                int ipOctets = macIpOctets(n);
                out.string("esi", Esi.text(nlri, d + 8));
                out.number("ethernet-tag", Bytes.u32(nlri, d + 18));
                out.string("mac", Mac.text(nlri, d + 23));
                MplsLabel.json(nlri, d + 30 + ipOctets, nlri.length, out);
                if (ipOctets > 0) {
                    out.string("ip", ip(nlri, d + 30, ipOctets));
                }
            }
            case MULTICAST -> {
                out.number("ethernet-tag", Bytes.u32(nlri, d + 8));
                out.string("ip", ip(nlri, d + 13, n - 13));
            }
            case SEGMENT -> {
                out.string("esi", Esi.text(nlri, d + 8));
                out.string("ip", ip(nlri, d + 19, n - 19));
            }
            default -> { // PREFIX
                int octets = n == 34 ? 4 : 16;
                out.string("esi", Esi.text(nlri, d + 8));
                out.number("ethernet-tag", Bytes.u32(nlri, d + 18));
                MplsLabel.json(nlri, d + 23 + 2 * octets, nlri.length, out);
                out.string("ip", ip(nlri, d + 23, octets));
                out.number("iplen", nlri[d + 22] & 0xFF);
                out.string("gateway", ip(nlri, d + 23 + octets, octets));
            }
        }
    }

    /** ExaBGP's text of a route ({@code str()} of its NLRI), e.g. {@code evpn:macadv:1.2.3.4:1:-:100:00:11:22:33:44:55::label 10}. */
    static String text(byte[] nlri) {
        int type = TypedNlri.type(nlri);
        if (name(type) == null || malformed(nlri, 0, nlri.length) != null) {
            return TypedNlri.opaqueText("evpn", shortName(type), nlri);
        }
        int d = 2;
        int n = nlri.length - 2;
        String head = "evpn:" + shortName(type) + ":" + RouteDistinguisher.of(nlri, d) + ":";
        return switch (type) {
            case ETHERNET_AD -> head + Esi.text(nlri, d + 8) + ":" + Bytes.u32(nlri, d + 18) + ":"
                    + MplsLabel.text(nlri, d + 22, nlri.length);
            case MAC_IP -> {
                int ipOctets = macIpOctets(n);
                yield head + Esi.text(nlri, d + 8) + ":" + Bytes.u32(nlri, d + 18) + ":" + Mac.text(nlri, d + 23) + ":"
                        + (ipOctets > 0 ? ip(nlri, d + 30, ipOctets) : "") + ":" + MplsLabel.text(nlri, d + 30 + ipOctets, nlri.length);
            }
            case MULTICAST -> head + Bytes.u32(nlri, d + 8) + ":" + ip(nlri, d + 13, n - 13);
            case SEGMENT -> head + Esi.text(nlri, d + 8) + ":" + ip(nlri, d + 19, n - 19);
            default -> {
                int octets = n == 34 ? 4 : 16;
                yield head + Esi.text(nlri, d + 8) + ":" + Bytes.u32(nlri, d + 18) + ":" + ip(nlri, d + 23, octets) + "/"
                        + (nlri[d + 22] & 0xFF) + ":" + ip(nlri, d + 23 + octets, octets) + ":"
                        + MplsLabel.text(nlri, d + 23 + 2 * octets, nlri.length);
            }
        };
    }
}
