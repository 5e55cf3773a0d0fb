package dev.twinbgp.speaker.config;

/** A route's next hop as configured: an address, or {@code self} (the session's local address). */
public sealed interface NextHop {

    /** {@code next-hop <ip>}. */
    record Address(IpAddress address) implements NextHop {
        @Override
        public String toString() {
            return address.toString();
        }
    }

    /** {@code next-hop self}: resolved to the local address of the session when the route is sent. */
    record Self() implements NextHop {
        @Override
        public String toString() {
            return "self";
        }
    }
}
