package dev.twinbgp.speaker.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.twinbgp.bgp.fsm.State;
import dev.twinbgp.bgp.wire.Bytes;
import dev.twinbgp.bgp.wire.Open;
import dev.twinbgp.bgp.wire.capability.AddPathMode;
import dev.twinbgp.bgp.wire.capability.Capability;
import dev.twinbgp.bgp.wire.family.Family;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * One neighbor of {@code show neighbor json} in ExaBGP's keys (its reactor/api/command/neighbor.py
 * {@code Neighbor.as_dict} over peer.py {@code cli_data}), so a script written for ExaBGP reads it unchanged:
 * <pre>
 * {"state": "up"|"down", "duration": SECONDS, "fsm": "ESTABLISHED",
 *  "local": {"capabilities": {NAME: BOOL}, "families": {"ipv4 unicast": BOOL}, "add-path": {FAMILY: BOOL},
 *            "address": IP, "as": ASN, "id": ID, "hold": SECONDS},
 *  "peer":  {... the same; null values while no OPEN of the peer is known},
 *  "messages": {"sent": {"open": N, "notification": N, "keepalive": N, "update": N, "refresh": N, "total": N},
 *               "received": {...}},
 *  "capabilities": [NAME both sides have], "families": [FAMILY both sides have],
 *  "add-path": {FAMILY: "send/receive"|"send"|"receive"|"disabled"}}
 * </pre>
 * The local side is this speaker's last OPEN (before it sent one, the OPEN it would send), the peer side the
 * peer's OPEN of the current session (null values without one).
 */
final class ExabgpNeighborJson {

    private ExabgpNeighborJson() {
    }

    // ExaBGP's capability codes outside RFC-named records: multi-session (0x44, Cisco's 0x83), its operational (0xB9)
    private static final int MULTISESSION = 0x44;
    private static final int MULTISESSION_CISCO = 0x83;
    private static final int OPERATIONAL = 0xB9;

    private static final List<String> CAPABILITIES = List.of("asn4", "route-refresh", "multi-session", "operational",
            "add-path", "extended-message", "graceful-restart");
    private static final List<String> MESSAGES = List.of("open", "notification", "keepalive", "update", "refresh");

    static void put(ObjectNode o, Neighbor n, Clock clock) {
        PeerStats stats = n.stats();
        long up = stats.upSince.get();
        o.put("state", up >= 0 ? "up" : "down");
        o.put("duration", Math.max(0, clock.millis() - (up >= 0 ? up : stats.downSince.get())) / 1000);
        o.put("fsm", fsm(n.driver().state()));
        // the OPEN this side sent, or (none sent yet, e.g. passive and never connected) the one it would send,
        // so the local side is always known, as ExaBGP's comes from its configuration
        Open sentOpen = stats.sentOpen;
        Open sent = sentOpen != null ? sentOpen : n.driver().settings().session().localOpen();
        Open received = stats.receivedOpen;
        ObjectNode local = o.putObject("local");
        ObjectNode peer = o.putObject("peer");
        ObjectNode messages = o.putObject("messages");
        ArrayNode capabilities = o.putArray("capabilities");
        ArrayNode families = o.putArray("families");
        ObjectNode addPath = o.putObject("add-path");

        ObjectNode localCaps = local.putObject("capabilities");
        ObjectNode peerCaps = peer.putObject("capabilities");
        for (String name : CAPABILITIES) {
            Boolean l = has(sent, name);
            Boolean p = has(received, name);
            putTri(localCaps, name, l);
            putTri(peerCaps, name, p);
            if (Boolean.TRUE.equals(l) && Boolean.TRUE.equals(p)) {
                capabilities.add(name);
            }
        }

        ObjectNode localFamilies = local.putObject("families");
        ObjectNode peerFamilies = peer.putObject("families");
        ObjectNode localAddPath = local.putObject("add-path");
        ObjectNode peerAddPath = peer.putObject("add-path");
        for (Family f : n.config().families()) {
            String k = f.toString();
            Boolean common = received == null ? null : families(received).contains(f) && families(sent).contains(f);
            Boolean send;
            Boolean receive;
            if (received == null) {
                // ExaBGP: unknown (null) where add-path is configured for the family, else false
                send = receive = addPath(sent, f) == null ? Boolean.FALSE : null;
            } else {
                AddPathMode ours = addPath(sent, f);
                AddPathMode theirs = addPath(received, f);
                send = ours != null && theirs != null && ours.canSend() && theirs.canReceive();
                receive = ours != null && theirs != null && ours.canReceive() && theirs.canSend();
            }
            localFamilies.put(k, true);
            putTri(peerFamilies, k, common);
            putTri(localAddPath, k, send);
            putTri(peerAddPath, k, receive);
            if (Boolean.TRUE.equals(common)) {
                families.add(k);
            }
            addPath.put(k, Boolean.TRUE.equals(send) ? (Boolean.TRUE.equals(receive) ? "send/receive" : "send")
                    : Boolean.TRUE.equals(receive) ? "receive" : "disabled");
        }

        ObjectNode sentCounts = messages.putObject("sent");
        ObjectNode receivedCounts = messages.putObject("received");
        long totalSent = 0;
        long totalReceived = 0;
        for (int i = 0; i < MESSAGES.size(); i++) {
            String name = MESSAGES.get(i);
            long s = name.equals("update") ? stats.updatesSent.get() : stats.otherSent.get(i < 3 ? i : 3);
            long r = name.equals("update") ? stats.updatesReceived.get() : stats.otherReceived.get(i < 3 ? i : 3);
            sentCounts.put(name, s);
            receivedCounts.put(name, r);
            totalSent += s;
            totalReceived += r;
        }
        sentCounts.put("total", totalSent);
        receivedCounts.put("total", totalReceived);

        local.put("address", n.config().localAddress().map(Object::toString).orElse(null));
        local.put("as", n.config().localAs());
        local.put("id", n.config().routerId().map(Object::toString)
                .orElse(Bytes.ipv4((int) sent.bgpIdentifier())));
        local.put("hold", n.config().holdTime());
        peer.put("address", n.config().peerAddress().toString());
        peer.put("as", n.config().peerAs());
        if (received == null) {
            peer.putNull("id");
            peer.putNull("hold");
        } else {
            peer.put("id", Bytes.ipv4((int) received.bgpIdentifier()));
            peer.put("hold", received.holdTime());
        }
    }

