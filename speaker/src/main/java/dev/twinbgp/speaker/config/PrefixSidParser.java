package dev.twinbgp.speaker.config;

import dev.twinbgp.bgp.wire.attribute.Attribute;
import dev.twinbgp.bgp.wire.attribute.PrefixSidTlv;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * ExaBGP's grammar of the BGP Prefix-SID attribute (its {@code prefix_sid} and {@code prefix_sid_srv6}) and of AIGP.
 * Commas separate numbers whether or not blanks surround them ({@code 300,} and {@code ( 800000,4096 )} are read
 * as ExaBGP reads them).
 * <pre>
 * bgp-prefix-sid [ 777 ]                                        Label-Index TLV (RFC 8669 section 3.1)
 * bgp-prefix-sid [ 300, [ ( 800000,4096 ), ( 1000000,5000 ) ] ] and an Originator SRGB TLV (section 3.2)
 * bgp-prefix-sid-srv6 ( l3-service 2001:db8:1:: )               SRv6 L3 Service TLV (RFC 9252 section 2), one SID
 *                                                               Information Sub-TLV, endpoint behavior 0xFFFF
 * bgp-prefix-sid-srv6 ( l2-service 2001:db8:1:: 0x15 )          SRv6 L2 Service TLV, behavior 0x15
 * bgp-prefix-sid-srv6 ( l3-service SID 0x13 [48,16,0,0,16,64] ) and a SID Structure Sub-Sub-TLV (section 3.2.1)
 * aigp 100 | aigp 0x64                                          AIGP TLV (RFC 7311 section 3), unsigned 64 bits
 * </pre>
 */
final class PrefixSidParser {
    /** RFC 8986 section 8: the endpoint behavior ExaBGP sends when none is written ("opaque"). */
    static final int OPAQUE_BEHAVIOR = 0xFFFF;

    private static final String LABEL_INDEX = "a label index (0-4294967295)";
    private static final String SRGB = "an SRGB ( BASE,RANGE ), 24 bits each";
    private static final String SERVICE = "l3-service or l2-service";
    private static final String BEHAVIOR = "an endpoint behavior (0-65535 or 0x0-0xffff), '[' or ')'";
    private static final String STRUCTURE = "the SID structure [ BLOCK,NODE,FUNCTION,ARGUMENT,TPOSE-LENGTH,TPOSE-OFFSET ]"
            + " (0-255 each)";
    private static final String AIGP = "an AIGP metric (0-18446744073709551615 or 0x and up to 16 hex digits)";

    private PrefixSidParser() {
    }

    /** {@code [ INDEX ]} or {@code [ INDEX, [ ( BASE,RANGE ) ... ] ]}. */
    static Attribute.PrefixSid mpls(TokenStream in) throws ConfigException {
        in.expect("[");
        List<Long> index = numbers(in, in.value(LABEL_INDEX), Values.MAX_UINT32, LABEL_INDEX);
        if (index.size() != 1) {
            throw ConfigException.unexpected(in.peek(), LABEL_INDEX);
        }
        List<PrefixSidTlv> tlvs = new ArrayList<>(2);
        tlvs.add(new PrefixSidTlv.LabelIndex(0, index.get(0)));
        skipCommas(in);
        if (in.accept("[")) {
            List<PrefixSidTlv.SrgbRange> ranges = new ArrayList<>();
            while (!in.accept("]")) {
                skipCommas(in);
                if (in.accept("]")) {
                    break;
                }
                in.expect("(");
                List<Long> pair = new ArrayList<>(2);
                while (!in.peek().is(")")) {
                    pair.addAll(numbers(in, in.value(SRGB + " or ')'"), 0xFFFFFF, SRGB));
                }
                Token close = in.expect(")");
                if (pair.size() != 2) {
                    throw ConfigException.unexpected(close, SRGB);
                }
                ranges.add(new PrefixSidTlv.SrgbRange(pair.get(0).intValue(), pair.get(1).intValue()));
            }
            if (ranges.isEmpty()) {
                throw ConfigException.unexpected(in.peek(), SRGB);
            }
            tlvs.add(new PrefixSidTlv.OriginatorSrgb(0, ranges));
            skipCommas(in);
        }
        in.expect("]");
        return new Attribute.PrefixSid(tlvs);
    }

