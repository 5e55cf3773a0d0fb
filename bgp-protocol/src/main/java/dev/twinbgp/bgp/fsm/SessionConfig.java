package dev.twinbgp.bgp.fsm;

import dev.twinbgp.bgp.wire.capability.AddPathMode;
import dev.twinbgp.bgp.wire.capability.Capability;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.Open;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One peer's session settings, and the capabilities we advertise to it (RFC 5492).
 *
 * @param localAs              our AS number
 * @param peerAs               the AS the peer must announce in its OPEN (RFC 4271 section 6.2, else 2/2)
 * @param localId              our BGP identifier, unsigned 32-bit, non-zero (RFC 6286)
 * @param holdTime             seconds, 0 or 3..65535 (RFC 4271 section 4.2); default 180
 * @param connectRetryTime     seconds between outgoing attempts while in Connect (ConnectRetryTimer); default 5
 * @param active               we open connections to the peer
 * @param passive              we accept connections from the peer (both may be set: RFC 4271 section 6.8 collisions)
 * @param families             the families we advertise with Multiprotocol (RFC 4760); in order
 * @param asn4                 advertise the 4-octet AS capability (RFC 6793)
 * @param routeRefresh         advertise route refresh (RFC 2918)
 * @param enhancedRouteRefresh advertise enhanced route refresh (RFC 7313)
 * @param addPath              ADD-PATH mode we advertise per family (RFC 7911); families absent: none
 * @param extendedMessage      advertise extended messages (RFC 8654)
 * @param gracefulRestartTime  seconds advertised in the graceful restart capability (RFC 4724), or -1 for none
 * @param hostName             FQDN capability host name, or null for no FQDN capability
 * @param domainName           FQDN capability domain name (used only with a host name)
 * @param softwareVersion      software version capability text, or null for none
 * @param extendedNextHops     extended next hop encodings we advertise (RFC 8950 section 3); empty: no capability
 * @param linkLocalNextHop     advertise the link-local next hop capability (code 77), last
 * @param aigp                 AIGP_SESSION on an external session too (RFC 7311 section 3.3; on for internal ones)
 * @param operational          ExaBGP's operational capability (code 185, draft-ietf-idr-operational-message, empty)
 * @param pathsLimit           PATHS-LIMIT per family (draft-abraitis-idr-addpath-paths-limit), sent after ADD-PATH
 *                             for the families it receives
 * @param multiSession         the multi-session capability (code 68, draft-ietf-idr-bgp-multisession, expired; sent as
 *                             ExaBGP sends it), which here only names the session per family (ExaBGP's
 *                             {@code family-allowed}): one session still carries every family
 */
