package dev.twinbgp.speaker.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.twinbgp.speaker.json.TreeWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.twinbgp.bgp.rib.Path;
import dev.twinbgp.bgp.rib.Route;
import dev.twinbgp.bgp.wire.attribute.AsPathSegment;
import dev.twinbgp.bgp.wire.attribute.Attribute;
import dev.twinbgp.bgp.wire.family.Family;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code show adj-rib in|out}: one line per route in ExaBGP's text form,
 * {@code neighbor 192.0.2.1 ipv4 unicast 10.0.0.0/24 next-hop 192.0.2.2 origin igp as-path [ 65000 ]}
 * (extensive adds {@code local-ip}, {@code local-as}, {@code peer-as}), or one JSON array.
 */
final class RouteReport {

    private RouteReport() {
    }

    static List<String> render(Map<Neighbor, List<Route>> tables, Command.ShowAdjRib show) {
        if (show.json()) {
            ArrayNode all = JsonNodeFactory.instance.arrayNode();
            tables.forEach((n, routes) -> {
                for (Route r : routes) {
                    ObjectNode o = all.addObject();
                    o.put("neighbor", n.name());
                    o.put("family", family(r.family()));
                    o.put("prefix", routeText(r));
                    if (r.key().hasPathId()) {
                        o.put("path-information", r.key().pathId());
                    }
                    o.put("attributes", attributes(r.path()));
                }
            });
            return List.of(TreeWriter.plain(all));
        }
        List<String> lines = new ArrayList<>();
        tables.forEach((n, routes) -> {
            String head = "neighbor " + n.name() + (show.extensive() ? " local-ip "
                    + n.config().localAddress().map(Object::toString).orElse("-") + " local-as " + n.config().localAs()
                    + " peer-as " + n.config().peerAs() : "");
            for (Route r : routes) {
                lines.add(head + " " + family(r.family()) + " " + routeText(r)
                        + (r.key().hasPathId() ? " path-information " + r.key().pathId() : "")
                        + " " + attributes(r.path()));
            }
        });
        return lines;
    }

    /** A prefix as {@code 10.0.0.0/24}; another family's route as its codec writes it (e.g. {@code flow ...}). */
    private static String routeText(Route r) {
        return r.isPrefix() ? r.prefix().prefixString() : r.key().withoutPathId().toString();
    }

    private static String family(Family f) {
        return Family.afiName(f.afi()) + " " + Family.safiName(f.safi());
    }

    /** The attributes in the configuration's grammar where there is one, the codec's form otherwise. */
    static String attributes(Path path) {
        List<String> out = new ArrayList<>();
        if (path.hasMpNextHop()) {
            out.add("next-hop " + address(path.nextHop()));
        } else {
            path.attributes().nextHop().ifPresent(nh -> out.add("next-hop " + nh.addressString()));
        }
        for (Attribute a : path.attributes().list()) {
            if (a instanceof Attribute.NextHop) {
                continue; // first, as ExaBGP writes it
            }
            out.add(switch (a) {
                case Attribute.Origin o -> "origin " + o.valueName();
                case Attribute.AsPath p -> "as-path [ " + segments(p.segments()) + "]";
                case Attribute.MultiExitDisc m -> "med " + m.value();
                case Attribute.LocalPref l -> "local-preference " + l.value();
                case Attribute.AtomicAggregate x -> "atomic-aggregate";
                case Attribute.Communities c -> "community [ " + String.join(" ", c.values().stream()
                        .map(v -> (v >>> 16) + ":" + (v & 0xFFFF)).toList()) + " ]";
                case Attribute.LargeCommunities c -> "large-community [ " + String.join(" ", c.values().stream()
                        .map(v -> v.global() + ":" + v.local1() + ":" + v.local2()).toList()) + " ]";
                case Attribute.Aggregator g -> "aggregator ( " + g.asn() + ":" + dev.twinbgp.bgp.wire.Bytes.ipv4(g.address()) + " )";
                case Attribute.OriginatorId o -> "originator-id " + dev.twinbgp.bgp.wire.Bytes.ipv4(o.id());
                case Attribute.ClusterList c -> "cluster-list [ " + String.join(" ", c.ids().stream()
                        .map(dev.twinbgp.bgp.wire.Bytes::ipv4).toList()) + " ]";
                case Attribute.ExtendedCommunities c -> "extended-community [ " + String.join(" ", c.values().stream()
                        .map(RouteReport::extended).toList()) + " ]";
                case Attribute.Unknown u -> String.format("attribute [ 0x%02x 0x%02x 0x%s ]", u.typeCode(), u.flags(),
                        java.util.HexFormat.of().withUpperCase().formatHex(u.value()));
                case Attribute.Aigp g -> "aigp " + Long.toUnsignedString(g.metric());
                case Attribute.PrefixSid s -> java.util.Objects.requireNonNullElse(
                        dev.twinbgp.speaker.config.RouteText.prefixSid(s), s.toString());
                default -> a.toString();
            });
        }
        return String.join(" ", out);
    }

