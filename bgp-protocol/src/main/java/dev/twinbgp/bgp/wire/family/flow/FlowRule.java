package dev.twinbgp.bgp.wire.family.flow;

import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.family.FamilyRoute;
import dev.twinbgp.bgp.wire.family.NlriRoute;
import dev.twinbgp.bgp.wire.family.RouteDistinguisher;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A FlowSpec rule: the NLRI of SAFI 133 (RFC 8955 section 4, RFC 8956 for IPv6) or, with a Route
 * Distinguisher first, of SAFI 134 (flow-vpn, RFC 8955 section 8).
 * <pre>
 * +-------------------------------------------+
 * | length (1 octet, or 2 when >= 240: 0xFnnn)|
 * +-------------------------------------------+
 * | RD (8 octets, flow-vpn only)              |
 * +-------------------------------------------+
 * | components, strictly increasing by type   |
 * +-------------------------------------------+
 * </pre>
 *
 * @param family     IPv4/IPv6 flow or flow-vpn
 * @param rd         the route distinguisher, null unless flow-vpn
 * @param components in increasing type order, each type once
 */
public record FlowRule(Family family, RouteDistinguisher rd, List<FlowComponent> components) implements FamilyRoute {
    /** The largest NLRI the 2-octet length can carry (RFC 8955 section 4.1). */
    public static final int MAX_LENGTH = 0xFFF;

    public FlowRule {
        Objects.requireNonNull(family);
        boolean vpn = family.safi() == Family.SAFI_FLOW_VPN;
        if (vpn != (rd != null)) {
            throw new IllegalArgumentException(vpn ? "flow-vpn needs a route distinguisher" : "a route distinguisher needs flow-vpn");
        }
        components = List.copyOf(components);
        for (int i = 1; i < components.size(); i++) {
            if (components.get(i).type() <= components.get(i - 1).type()) {
                throw new IllegalArgumentException("components must be in strictly increasing type order");
            }
        }
    }

    /** Sorts the components by type (each type must appear once). */
    public static FlowRule of(Family family, RouteDistinguisher rd, List<FlowComponent> components) {
        List<FlowComponent> sorted = new ArrayList<>(components);
        sorted.sort(Comparator.comparingInt(FlowComponent::type));
        return new FlowRule(family, rd, sorted);
    }

    public boolean isIpv6() {
        return family.afi() == Family.AFI_IPV6;
    }

    /** The NLRI octets, length field included. Throws IllegalArgumentException above {@link #MAX_LENGTH}. */
    public byte[] encode() {
        int body = rd == null ? 0 : 8;
        for (FlowComponent c : components) {
            body += c.wireSize();
        }
        if (body > MAX_LENGTH) {
            throw new IllegalArgumentException("a FlowSpec rule of " + body + " octets is longer than " + MAX_LENGTH);
        }
        int head = body < 0xF0 ? 1 : 2;
        byte[] out = new byte[head + body];
        int p;
        if (head == 1) {
            out[0] = (byte) body;
            p = 1;
        } else {
            out[0] = (byte) (0xF0 | body >>> 8);
            out[1] = (byte) body;
            p = 2;
        }
        if (rd != null) {
            p = rd.writeTo(out, p);
        }
        for (FlowComponent c : components) {
            p = c.writeTo(out, p);
        }
        return out;
    }

    /** The rule as a RIB key. */
    public NlriRoute route() {
        return NlriRoute.of(family, encode());
    }

    /** Decodes a route's octets (length field included); throws IllegalArgumentException with the reason when malformed. */
    public static FlowRule decode(Family family, byte[] nlri) {
        FlowNlri.Parsed parsed = FlowNlri.parse(family, nlri, 0, nlri.length);
        if (parsed.error() != null) {
            throw new IllegalArgumentException(parsed.error());
        }
        return parsed.rule();
    }

    /** ExaBGP's text, e.g. {@code flow destination-ipv4 10.0.0.2/32 protocol =tcp}. */
    @Override
    public String toString() {
        return FlowText.text(this);
    }
}
