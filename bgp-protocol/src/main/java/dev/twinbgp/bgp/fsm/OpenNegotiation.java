package dev.twinbgp.bgp.fsm;

import dev.twinbgp.bgp.wire.capability.AddPathMode;
import dev.twinbgp.bgp.wire.capability.Capability;
import dev.twinbgp.bgp.wire.ErrorCodes;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.capability.Negotiated;
import dev.twinbgp.bgp.wire.Notification;
import dev.twinbgp.bgp.wire.Open;
import dev.twinbgp.bgp.wire.capability.OptionalParameter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks the peer's OPEN (RFC 4271 section 6.2) and negotiates capabilities (RFC 5492). Pure. */
public final class OpenNegotiation {
    /** The only BGP version we speak (RFC 4271). */
    public static final int BGP_VERSION = 4;

    private OpenNegotiation() {
    }

    /** The outcome: a {@link Session} or the NOTIFICATION that refuses the OPEN. */
    public sealed interface Result {
        record Accepted(Session session) implements Result {
        }

        record Refused(Notification notification, String reason) implements Result {
        }
    }

    public static Result negotiate(SessionConfig config, Open remote, Direction connection) {
        // RFC 4271 section 6.2: version first; data = largest locally supported version (2 octets).
        if (remote.version() != BGP_VERSION) {
            return refuse(ErrorCodes.OPEN_UNSUPPORTED_VERSION, new byte[] {0, BGP_VERSION},
                    "peer speaks BGP version " + remote.version() + ", we speak only " + BGP_VERSION);
        }
        // Section 6.2 and RFC 6793 section 4.1: the AS is the 4-octet capability's when present.
        long peerAs = remote.asn();
        if (peerAs != config.peerAs()) {
            return refuse(ErrorCodes.OPEN_BAD_PEER_AS, null,
                    "peer announced AS " + peerAs + ", configured peer-as is " + config.peerAs());
        }
        // Section 6.2: "An implementation MUST reject Hold Time values of one or two seconds."
        if (remote.holdTime() == 1 || remote.holdTime() == 2) {
            return refuse(ErrorCodes.OPEN_UNACCEPTABLE_HOLD_TIME, null,
                    "peer proposed hold time " + remote.holdTime() + " s (1 and 2 are not allowed)");
        }
        // RFC 6286 section 2.2: non-zero; unique within an AS, so equal to ours only across ASes.
        long peerId = remote.bgpIdentifier();
        if (peerId == 0 || peerId > 0xFFFF_FFFFL) {
            return refuse(ErrorCodes.OPEN_BAD_BGP_IDENTIFIER, null, "peer BGP identifier " + peerId + " is invalid");
        }
        if (config.isInternal() && peerId == config.localId()) {
            return refuse(ErrorCodes.OPEN_BAD_BGP_IDENTIFIER, null,
                    "iBGP peer uses our own BGP identifier " + RouterIds.format(peerId));
        }
        // Section 6.2: an optional parameter we do not recognise gives 2/4.
        for (OptionalParameter p : remote.parameters()) {
            if (p instanceof OptionalParameter.Unknown u) {
                return refuse(ErrorCodes.OPEN_UNSUPPORTED_OPTIONAL_PARAMETER, null,
                        "peer sent unsupported optional parameter type " + u.type());
            }
        }
        return new Result.Accepted(session(config, remote, connection, peerAs, peerId));
    }

