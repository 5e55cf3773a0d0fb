package dev.twinbgp.bgp.wire.capability;

import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.RouteRefresh;

import java.util.Arrays;
import java.util.List;

/**
 * A capability advertised in OPEN (RFC 5492). "Open": a code we do not know is kept as
 * {@link Unknown} with its value bytes and re-encoded unchanged.
 */
public sealed interface Capability {
    int MULTIPROTOCOL = 1;
    int ROUTE_REFRESH = 2;
    int EXTENDED_NEXT_HOP = 5;
    int EXTENDED_MESSAGE = 6;
    int GRACEFUL_RESTART = 64;
    int FOUR_OCTET_AS = 65;
    int ADD_PATH = 69;
    int ENHANCED_ROUTE_REFRESH = 70;
    int FQDN = 73;
    int SOFTWARE_VERSION = 75;
    int LINK_LOCAL_NEXT_HOP = 77;

    int code();

    /** RFC 4760 section 8: AFI (2), reserved (1), SAFI (1). */
    record Multiprotocol(Family family) implements Capability {
        public int code() { return MULTIPROTOCOL; }
    }

    /** RFC 2918 section 2: empty value. */
    record RouteRefresh() implements Capability {
        public int code() { return ROUTE_REFRESH; }
    }

    /** RFC 7313 section 4: empty value. */
    record EnhancedRouteRefresh() implements Capability {
        public int code() { return ENHANCED_ROUTE_REFRESH; }
    }

    /** RFC 8654 section 3: empty value. */
    record ExtendedMessage() implements Capability {
        public int code() { return EXTENDED_MESSAGE; }
    }

    /**
     * Link-local next hop (code 77, draft-ietf-idr-linklocal-capability, ExaBGP's {@code link-local-nexthop}): empty;
     * the speaker accepts and sends IPv6 next hops that are a link-local address alone, or global + link-local.
     */
    record LinkLocalNextHop() implements Capability {
        public int code() { return LINK_LOCAL_NEXT_HOP; }
    }

    /** RFC 8950 section 3: triples of NLRI AFI (2), NLRI SAFI (2), next-hop AFI (2). */
    record ExtendedNextHop(List<Entry> entries) implements Capability {
        public ExtendedNextHop { entries = List.copyOf(entries); }
        public int code() { return EXTENDED_NEXT_HOP; }
        public record Entry(int afi, int safi, int nextHopAfi) { }
    }

    /**
     * RFC 4724 section 3: restart flags (4 bits) and time (12 bits), then per family
     * AFI (2), SAFI (1), flags (1).
     */
    record GracefulRestart(int restartFlags, int restartTime, List<Entry> entries) implements Capability {
        public GracefulRestart { entries = List.copyOf(entries); }
        public int code() { return GRACEFUL_RESTART; }
        public record Entry(Family family, int flags) { }
    }

    /** RFC 6793 section 3: the 4-octet AS number. */
    record FourOctetAs(long asn) implements Capability {
        public int code() { return FOUR_OCTET_AS; }
    }

    /** RFC 7911 section 4: per family AFI (2), SAFI (1), send/receive (1). */
    record AddPath(List<Entry> entries) implements Capability {
        public AddPath { entries = List.copyOf(entries); }
        public int code() { return ADD_PATH; }
        public record Entry(Family family, AddPathMode mode) { }
    }

    /** draft-walton-bgp-hostname-capability: host name and domain name, each length-prefixed. */
    record Fqdn(String hostName, String domainName) implements Capability {
        public int code() { return FQDN; }
    }

    /** draft-ietf-idr-software-version: one length-prefixed UTF-8 string. */
    record SoftwareVersion(String version) implements Capability {
        public int code() { return SOFTWARE_VERSION; }
    }

    /** Any other capability (or a known one whose value we could not parse): kept byte for byte. */
    record Unknown(int code, byte[] value) implements Capability {
        public Unknown { value = value.clone(); }
        @Override public byte[] value() { return value.clone(); }
        @Override public boolean equals(Object o) {
            return o instanceof Unknown u && u.code == code && Arrays.equals(u.value, value);
        }
        @Override public int hashCode() { return code * 31 + Arrays.hashCode(value); }
        @Override public String toString() { return "Unknown[code=" + code + ", value=" + java.util.HexFormat.of().formatHex(value) + "]"; }
    }
}