    /** {@code ( l3-service|l2-service SID [ BEHAVIOR [ [ six lengths ] ] ] )}. */
    static Attribute.PrefixSid srv6(TokenStream in) throws ConfigException {
        in.expect("(");
        Token service = in.value(SERVICE);
        int type = switch (service.quoted() ? "" : service.text()) {
            case "l3-service" -> PrefixSidTlv.SRV6_L3_SERVICE;
            case "l2-service" -> PrefixSidTlv.SRV6_L2_SERVICE;
            default -> throw ConfigException.unexpected(service, SERVICE);
        };
        Token sidToken = in.value("an IPv6 SID");
        IpAddress sid = Values.ip(sidToken, "an IPv6 SID");
        if (sid.isIpv4()) {
            throw ConfigException.unexpected(sidToken, "an IPv6 SID");
        }
        int behavior = OPAQUE_BEHAVIOR;
        List<PrefixSidTlv.Srv6SubSubTlv> structure = new ArrayList<>(1);
        if (!in.peek().is(")")) {
            behavior = (int) Values.decimalOrHex(in.value(BEHAVIOR), 0xFFFF, BEHAVIOR);
            if (in.accept("[")) {
                List<Long> v = new ArrayList<>(6);
                while (!in.peek().is("]")) {
                    v.addAll(numbers(in, in.value(STRUCTURE), 0xFF, STRUCTURE));
                }
                Token close = in.expect("]");
                if (v.size() != 6) {
                    throw ConfigException.unexpected(close, STRUCTURE);
                }
                structure.add(new PrefixSidTlv.SidStructure(v.get(0).intValue(), v.get(1).intValue(), v.get(2).intValue(),
                        v.get(3).intValue(), v.get(4).intValue(), v.get(5).intValue()));
            }
        }
        in.expect(")");
        return new Attribute.PrefixSid(List.of(new PrefixSidTlv.Srv6Service(type, List.of(
                new PrefixSidTlv.SidInformation(sid.bytes(), 0, behavior, structure)))));
    }

    /** {@code aigp N}: decimal or {@code 0x} hex, unsigned 64 bits (kept in a long's bits). */
    static long aigp(Token token) throws ConfigException {
        String text = token.quoted() ? "" : token.text().toLowerCase(Locale.ROOT);
        try {
            if (text.startsWith("0x") && text.length() > 2 && text.length() <= 18) {
                return Long.parseUnsignedLong(text.substring(2), 16);
            }
            if (!text.isEmpty() && text.chars().allMatch(Character::isDigit)) {
                return Long.parseUnsignedLong(text);
            }
        } catch (NumberFormatException tooLarge) {
            // below
        }
        throw ConfigException.unexpected(token, AIGP);
    }

    /** The comma-separated numbers of one token ({@code 300,} or {@code 800000,4096}); a lone comma gives none. */
    private static List<Long> numbers(TokenStream in, Token token, long max, String expected) throws ConfigException {
        List<Long> out = new ArrayList<>(2);
        int column = token.column();
        for (String part : token.text().split(",", -1)) {
            if (!part.isEmpty()) {
                out.add(Values.decimal(new Token(token.source(), token.line(), column, part, false), max, expected));
            }
            column += part.length() + 1;
        }
        return out;
    }

    private static void skipCommas(TokenStream in) throws ConfigException {
        while (in.accept(",")) {
            // separators
        }
    }

    /** ExaBGP's text of a Prefix-SID the grammar above can write, or null (TLVs it has no syntax for). */
    static String text(Attribute.PrefixSid p) {
        List<PrefixSidTlv> tlvs = p.tlvs();
        if (!tlvs.isEmpty() && tlvs.get(0) instanceof PrefixSidTlv.LabelIndex index) {
            if (tlvs.size() == 1) {
                return "bgp-prefix-sid [ " + index.index() + " ]";
            }
            if (tlvs.size() == 2 && tlvs.get(1) instanceof PrefixSidTlv.OriginatorSrgb srgb) {
                return "bgp-prefix-sid [ " + index.index() + ", [ " + String.join(", ", srgb.ranges().stream()
                        .map(r -> "( " + r.base() + "," + r.size() + " )").toList()) + " ] ]";
            }
            return null;
        }
        if (tlvs.size() == 1 && tlvs.get(0) instanceof PrefixSidTlv.Srv6Service s && s.subTlvs().size() == 1
                && s.subTlvs().get(0) instanceof PrefixSidTlv.SidInformation i && i.subSubTlvs().size() <= 1) {
            StringBuilder sb = new StringBuilder("bgp-prefix-sid-srv6 ( ").append(s.l3() ? "l3-service " : "l2-service ")
                    .append(i.sidText());
            if (i.behavior() != OPAQUE_BEHAVIOR || !i.subSubTlvs().isEmpty()) {
                sb.append(" 0x").append(Integer.toHexString(i.behavior()));
            }
            if (!i.subSubTlvs().isEmpty()) {
                if (!(i.subSubTlvs().get(0) instanceof PrefixSidTlv.SidStructure x)) {
                    return null;
                }
                sb.append(" [").append(x.locatorBlock()).append(',').append(x.locatorNode()).append(',')
                        .append(x.function()).append(',').append(x.argument()).append(',')
                        .append(x.transpositionLength()).append(',').append(x.transpositionOffset()).append(']');
            }
            return sb.append(" )").toString();
        }
        return null;
    }
}