public record SessionConfig(long localAs, long peerAs, long localId, int holdTime, int connectRetryTime,
                            boolean active, boolean passive, List<Family> families, boolean asn4,
                            boolean routeRefresh, boolean enhancedRouteRefresh, Map<Family, AddPathMode> addPath,
                            boolean extendedMessage, int gracefulRestartTime, String hostName, String domainName,
                            String softwareVersion, List<Capability.ExtendedNextHop.Entry> extendedNextHops,
                            boolean linkLocalNextHop, boolean aigp, boolean operational, boolean multiSession,
                            Map<Family, Integer> pathsLimit) {
    public static final int DEFAULT_HOLD_TIME = 180;
    public static final int DEFAULT_CONNECT_RETRY_TIME = 5;
    private static final long MAX_U32 = 0xFFFF_FFFFL;

    public SessionConfig {
        families = List.copyOf(families);
        addPath = Map.copyOf(addPath);
        extendedNextHops = List.copyOf(extendedNextHops);
        pathsLimit = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(pathsLimit));
        if (localAs < 1 || localAs > MAX_U32 || peerAs < 1 || peerAs > MAX_U32) {
            throw new IllegalArgumentException("AS numbers must be 1.." + MAX_U32 + ": local " + localAs + ", peer " + peerAs);
        }
        if (!asn4 && localAs > 0xFFFF) {
            throw new IllegalArgumentException("local AS " + localAs + " needs the 4-octet AS capability");
        }
        if (localId < 1 || localId > MAX_U32) {
            throw new IllegalArgumentException("BGP identifier must be a non-zero unsigned 32-bit value: " + localId);
        }
        if (holdTime != 0 && (holdTime < 3 || holdTime > 0xFFFF)) {
            throw new IllegalArgumentException("hold time must be 0 or 3..65535: " + holdTime);
        }
        if (connectRetryTime < 1) {
            throw new IllegalArgumentException("connect retry time must be at least 1 s: " + connectRetryTime);
        }
        if (!active && !passive) {
            throw new IllegalArgumentException("a peer must be active, passive or both");
        }
        if (gracefulRestartTime < -1 || gracefulRestartTime > 0xFFF) {
            throw new IllegalArgumentException("graceful restart time must be -1 (off) or 0..4095: " + gracefulRestartTime);
        }
    }

    /** Defaults: hold 180 s, retry 5 s, active and passive, IPv4 unicast, AS4, route refresh; nothing else. */
    public static Builder builder(long localAs, long peerAs, long localId) {
        return new Builder(localAs, peerAs, localId);
    }

    /** Internal BGP (RFC 4271 section 5.1): same AS on both ends. */
    public boolean isInternal() {
        return localAs == peerAs;
    }

    /** Our OPEN (version 4, one capability per optional parameter, as ExaBGP sends it). */
    public Open localOpen() {
        return Open.of(localAs, holdTime, localId, capabilities());
    }

    /**
     * The capabilities we advertise, in the order ExaBGP sends them (its OPEN is the reference of the
     * conformance vectors, which compare our OPEN byte for byte): multiprotocol (one per family), 4-octet
     * AS, extended next hop, ADD-PATH, graceful restart, route refresh, enhanced route refresh, extended
     * message, FQDN, software version.
     */
    public List<Capability> capabilities() {
        List<Capability> caps = new ArrayList<>();
        for (Family f : families) {
            caps.add(new Capability.Multiprotocol(f));
        }
        if (asn4) {
            caps.add(new Capability.FourOctetAs(localAs));
        }
        if (!extendedNextHops.isEmpty()) {
            caps.add(new Capability.ExtendedNextHop(extendedNextHops));
        }
        List<Capability.AddPath.Entry> addPathEntries = new ArrayList<>();
        for (Family f : families) {
            AddPathMode mode = addPath.get(f);
            if (mode != null) {
                addPathEntries.add(new Capability.AddPath.Entry(f, mode));
            }
        }
        if (!addPathEntries.isEmpty()) {
            caps.add(new Capability.AddPath(addPathEntries));
            pathsLimitCapability(addPathEntries).ifPresent(caps::add);
        }
        if (gracefulRestartTime >= 0) {
            caps.add(gracefulRestart());
        }
        if (routeRefresh) {
            caps.add(new Capability.RouteRefresh());
        }
        if (enhancedRouteRefresh) {
            caps.add(new Capability.EnhancedRouteRefresh());
        }
        if (operational) {
            caps.add(new Capability.Unknown(OPERATIONAL, new byte[0])); // after route refresh, as ExaBGP orders it
        }
        if (extendedMessage) {
            caps.add(new Capability.ExtendedMessage());
        }
        if (hostName != null) {
            caps.add(new Capability.Fqdn(hostName, domainName == null ? "" : domainName));
        }
        if (softwareVersion != null) {
            caps.add(new Capability.SoftwareVersion(softwareVersion));
        }
        if (linkLocalNextHop) {
            caps.add(new Capability.LinkLocalNextHop()); // after extended message: conf-cap-link-local-nexthop.ci
        }
        if (multiSession) {
            // ExaBGP's bytes (capabilities.py _session, ms.py): one TLV per value octet, a 0 then the code of
            // multiprotocol (1) - last of all, as ExaBGP adds it last.
            caps.add(new Capability.Unknown(MULTI_SESSION, new byte[] {0}));
            caps.add(new Capability.Unknown(MULTI_SESSION, new byte[] {1}));
        }
        return caps;
    }

    /** Capability code of PATHS-LIMIT (draft-abraitis-idr-addpath-paths-limit). */
    public static final int PATHS_LIMIT = 76;

    /**
     * PATHS-LIMIT (draft-abraitis-idr-addpath-paths-limit section 3), right after ADD-PATH as ExaBGP sends it: for
     * each family we receive paths of and have a limit for,
     * <pre>
     * +-----------+-------+---------------+
     * |  AFI (2)  |SAFI(1)| Paths Limit(2)|
     * +-----------+-------+---------------+
     * </pre>
     */
    private java.util.Optional<Capability> pathsLimitCapability(List<Capability.AddPath.Entry> addPath) {
        java.io.ByteArrayOutputStream value = new java.io.ByteArrayOutputStream();
        for (Capability.AddPath.Entry e : addPath) {
            Integer limit = pathsLimit.get(e.family());
            if (limit != null && limit > 0 && e.mode() != AddPathMode.SEND) {
                value.write(e.family().afi() >>> 8);
                value.write(e.family().afi());
                value.write(e.family().safi());
                value.write(limit >>> 8);
                value.write(limit);
            }
        }
        return value.size() == 0 ? java.util.Optional.empty()
                : java.util.Optional.of(new Capability.Unknown(PATHS_LIMIT, value.toByteArray()));
    }

    /** Capability code of ExaBGP's operational messages (draft-ietf-idr-operational-message). */
    public static final int OPERATIONAL = 185;
    /** Capability code of multi-session BGP (draft-ietf-idr-bgp-multisession). */
    public static final int MULTI_SESSION = 68;

    /** RFC 4724 section 3: the Restart State bit, the top bit of the 4-bit Restart Flags. */
    public static final int RESTART_STATE = 0x8;
    /** RFC 4724 section 3: the Forwarding State bit, the top bit of a family's flags. */
    public static final int FORWARDING_STATE = 0x80;

    /**
     * Our graceful restart capability (RFC 4724 section 3), as the restarting speaker (section 4.1),
     * the way ExaBGP sends it:
     * <pre>
     *  0                   1
     *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * |R|0 0 0|      Restart Time     |   R = 1: "I have restarted" - do not wait for my End-of-RIB
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * |  AFI (2)  | SAFI  |F|0 0 0 0 0 0 0|   per family; F = 1: forwarding state preserved
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * </pre>
     * R is set in every OPEN: a process cannot tell a first start from a restart (ExaBGP's
     * {@code FORCE_GRACEFUL}), and R only tells the peer not to wait for our End-of-RIB before it
     * sends its own routes - harmless on a first start, needed after a restart (section 4.1). F is
     * set for every family: twinbgp installs no forwarding state that a restart could lose, and a
     * peer must drop our stale routes at once when F is clear in the restarted OPEN (section 4.2) -
     * the very withdrawal graceful restart is configured to avoid.
     */
    public Capability.GracefulRestart gracefulRestart() {
        List<Capability.GracefulRestart.Entry> entries = new ArrayList<>();
        for (Family f : families) {
            entries.add(new Capability.GracefulRestart.Entry(f, FORWARDING_STATE));
        }
        return new Capability.GracefulRestart(RESTART_STATE, gracefulRestartTime, entries);
    }

    /** Mutable helper to build a {@link SessionConfig}; validation happens in {@link #build()}. */
    public static final class Builder {
        private final long localAs;
        private final long peerAs;
        private final long localId;
        private int holdTime = DEFAULT_HOLD_TIME;
        private int connectRetryTime = DEFAULT_CONNECT_RETRY_TIME;
        private boolean active = true;
        private boolean passive = true;
        private List<Family> families = List.of(Family.IPV4_UNICAST);
        private boolean asn4 = true;
        private boolean routeRefresh = true;
        private boolean enhancedRouteRefresh;
        private final Map<Family, AddPathMode> addPath = new LinkedHashMap<>();
        private boolean extendedMessage;
        private int gracefulRestartTime = -1;
        private String hostName;
        private String domainName;
        private String softwareVersion;
        private final List<Capability.ExtendedNextHop.Entry> extendedNextHops = new ArrayList<>();
        private boolean linkLocalNextHop;
        private boolean aigp;
        private boolean operational;
        private boolean multiSession;
        private final Map<Family, Integer> pathsLimit = new LinkedHashMap<>();

        private Builder(long localAs, long peerAs, long localId) {
            this.localAs = localAs;
            this.peerAs = peerAs;
            this.localId = localId;
        }

        public Builder holdTime(int seconds) { holdTime = seconds; return this; }
        public Builder connectRetryTime(int seconds) { connectRetryTime = seconds; return this; }
        public Builder active(boolean on) { active = on; return this; }
        public Builder passive(boolean on) { passive = on; return this; }
        public Builder families(List<Family> list) { families = list; return this; }
        public Builder asn4(boolean on) { asn4 = on; return this; }
        public Builder routeRefresh(boolean on) { routeRefresh = on; return this; }
        public Builder enhancedRouteRefresh(boolean on) { enhancedRouteRefresh = on; return this; }
        public Builder addPath(Family family, AddPathMode mode) { addPath.put(family, mode); return this; }
        public Builder extendedMessage(boolean on) { extendedMessage = on; return this; }
        public Builder gracefulRestartTime(int seconds) { gracefulRestartTime = seconds; return this; }
        public Builder fqdn(String host, String domain) { hostName = host; domainName = domain; return this; }
        public Builder softwareVersion(String text) { softwareVersion = text; return this; }
        public Builder linkLocalNextHop(boolean on) { linkLocalNextHop = on; return this; }
        public Builder aigp(boolean on) { aigp = on; return this; }
        /** RFC 8950: NLRI of {@code family} may carry a next hop of {@code nextHopAfi}. */
        public Builder extendedNextHop(Family family, int nextHopAfi) {
            extendedNextHops.add(new Capability.ExtendedNextHop.Entry(family.afi(), family.safi(), nextHopAfi));
            return this;
        }

        public Builder operational(boolean on) { operational = on; return this; }
        public Builder multiSession(boolean on) { multiSession = on; return this; }
        /** PATHS-LIMIT for {@code family} (advertised when ADD-PATH receives it). */
        public Builder pathsLimit(Family family, int limit) { pathsLimit.put(family, limit); return this; }

        public SessionConfig build() {
            return new SessionConfig(localAs, peerAs, localId, holdTime, connectRetryTime, active, passive, families,
                    asn4, routeRefresh, enhancedRouteRefresh, addPath, extendedMessage, gracefulRestartTime,
                    hostName, domainName, softwareVersion, extendedNextHops, linkLocalNextHop,
                    aigp, operational, multiSession, pathsLimit);
        }
    }
}
