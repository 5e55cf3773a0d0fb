package dev.twinbgp.speaker.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.twinbgp.bgp.wire.attribute.AsPathSegment;
import dev.twinbgp.bgp.wire.attribute.Attribute;
import dev.twinbgp.bgp.wire.attribute.Attributes;
import dev.twinbgp.bgp.wire.family.ls.LsAttribute;
import dev.twinbgp.bgp.wire.family.srpolicy.SrPolicyTunnel;
import dev.twinbgp.bgp.wire.family.srpolicy.TunnelEncap;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The {@code "attribute"} object of an UPDATE in ExaBGP's JSON (its {@code Attributes.json()}):
 * attributes in type code order, NEXT_HOP left out (it keys the announced routes) unless the UPDATE
 * also withdraws routes, AS4_PATH / AS4_AGGREGATOR merged into AS_PATH / AGGREGATOR (RFC 6793 section
 * 4.2.3) rather than shown, unknown attributes as {@code "attribute-0xTT-0xFF": "0x<value>"} with the
 * flags as received. As ExaBGP does, communities are listed sorted and without duplicates.
 */
final class AttributeJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private AttributeJson() {
    }

    /** The attributes of an UPDATE; empty object when there are none to show. */
    static ObjectNode attributes(Attributes attrs, boolean withNextHop) {
        ObjectNode n = F.objectNode();
        for (Attribute a : attrs.list()) {
            switch (a) {
                case Attribute.Origin o -> n.put("origin", o.valueName());
                case Attribute.AsPath p -> {
                    // RFC 6793 section 4.2.3: the path a 4-octet speaker sees.
                    Attribute.AsPath eff = attrs.effectiveAsPath().orElse(p);
                    if (!eff.segments().isEmpty()) {
                        n.set("as-path", asPath(eff));
                    }
                }
                case Attribute.NextHop h -> {
                    if (withNextHop) {
                        n.put("next-hop", h.addressString());
                    }
                }
                case Attribute.MultiExitDisc m -> n.put("med", m.value());
                case Attribute.LocalPref l -> n.put("local-preference", l.value());
                case Attribute.AtomicAggregate x -> n.put("atomic-aggregate", true);
                case Attribute.Aggregator g -> {
                    Attribute.Aggregator eff = attrs.effectiveAggregator().orElse(g);
                    n.put("aggregator", eff.asn() + ":" + Text.dotted(eff.address() & 0xFFFFFFFFL));
                }
                case Attribute.Communities c -> n.set("community", communities(c.values()));
                case Attribute.OriginatorId o -> n.put("originator-id", Text.dotted(o.id() & 0xFFFFFFFFL));
                case Attribute.ClusterList c -> {
                    ArrayNode ids = n.putArray("cluster-list");
                    c.ids().forEach(id -> ids.add(Text.dotted(id & 0xFFFFFFFFL)));
                }
                case Attribute.ExtendedCommunities e -> n.set("extended-community", extended(e.values()));
                case Attribute.LargeCommunities l -> n.set("large-community", large(l.values()));
                case Attribute.As4Path p -> {
                    // merged into as-path above
                }
                case Attribute.As4Aggregator g -> {
                    // merged into aggregator above
                }
                case Attribute.MpReach m -> {
                    // never in Attributes (kept by the Update)
                }
                case Attribute.MpUnreach m -> {
                    // never in Attributes (kept by the Update)
                }
                case Attribute.Aigp g -> n.set("aigp", unsigned64(g.metric()));
                case Attribute.PrefixSid p -> n.set("bgp-prefix-sid", PrefixSidJson.of(p));
                case Attribute.Unknown u -> unknown(u, n);
            }
        }
        return n;
    }

    /** An unsigned 64-bit value as a JSON number. */
    static com.fasterxml.jackson.databind.JsonNode unsigned64(long v) {
        return v >= 0 ? F.numberNode(v) : F.numberNode(new BigInteger(Long.toUnsignedString(v)));
    }

    /**
     * {@link #attributes} written as text after {@code ,} or nothing ({@code "attribute":{..}} with its key), for
     * the attributes a full table carries (ORIGIN, AS_PATH, NEXT_HOP, MED, LOCAL_PREF, ATOMIC_AGGREGATE,
     * COMMUNITIES): the same keys, order and values as the tree. Returns false, having written nothing, when
     * another attribute is present: then the caller uses the tree.
     */
    static boolean appendText(StringBuilder sb, Attributes attrs, boolean withNextHop, boolean comma) {
        List<Attribute> list = attrs.list();
        for (Attribute a : list) {
            switch (a) {
                case Attribute.Origin o -> { }
                case Attribute.AsPath p -> { }
                case Attribute.NextHop h -> { }
                case Attribute.MultiExitDisc m -> { }
                case Attribute.LocalPref l -> { }
                case Attribute.AtomicAggregate x -> { }
                case Attribute.Communities c -> { }
                default -> {
                    return false;
                }
            }
        }
        int mark = sb.length();
        sb.append(comma ? ",\"attribute\":{" : "\"attribute\":{");
        int open = sb.length();
        for (Attribute a : list) {
            int before = sb.length();
            if (before > open) {
                sb.append(',');
            }
            switch (a) {
                case Attribute.Origin o -> sb.append("\"origin\":\"").append(o.valueName()).append('"');
                case Attribute.AsPath p -> {
                    Attribute.AsPath eff = attrs.effectiveAsPath().orElse(p);
                    if (eff.segments().isEmpty()) {
                        sb.setLength(before);
                    } else {
                        sb.append("\"as-path\":{");
                        int i = 0;
                        for (AsPathSegment seg : eff.segments()) {
                            if (i > 0) {
                                sb.append(',');
                            }
                            sb.append('"').append(i++).append("\":{\"element\":\"").append(seg.typeName()).append("\",\"value\":[");
                            int k = 0;
                            for (Long asn : seg.asns()) {
                                if (k++ > 0) {
                                    sb.append(',');
                                }
                                sb.append(asn.longValue());
                            }
                            sb.append("]}");
                        }
                        sb.append('}');
                    }
                }
                case Attribute.NextHop h -> {
                    if (withNextHop) {
                        sb.append("\"next-hop\":\"").append(h.addressString()).append('"');
                    } else {
                        sb.setLength(before);
                    }
                }
                case Attribute.MultiExitDisc m -> sb.append("\"med\":").append(m.value());
                case Attribute.LocalPref l -> sb.append("\"local-preference\":").append(l.value());
                case Attribute.AtomicAggregate x -> sb.append("\"atomic-aggregate\":true");
                case Attribute.Communities c -> {
                    sb.append("\"community\":[");
                    long[] v = c.values().stream().mapToLong(Long::longValue).distinct().sorted().toArray();
                    for (int i = 0; i < v.length; i++) {
                        if (i > 0) {
                            sb.append(',');
                        }
                        sb.append('[').append(v[i] >>> 16).append(',').append(v[i] & 0xFFFF).append(']');
                    }
                    sb.append(']');
                }
                default -> throw new IllegalStateException("checked above: " + a);
            }
        }
        if (sb.length() == open) {
            sb.setLength(mark); // nothing to show: no "attribute" key, as the tree leaves out an empty object
        } else {
            sb.append('}');
        }
        return true;
    }

    /**
     * An attribute the wire codec keeps as octets: those ExaBGP interprets by their own decoder (BGP-LS, RFC 9552
     * section 5.3; Tunnel Encapsulation, RFC 9012), the others as ExaBGP's generic attribute.
     */
    private static void unknown(Attribute.Unknown u, ObjectNode n) {
        switch (u.typeCode()) {
            case LsAttribute.TYPE_CODE -> n.set("bgp-ls", Tree.of(LsAttribute.describe(u.value())));
            case SrPolicyTunnel.ATTRIBUTE -> n.set("tunnel-encap", Tree.of(TunnelEncap.describe(u.value())));
            case Ipv6ExtendedCommunityText.ATTRIBUTE -> {
                ArrayNode list = Ipv6ExtendedCommunityText.json(u.value());
                if (list != null) {
                    n.set("extended-community-ipv6", list);
                } else {
                    n.put(genericKey(u), Text.hex0x(u.value())); // not a multiple of 20 octets: raw, as received
                }
            }
            default -> n.put(genericKey(u), Text.hex0x(u.value()));
        }
    }

    /** ExaBGP's key for an attribute it does not interpret: type code and flags, upper-case hex. */
    static String genericKey(Attribute.Unknown u) {
        return String.format("attribute-0x%02X-0x%02X", u.typeCode(), u.flags());
    }

    /**
     * {@code {"0": {"element": "as-sequence", "value": [..]}, ...}}, one entry per segment in order.
     * ExaBGP names both confederation segment types "as-sequence", which loses the distinction RFC
     * 5065 section 3 makes (and that path length depends on, section 5.3); we name them
     * "confed-sequence" and "confed-set".
     */
    static ObjectNode asPath(Attribute.AsPath p) {
        ObjectNode n = F.objectNode();
        int i = 0;
        for (AsPathSegment s : p.segments()) {
            ObjectNode seg = n.putObject(Integer.toString(i++));
            seg.put("element", s.typeName());
            ArrayNode v = seg.putArray("value");
            s.asns().forEach(v::add);
        }
        return n;
    }

    /** RFC 1997: {@code [[asn, value], ...]}, sorted, duplicates removed. */
    private static ArrayNode communities(List<Long> values) {
        ArrayNode a = F.arrayNode();
        values.stream().distinct().sorted().forEach(v -> {
            ArrayNode pair = a.addArray();
            pair.add(v >>> 16);
            pair.add(v & 0xFFFF);
        });
        return a;
    }

    /** RFC 8092: {@code [[global, local1, local2], ...]}, sorted, duplicates removed. */
    private static ArrayNode large(List<Attribute.LargeCommunity> values) {
        ArrayNode a = F.arrayNode();
        values.stream().distinct()
                .sorted(Comparator.comparingLong(Attribute.LargeCommunity::global)
                        .thenComparingLong(Attribute.LargeCommunity::local1)
                        .thenComparingLong(Attribute.LargeCommunity::local2))
                .forEach(c -> {
                    ArrayNode t = a.addArray();
                    t.add(c.global());
                    t.add(c.local1());
                    t.add(c.local2());
                });
        return a;
    }

    /** RFC 4360: {@code [{"value": <unsigned 64-bit>, "string": "target:65000:1"}, ...]}, sorted. */
    private static ArrayNode extended(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values.stream().distinct().toList());
        sorted.sort(Long::compareUnsigned);
        ArrayNode a = F.arrayNode();
        for (long v : sorted) {
            ObjectNode c = a.addObject();
            if (v >= 0) {
                c.put("value", v);
            } else {
                c.put("value", new BigInteger(Long.toUnsignedString(v)));
            }
            c.put("string", ExtendedCommunityText.of(v));
        }
        return a;
    }
}
