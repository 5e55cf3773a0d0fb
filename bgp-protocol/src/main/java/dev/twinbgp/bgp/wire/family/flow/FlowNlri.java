package dev.twinbgp.bgp.wire.family.flow;

import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.family.RouteDistinguisher;

import java.util.ArrayList;
import java.util.List;

/** Decoding of one FlowSpec NLRI, never throwing: a rule, or why it is malformed (RFC 8955 section 4.2 and 10). */
final class FlowNlri {
    private FlowNlri() {
    }

    record Parsed(FlowRule rule, String error) {
    }

    /** Octets of the route at {@code p} (its length field included), or -1 when the length runs past {@code end}. */
    static int routeLength(byte[] b, int p, int end) {
        int first = b[p] & 0xFF;
        int len;
        int head;
        if (first < 0xF0) {
            len = first;
            head = 1;
        } else {
            if (p + 1 >= end) {
                return -1;
            }
            len = (first & 0x0F) << 8 | b[p + 1] & 0xFF;
            head = 2;
        }
        return p + head + len > end ? -1 : head + len;
    }

    /** Parses the route of {@code len} octets at {@code off} (length field included). */
    static Parsed parse(Family family, byte[] b, int off, int len) {
        int end = off + len;
        if (len < 1) {
            return bad("empty FlowSpec NLRI");
        }
        int p = off + ((b[off] & 0xF0) == 0xF0 ? 2 : 1);
        if (p > end) {
            return bad("FlowSpec NLRI length field overruns the route");
        }
        boolean v6 = family.afi() == Family.AFI_IPV6;
        RouteDistinguisher rd = null;
        if (family.safi() == Family.SAFI_FLOW_VPN) {
            if (end - p < 8) {
                return bad("flow-vpn NLRI shorter than its route distinguisher");
            }
            rd = RouteDistinguisher.of(b, p);
            p += 8;
        }
        List<FlowComponent> components = new ArrayList<>();
        int last = 0;
        while (p < end) {
            int type = b[p++] & 0xFF;
            if (type < FlowComponent.DESTINATION || type > FlowComponent.maxType(v6)) {
                return bad("unknown FlowSpec component type " + type + " for " + family);
            }
            // RFC 8955 section 4.2: components strictly increasing by type.
            if (type <= last) {
                return bad("FlowSpec component " + type + " after " + last + ": not in increasing type order");
            }
            last = type;
            if (type <= FlowComponent.SOURCE) {
                if (p >= end) {
                    return bad("FlowSpec prefix component truncated");
                }
                int length = b[p++] & 0xFF;
                int offset = 0;
                if (v6) {
                    if (p >= end) {
                        return bad("FlowSpec IPv6 prefix component truncated");
                    }
                    offset = b[p++] & 0xFF;
                }
                if (length > (v6 ? 128 : 32) || offset > length) {
                    return bad("FlowSpec prefix length " + length + (v6 ? " offset " + offset : ""));
                }
                int n = (length - offset + 7) >>> 3;
                if (end - p < n) {
                    return bad("FlowSpec prefix component truncated");
                }
                components.add(FlowPrefix.read(type, v6, length, offset, b, p));
                p += n;
                continue;
            }
            List<FlowOp> ops = new ArrayList<>(2);
            boolean endOfList = false;
            while (!endOfList) {
                if (p >= end) {
                    return bad("FlowSpec component " + type + " ends without its end-of-list bit");
                }
                int op = b[p++] & 0xFF;
                endOfList = (op & FlowOp.END) != 0;
                int vlen = 1 << ((op & FlowOp.LEN) >>> 4);
                if (end - p < vlen) {
                    return bad("FlowSpec component " + type + " value truncated");
                }
                long v = 0;
                for (int i = 0; i < vlen; i++) {
                    v = v << 8 | b[p++] & 0xFF;
                }
                ops.add(new FlowOp(op & ~(FlowOp.END | FlowOp.LEN), vlen, v));
            }
            components.add(new FlowMatch(type, ops));
        }
        return new Parsed(new FlowRule(family, rd, components), null);
    }

    private static Parsed bad(String why) {
        return new Parsed(null, why);
    }
}