    private static Session session(SessionConfig config, Open remote, Direction connection, long peerAs, long peerId) {
        List<Capability> caps = remote.capabilities();
        Set<Family> theirFamilies = new LinkedHashSet<>();
        Map<Family, AddPathMode> theirAddPath = new HashMap<>();
        boolean asn4 = false;
        boolean routeRefresh = false;
        boolean enhancedRouteRefresh = false;
        boolean extendedMessage = false;
        Capability.GracefulRestart gracefulRestart = null;
        for (Capability c : caps) {
            switch (c) {
                case Capability.Multiprotocol mp -> theirFamilies.add(mp.family());
                case Capability.FourOctetAs ignored -> asn4 = true;
                case Capability.RouteRefresh ignored -> routeRefresh = true;
                case Capability.EnhancedRouteRefresh ignored -> enhancedRouteRefresh = true;
                case Capability.ExtendedMessage ignored -> extendedMessage = true;
                case Capability.GracefulRestart gr -> gracefulRestart = gr;
                case Capability.AddPath ap -> {
                    for (Capability.AddPath.Entry e : ap.entries()) {
                        theirAddPath.put(e.family(), e.mode());
                    }
                }
                case Capability.ExtendedNextHop ignored -> { }
                case Capability.Fqdn ignored -> { }
                case Capability.SoftwareVersion ignored -> { }
                case Capability.LinkLocalNextHop ignored -> { }
                case Capability.Unknown ignored -> { }
            }
        }
        // RFC 4760 section 8 / RFC 4271: a speaker without Multiprotocol does IPv4 unicast only.
        if (theirFamilies.isEmpty()) {
            theirFamilies.add(Family.IPV4_UNICAST);
        }
        Set<Family> ourFamilies = new LinkedHashSet<>(config.families());
        if (ourFamilies.isEmpty()) {
            ourFamilies.add(Family.IPV4_UNICAST);
        }
        Set<Family> families = new LinkedHashSet<>(ourFamilies);
        families.retainAll(theirFamilies);

        // RFC 7911 section 4: we receive path ids when we said receive and they said send, and vice versa.
        Set<Family> addPathReceive = new HashSet<>();
        Set<Family> addPathSend = new HashSet<>();
        for (Family f : families) {
            AddPathMode ours = config.addPath().get(f);
            AddPathMode theirs = theirAddPath.get(f);
            if (ours == null || theirs == null) {
                continue;
            }
            if (ours.canReceive() && theirs.canSend()) {
                addPathReceive.add(f);
            }
            if (ours.canSend() && theirs.canReceive()) {
                addPathSend.add(f);
            }
        }
        // RFC 7311 section 3.3: AIGP_SESSION on for internal sessions, on external ones only when configured.
        Negotiated negotiated = new Negotiated(config.asn4() && asn4, addPathReceive, addPathSend,
                config.extendedMessage() && extendedMessage, config.aigp() || config.localAs() == config.peerAs());

        // RFC 4271 section 4.2 / 10: hold time is the smaller of the two; keepalive a third of it.
        int holdTime = Math.min(config.holdTime(), remote.holdTime());
        int keepaliveTime = holdTime / 3;

        PeerGracefulRestart peerGr = null;
        if (config.gracefulRestartTime() >= 0 && gracefulRestart != null) {
            peerGr = peerGracefulRestart(gracefulRestart);
        }
        return new Session(connection, config.localOpen(), remote, peerAs, peerId, holdTime, keepaliveTime, negotiated,
                families, config.routeRefresh() && routeRefresh,
                config.enhancedRouteRefresh() && enhancedRouteRefresh, peerGr);
    }

    /** RFC 4724 section 3: R is the top bit of the 4 restart flags; F the top bit of each family's flags. */
    private static PeerGracefulRestart peerGracefulRestart(Capability.GracefulRestart gr) {
        Set<Family> families = new HashSet<>();
        Set<Family> preserved = new HashSet<>();
        for (Capability.GracefulRestart.Entry e : gr.entries()) {
            families.add(e.family());
            if ((e.flags() & 0x80) != 0) {
                preserved.add(e.family());
            }
        }
        return new PeerGracefulRestart(gr.restartTime(), (gr.restartFlags() & 0x8) != 0, families, preserved);
    }

    private static Result refuse(int subcode, byte[] data, String reason) {
        return new Result.Refused(new Notification(ErrorCodes.OPEN_MESSAGE, subcode, data), reason);
    }
}
