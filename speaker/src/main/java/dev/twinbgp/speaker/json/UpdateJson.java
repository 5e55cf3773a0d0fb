package dev.twinbgp.speaker.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.twinbgp.bgp.wire.attribute.Attribute;
import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.bgp.wire.family.Nlri;
import dev.twinbgp.bgp.wire.family.Prefix;
import dev.twinbgp.bgp.wire.family.Families;
import dev.twinbgp.bgp.wire.family.FamilyCodec;
import dev.twinbgp.bgp.wire.family.NlriRoute;
import dev.twinbgp.bgp.wire.Update;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code "update"} object of ExaBGP's JSON (its {@code JSON._update}):
 * <pre>
 * { "attribute": { ... },
 *   "announce": { "ipv4 unicast": { "NEXT-HOP": [ { "nlri": "10.0.0.0/24" }, ... ] }, ... },
 *   "withdraw": { "ipv4 unicast": [ { "nlri": "10.0.0.0/24" }, ... ], ... } }
 * </pre>
 * Routes are grouped per family, announced ones also per next hop (NEXT_HOP for the IPv4 NLRI field,
 * the MP_REACH_NLRI next hop otherwise, RFC 4760 section 3; of a 32-octet IPv6 next hop the global
 * address, RFC 2545 section 3). With ADD-PATH each route has {@code "path-information"}, the path id
 * as a dotted quad (RFC 7911 section 3). An End-of-RIB (RFC 4724 section 2) is announced under the
 * next hop {@code "null"} as {@code {"eor": {"afi": .., "safi": ..}}}, as ExaBGP 6 prints it.
 *
 * <p>An UPDATE that RFC 7606 says to treat as withdraw (section 2) is shown as what it means: every
 * route it carries under {@code "withdraw"}, and no attributes (they were malformed). Families
 * without a plain prefix encoding are shown as {@code {"raw": "0x.."}} per NLRI block.
 */
final class UpdateJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private UpdateJson() {
    }

    static ObjectNode update(Update u) {
        ObjectNode update = F.objectNode();
        Optional<Family> eor = u.endOfRibFamily();
        if (eor.isPresent()) {
            ObjectNode route = F.objectNode();
            ObjectNode e = route.putObject("eor");
            e.put("afi", Family.afiName(eor.get().afi()));
            e.put("safi", Family.safiName(eor.get().safi()));
            update.putObject("announce").putObject(familyName(eor.get())).putArray("null").add(route);
            return update;
        }
        List<Nlri> withdrawn = new ArrayList<>(u.withdrawnAll());
        List<Nlri> announced = u.announced();
        boolean treatAsWithdraw = u.treatAsWithdraw();
        if (treatAsWithdraw) {
            withdrawn.addAll(announced);
            announced = List.of();
        }
        if (!treatAsWithdraw) {
            ObjectNode attrs = AttributeJson.attributes(u.attributes(), !withdrawn.isEmpty());
            if (!attrs.isEmpty()) {
                update.set("attribute", attrs);
            }
        }
        if (!announced.isEmpty()) {
            ObjectNode announce = update.putObject("announce");
            for (Nlri block : announced) {
                ObjectNode fam = announce.has(familyName(block.family()))
                        ? (ObjectNode) announce.get(familyName(block.family()))
                        : announce.putObject(familyName(block.family()));
                String nh = nextHop(u, block);
                ArrayNode routes = fam.has(nh) ? (ArrayNode) fam.get(nh) : fam.putArray(nh);
                routes(block, routes, nh, false);
            }
        }
        if (!withdrawn.isEmpty()) {
            ObjectNode withdraw = update.putObject("withdraw");
            for (Nlri block : withdrawn) {
                String f = familyName(block.family());
                ArrayNode routes = withdraw.has(f) ? (ArrayNode) withdraw.get(f) : withdraw.putArray(f);
                routes(block, routes, null, true);
            }
        }
        return update;
    }

    /** ExaBGP's family key: {@code ipv4 unicast}. */
    static String familyName(Family f) {
        return Family.afiName(f.afi()) + " " + Family.safiName(f.safi());
    }

    static String nextHop(Update u, Nlri block) {
        if (u.mpReach().isPresent() && u.mpReach().get().nlri() == block) {
            List<String> addrs = u.mpReach().get().nextHopAddresses();
            String first = addrs.isEmpty() ? "" : addrs.get(0);
            // ExaBGP's NoNextHop: a FlowSpec rule without next hop (RFC 8955 section 4).
            return first.isEmpty() ? (block.hasCodec() ? "no-nexthop" : "null") : first;
        }
        return u.attributes().nextHop().map(Attribute.NextHop::addressString).orElse("null");
    }

    private static void routes(Nlri block, ArrayNode out, String nextHop, boolean withdrawn) {
        if (block.isOpaque()) {
            out.addObject().put("raw", Text.hex0x(block.toByteArray()));
            return;
        }
        if (block.hasCodec()) {
            FamilyCodec codec = Families.codec(block.family());
            block.forEachRoute(r -> out.add(route(codec, (NlriRoute) r, nextHop, withdrawn)));
            return;
        }
        block.forEach(p -> out.add(route(p)));
    }

    /** A family codec's route: the fields its codec writes (ExaBGP's shape for the family), then its path id. */
    private static ObjectNode route(FamilyCodec codec, NlriRoute r, String nextHop, boolean withdrawn) {
        ObjectNode o = F.objectNode();
        FamilyCodec.Fields fields = new FamilyCodec.Fields() {
            @Override
            public void list(String name, List<String> values) {
                ArrayNode a = o.putArray(name);
                values.forEach(a::add);
            }

            @Override
            public void string(String name, String value) {
                o.put(name, value);
            }

            @Override
            public void number(String name, long value) {
                o.put(name, value);
            }

            @Override
            public void none(String name) {
                o.putNull(name);
            }

            @Override
            public void bool(String name, boolean value) {
                o.put(name, value);
            }

            @Override
            public void numbers(String name, List<long[]> values) {
                ArrayNode a = o.putArray(name);
                for (long[] v : values) {
                    ArrayNode inner = a.addArray();
                    for (long n : v) {
                        inner.add(n);
                    }
                }
            }

            @Override
            public void value(String name, Object value) {
                o.set(name, Tree.of(value));
            }
        };
        if (withdrawn) {
            codec.describeWithdrawn(r.family(), r.nlri(), fields);
        } else {
            codec.describe(r.family(), r.nlri(), nextHop, fields);
        }
        if (r.hasPathId()) {
            o.put("path-information", Text.dotted(r.pathId()));
        }
        return o;
    }

    private static ObjectNode route(Prefix p) {
        ObjectNode r = F.objectNode();
        r.put("nlri", p.prefixString());
        if (p.hasPathId()) {
            r.put("path-information", Text.dotted(p.pathId()));
        }
        return r;
    }
}
