package dev.twinbgp.speaker.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.twinbgp.bgp.wire.attribute.Attribute;
import dev.twinbgp.bgp.wire.attribute.PrefixSidTlv;

/**
 * The {@code "bgp-prefix-sid"} object of ExaBGP's JSON (its {@code PrefixSid.json()}), one key per TLV in the order
 * received:
 * <pre>
 * "sr-label-index": 777                                         Label-Index TLV (RFC 8669 section 3.1)
 * "sr-srgbs": [[800000, 4096], [1000000, 5000]]                 Originator SRGB TLV (section 3.2)
 * "l3-service": [{"sid": "2001:db8:1:1::", "flags": 0,          SRv6 L3 / L2 Service TLV (RFC 9252 section 2)
 *   "endpoint_behavior": 72, "structure": {...}}]               with its SID Information and SID Structure
 * "attribute-not-implemented-9": "0xABCD"                       a TLV of another type, as received
 * </pre>
 * A sub-TLV of another type is {@code {"type": N, "raw": "<hex>"}} in the service's list (as ExaBGP shows it); a
 * sub-sub-TLV of another type is {@code "sub-sub-tlv-N": "0x<hex>"} in the SID information (ExaBGP writes these
 * inside the object without a key, which is not JSON). Flags are shown as received (ExaBGP always shows 0).
 */
final class PrefixSidJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private PrefixSidJson() {
    }

    static ObjectNode of(Attribute.PrefixSid p) {
        ObjectNode n = F.objectNode();
        for (PrefixSidTlv t : p.tlvs()) {
            switch (t) {
                case PrefixSidTlv.LabelIndex l -> n.put("sr-label-index", l.index());
                case PrefixSidTlv.OriginatorSrgb s -> {
                    ArrayNode ranges = n.putArray("sr-srgbs");
                    s.ranges().forEach(r -> ranges.addArray().add(r.base()).add(r.size()));
                }
                case PrefixSidTlv.Srv6Service s -> {
                    ArrayNode subs = n.putArray(s.l3() ? "l3-service" : "l2-service");
                    for (PrefixSidTlv.Srv6SubTlv sub : s.subTlvs()) {
                        switch (sub) {
                            case PrefixSidTlv.SidInformation i -> subs.add(sidInformation(i));
                            case PrefixSidTlv.OpaqueSubTlv o -> subs.addObject().put("type", o.type())
                                    .put("raw", Text.hex(o.value()).toLowerCase(java.util.Locale.ROOT));
                        }
                    }
                }
                case PrefixSidTlv.Opaque o -> n.put("attribute-not-implemented-" + o.type(), Text.hex0x(o.value()));
            }
        }
        return n;
    }

    private static ObjectNode sidInformation(PrefixSidTlv.SidInformation i) {
        ObjectNode n = F.objectNode();
        n.put("sid", i.sidText());
        n.put("flags", i.flags());
        n.put("endpoint_behavior", i.behavior());
        for (PrefixSidTlv.Srv6SubSubTlv ss : i.subSubTlvs()) {
            switch (ss) {
                case PrefixSidTlv.SidStructure x -> n.putObject("structure")
                        .put("locator-block-length", x.locatorBlock())
                        .put("locator-node-length", x.locatorNode())
                        .put("function-length", x.function())
                        .put("argument-length", x.argument())
                        .put("transposition-length", x.transpositionLength())
                        .put("transposition-offset", x.transpositionOffset());
                case PrefixSidTlv.OpaqueSubSubTlv o -> n.put("sub-sub-tlv-" + o.type(), Text.hex0x(o.value()));
            }
        }
        return n;
    }
}
