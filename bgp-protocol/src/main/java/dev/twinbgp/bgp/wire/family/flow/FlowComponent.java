package dev.twinbgp.bgp.wire.family.flow;

/**
 * One component of a FlowSpec rule (RFC 8955 section 4.2, RFC 8956 section 3): a prefix to match
 * ({@link FlowPrefix}, types 1 and 2) or a list of operator/value pairs ({@link FlowMatch}, types 3-13).
 */
public sealed interface FlowComponent permits FlowPrefix, FlowMatch {
    int DESTINATION = 1;
    int SOURCE = 2;
    int PROTOCOL = 3; // next-header for IPv6
    int PORT = 4;
    int DESTINATION_PORT = 5;
    int SOURCE_PORT = 6;
    int ICMP_TYPE = 7;
    int ICMP_CODE = 8;
    int TCP_FLAGS = 9;
    int PACKET_LENGTH = 10;
    int DSCP = 11; // traffic-class for IPv6
    int FRAGMENT = 12;
    int FLOW_LABEL = 13; // IPv6 only (RFC 8956 section 3.7)

    /** The component type. */
    int type();

    /** Octets of the encoded component, type octet included. */
    int wireSize();

    /** Writes the component at {@code pos}; returns the position after it. */
    int writeTo(byte[] out, int pos);

    /** True for the types that take a bitmask operator (RFC 8955 section 4.2.1.2): tcp-flags and fragment. */
    static boolean isBitmask(int type) {
        return type == TCP_FLAGS || type == FRAGMENT;
    }

    /** The highest type defined for the AFI: 12 for IPv4 (RFC 8955), 13 for IPv6 (RFC 8956). */
    static int maxType(boolean ipv6) {
        return ipv6 ? FLOW_LABEL : FRAGMENT;
    }
}