    /**
     * An extended community as the grammar reads it back to the same octets: a route target or origin (RFC 4360
     * section 4, RFC 5668: {@code target:ASN:N}, {@code target:IP:N}, {@code target:ASNL:N} for the 4-octet AS form,
     * ExaBGP's spelling) and Layer2 Info (RFC 4761 section 3.2.4, {@code l2info:...}); any other as {@code 0x} and
     * its 16 hex digits.
     */
    static String extended(long v) {
        int type = (int) (v >>> 56) & 0xFF;
        int subtype = (int) (v >>> 48) & 0xFF;
        if (type == 0x80 && subtype == 0x0A) {
            return "l2info:" + (v >>> 40 & 0xFF) + ":" + (v >>> 32 & 0xFF) + ":" + (v >>> 16 & 0xFFFF) + ":" + (v & 0xFFFF);
        }
        if (subtype == 0x02 || subtype == 0x03) {
            String kind = subtype == 0x02 ? "target:" : "origin:";
            switch (type) {
                case 0x00 -> {
                    return kind + (v >>> 32 & 0xFFFF) + ":" + (v & 0xFFFFFFFFL);
                }
                case 0x01 -> {
                    return kind + dev.twinbgp.bgp.wire.Bytes.ipv4((int) (v >>> 16)) + ":" + (v & 0xFFFF);
                }
                case 0x02 -> {
                    return kind + (v >>> 16 & 0xFFFFFFFFL) + "L:" + (v & 0xFFFF);
                }
                default -> {
                    // another type with these subtypes: the octets
                }
            }
        }
        return String.format("0x%016X", v);
    }

    private static String segments(List<AsPathSegment> segments) {
        StringBuilder b = new StringBuilder();
        for (AsPathSegment s : segments) {
            boolean set = s.type() == AsPathSegment.AS_SET || s.type() == AsPathSegment.AS_CONFED_SET;
            if (set) {
                b.append("( ");
            }
            s.asns().forEach(asn -> b.append(asn).append(' '));
            if (set) {
                b.append(") ");
            }
        }
        return b.toString();
    }

    private static String address(byte[] raw) {
        try {
            if (raw.length == 12 || raw.length == 24 || raw.length == 48) {
                raw = java.util.Arrays.copyOfRange(raw, 8, raw.length); // a VPN next hop: RD 0 first (RFC 4364 4.3.2)
            }
            int length = raw.length == 32 || raw.length == 40 ? 16 : raw.length; // global + link-local (RFC 2545): the global one
            if (length == 16) {
                return dev.twinbgp.bgp.wire.Bytes.ipv6(raw, 0); // RFC 5952's form, as ExaBGP and the JSON write it
            }
            return InetAddress.getByAddress(java.util.Arrays.copyOf(raw, length)).getHostAddress();
        } catch (UnknownHostException e) {
            return java.util.HexFormat.of().formatHex(raw);
        }
    }
}