    /** ExaBGP's FSM state names: IDLE, ACTIVE, CONNECT, OPENSENT, OPENCONFIRM, ESTABLISHED. */
    static String fsm(State s) {
        return s.name().replace("_", "");
    }

    private static void putTri(ObjectNode o, String key, Boolean value) {
        if (value == null) {
            o.putNull(key);
        } else {
            o.put(key, value);
        }
    }

    /** Whether {@code open} announces ExaBGP's capability {@code name}; null without an OPEN. */
    private static Boolean has(Open open, String name) {
        if (open == null) {
            return null;
        }
        Predicate<Capability> match = switch (name) {
            case "asn4" -> c -> c instanceof Capability.FourOctetAs;
            case "route-refresh" -> c -> c instanceof Capability.RouteRefresh;
            case "multi-session" -> c -> c.code() == MULTISESSION || c.code() == MULTISESSION_CISCO;
            case "operational" -> c -> c.code() == OPERATIONAL;
            case "add-path" -> c -> c instanceof Capability.AddPath;
            case "extended-message" -> c -> c instanceof Capability.ExtendedMessage;
            case "graceful-restart" -> c -> c instanceof Capability.GracefulRestart;
            default -> c -> false;
        };
        return open.capabilities().stream().anyMatch(match);
    }

    /** The families an OPEN offers: its Multiprotocol capabilities, or IPv4 unicast without any (RFC 4760 s1). */
    private static List<Family> families(Open open) {
        List<Family> out = new ArrayList<>();
        for (Capability c : open.capabilities()) {
            if (c instanceof Capability.Multiprotocol mp) {
                out.add(mp.family());
            }
        }
        return out.isEmpty() ? List.of(Family.IPV4_UNICAST) : out;
    }

    /** The ADD-PATH mode {@code open} asks for {@code family}, or null. */
    private static AddPathMode addPath(Open open, Family family) {
        if (open == null) {
            return null;
        }
        for (Capability c : open.capabilities()) {
            if (c instanceof Capability.AddPath ap) {
                for (Capability.AddPath.Entry e : ap.entries()) {
                    if (e.family().equals(family)) {
                        return e.mode();
                    }
                }
            }
        }
        return null;
    }
}
