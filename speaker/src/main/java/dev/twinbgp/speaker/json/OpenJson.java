package dev.twinbgp.speaker.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.twinbgp.bgp.wire.capability.Capability;
import dev.twinbgp.bgp.wire.Open;

/**
 * The {@code "open"} object of ExaBGP's JSON (its {@code JSON.open} and each capability's
 * {@code json()}): version, My AS, hold time, BGP identifier and the capabilities keyed by their
 * decimal code. As in ExaBGP, repeated capabilities merge: the families of several Multiprotocol
 * (RFC 4760 section 8) or ADD-PATH (RFC 7911 section 4) capabilities add up; for the others the last
 * one wins.
 */
final class OpenJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** Cisco's pre-standard route refresh code (ExaBGP reports it as variant "Cisco"). */
    private static final int ROUTE_REFRESH_CISCO = 128;

    private OpenJson() {
    }

    static ObjectNode open(Open o) {
        ObjectNode n = F.objectNode();
        n.put("version", o.version());
        n.put("asn", o.myAs());
        n.put("hold_time", o.holdTime());
        n.put("router_id", Text.dotted(o.bgpIdentifier()));
        ObjectNode caps = n.putObject("capabilities");
        for (Capability c : o.capabilities()) {
            String key = Integer.toString(c.code());
            switch (c) {
                case Capability.Multiprotocol mp -> {
                    ObjectNode m = caps.get(key) instanceof ObjectNode prev ? prev : named("multiprotocol");
                    ArrayNode families = m.has("families") ? (ArrayNode) m.get("families") : m.putArray("families");
                    String fam = Text.familySlash(mp.family().afi(), mp.family().safi());
                    if (!contains(families, fam)) {
                        families.add(fam);
                    }
                    caps.set(key, m);
                }
                case Capability.AddPath ap -> {
                    ObjectNode m = caps.get(key) instanceof ObjectNode prev ? prev : named("addpath");
                    for (Capability.AddPath.Entry e : ap.entries()) {
                        m.put(Text.familySlash(e.family().afi(), e.family().safi()), switch (e.mode()) {
                            case RECEIVE -> "receive";
                            case SEND -> "send";
                            case BOTH -> "send/receive";
                        });
                    }
                    caps.set(key, m);
                }
                default -> caps.set(key, single(c));
            }
        }
        return n;
    }

    private static boolean contains(ArrayNode a, String s) {
        for (var e : a) {
            if (s.equals(e.asText())) {
                return true;
            }
        }
        return false;
    }

    private static ObjectNode named(String name) {
        ObjectNode n = F.objectNode();
        n.put("name", name);
        return n;
    }

    /** One capability that does not merge with others of its code. */
    private static ObjectNode single(Capability c) {
        return switch (c) {
            case Capability.Multiprotocol mp -> throw new AssertionError("merged above");
            case Capability.AddPath ap -> throw new AssertionError("merged above");
            case Capability.RouteRefresh r -> {
                ObjectNode n = named("route-refresh");
                n.put("variant", "RFC");
                yield n;
            }
            case Capability.EnhancedRouteRefresh r -> named("enhanced-route-refresh");
            case Capability.ExtendedMessage m -> {
                ObjectNode n = named("extended-message");
                n.put("size", 65535); // RFC 8654 section 4
                yield n;
            }
            case Capability.ExtendedNextHop x -> {
                ObjectNode n = named("nexthop");
                ArrayNode conv = n.putArray("conversion");
                for (Capability.ExtendedNextHop.Entry e : x.entries()) {
                    conv.add(Text.familySlash(e.afi(), e.safi()) + "/" + dev.twinbgp.bgp.wire.family.Family.afiName(e.nextHopAfi()));
                }
                yield n;
            }
            case Capability.GracefulRestart g -> gracefulRestart(g);
            case Capability.FourOctetAs f -> {
                ObjectNode n = named("asn4");
                n.put("asn4", f.asn());
                yield n;
            }
            case Capability.Fqdn h -> {
                ObjectNode n = F.objectNode();
                n.put("host-name", h.hostName());
                n.put("domain-name", h.domainName());
                yield n;
            }
            case Capability.LinkLocalNextHop l -> named("link-local-nexthop");
            case Capability.SoftwareVersion s -> {
                ObjectNode n = F.objectNode();
                n.put("software", s.version());
                yield n;
            }
            case Capability.Unknown u when u.code() == ROUTE_REFRESH_CISCO -> {
                ObjectNode n = named("route-refresh");
                n.put("variant", "Cisco");
                yield n;
            }
            case Capability.Unknown u -> {
                ObjectNode n = named("unknown");
                // RFC 5492 section 6 / IANA: 128-255 are for private use ("reserved" in ExaBGP's words).
                n.put("iana", u.code() >= 128 ? "reserved" : u.code() >= 70 ? "unassigned" : "unknown");
                n.put("value", u.code());
                n.put("raw", Text.hex(u.value()));
                yield n;
            }
        };
    }

    /**
     * RFC 4724 section 3. ExaBGP's shape, with one deliberate difference: ExaBGP labels the
     * per-family Forwarding State bit (0x80) "restart" and the Restart State bit (R, 0x8 of the
     * restart flags) "forwarding"; we use the RFC's names for each bit (and "notification" for the
     * N bit, RFC 8538 section 2).
     */
    private static ObjectNode gracefulRestart(Capability.GracefulRestart g) {
        ObjectNode n = named("graceful restart");
        n.put("time", g.restartTime());
        ObjectNode fams = n.putObject("address-family-flags");
        for (Capability.GracefulRestart.Entry e : g.entries()) {
            ArrayNode flags = fams.putArray(Text.familySlash(e.family().afi(), e.family().safi()));
            if ((e.flags() & 0x80) != 0) {
                flags.add("forwarding");
            }
        }
        ArrayNode restart = n.putArray("restart-flags");
        if ((g.restartFlags() & 0x8) != 0) {
            restart.add("restart");
        }
        if ((g.restartFlags() & 0x4) != 0) {
            restart.add("notification");
        }
        return n;
    }
}
