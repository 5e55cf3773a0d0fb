package dev.twinbgp.speaker.json;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.twinbgp.bgp.wire.family.Nlri;
import dev.twinbgp.bgp.wire.Update;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code "update"} object of {@link UpdateJson}, written straight into text for the common UPDATE - the
 * one a full table is made of - instead of a tree of nodes (one per route) serialised afterwards: the event
 * stream of a route collector is dominated by it (issue 18: 1M diverse routes took 3-5 s with the tree).
 * Same keys, order and values as the tree (a test compares the two over many UPDATEs); the attribute object,
 * small and varied, still comes from {@link AttributeJson}.
 *
 * <p>{@link #fits} leaves to the tree: End-of-RIB, treat-as-withdraw (RFC 7606), opaque NLRI, and two blocks
 * of one family in a message (they share a key there).
 */
final class UpdateLine {
    private static final JsonStringEncoder ESCAPE = JsonStringEncoder.getInstance();

    private UpdateLine() {
    }

    static boolean fits(Update u) {
        if (u.treatAsWithdraw() || u.isEndOfRib()) {
            return false;
        }
        return plainAndDistinct(u.announced()) && plainAndDistinct(u.withdrawnAll());
    }

    private static boolean plainAndDistinct(List<Nlri> blocks) {
        if (blocks.size() > 1) {
            Set<String> families = new HashSet<>();
            for (Nlri b : blocks) {
                if (!families.add(UpdateJson.familyName(b.family()))) {
                    return false;
                }
            }
        }
        for (Nlri b : blocks) {
            if (b.isOpaque()) {
                return false;
            }
        }
        return true;
    }

    /** Appends the update object; {@link #fits} must hold. */
    static void update(StringBuilder sb, Update u) {
        List<Nlri> withdrawn = u.withdrawnAll();
        List<Nlri> announced = u.announced();
        sb.append('{');
        int start = sb.length();
        if (!AttributeJson.appendText(sb, u.attributes(), !withdrawn.isEmpty(), false)) {
            ObjectNode attrs = AttributeJson.attributes(u.attributes(), !withdrawn.isEmpty());
            if (!attrs.isEmpty()) {
                sb.append("\"attribute\":").append(ExaJson.compact(attrs));
            }
        }
        boolean first = sb.length() == start;
        if (!announced.isEmpty()) {
            if (!first) {
                sb.append(',');
            }
            sb.append("\"announce\":{");
            for (int i = 0; i < announced.size(); i++) {
                Nlri block = announced.get(i);
                if (i > 0) {
                    sb.append(',');
                }
                string(sb, UpdateJson.familyName(block.family()));
                sb.append(":{");
                string(sb, UpdateJson.nextHop(u, block));
                sb.append(":[");
                routes(sb, block);
                sb.append("]}");
            }
            sb.append('}');
            first = false;
        }
        if (!withdrawn.isEmpty()) {
            if (!first) {
                sb.append(',');
            }
            sb.append("\"withdraw\":{");
            for (int i = 0; i < withdrawn.size(); i++) {
                Nlri block = withdrawn.get(i);
                if (i > 0) {
                    sb.append(',');
                }
                string(sb, UpdateJson.familyName(block.family()));
                sb.append(":[");
                routes(sb, block);
                sb.append(']');
            }
            sb.append('}');
        }
        sb.append('}');
    }

    /** {@code {"nlri":"P"}} per route, with {@code "path-information"} under ADD-PATH (RFC 7911 section 3). */
    private static void routes(StringBuilder sb, Nlri block) {
        if (!block.hasPathIds() && block.family().afi() == dev.twinbgp.bgp.wire.family.Family.AFI_IPV4) {
            int[] n = {0};
            block.forEachIpv4((id, address, length) -> {
                if (n[0]++ > 0) {
                    sb.append(',');
                }
                sb.append("{\"nlri\":\"").append(address >>> 24).append('.').append(address >>> 16 & 0xFF).append('.')
                        .append(address >>> 8 & 0xFF).append('.').append(address & 0xFF).append('/').append(length)
                        .append("\"}");
            });
            return;
        }
        int[] n = {0};
        block.forEach(p -> {
            if (n[0]++ > 0) {
                sb.append(',');
            }
            sb.append("{\"nlri\":");
            string(sb, p.prefixString());
            if (p.hasPathId()) {
                sb.append(",\"path-information\":");
                string(sb, Text.dotted(p.pathId()));
            }
            sb.append('}');
        });
    }

    /**
     * Compact JSON text in ExaBGP's one-line layout, as {@link ExaJson#line} writes a tree:
     * {@code { "key": value, "list": [ a, b ], "empty": { } }} - a space inside braces and brackets, after
     * {@code :} and {@code ,}; strings are copied as they are.
     */
    static String spaced(CharSequence compact) {
        StringBuilder out = new StringBuilder(compact.length() + compact.length() / 4);
        boolean inString = false;
        for (int i = 0; i < compact.length(); i++) {
            char c = compact.charAt(i);
            if (inString) {
                out.append(c);
                if (c == '\\') {
                    out.append(compact.charAt(++i));
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            switch (c) {
                case '"' -> {
                    inString = true;
                    out.append(c);
                }
                case '{', '[' -> {
                    char close = c == '{' ? '}' : ']';
                    if (i + 1 < compact.length() && compact.charAt(i + 1) == close) {
                        out.append(c).append(' ').append(close);
                        i++;
                    } else {
                        out.append(c).append(' ');
                    }
                }
                case '}', ']' -> out.append(' ').append(c);
                case ',', ':' -> out.append(c).append(' ');
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A JSON string, escaped as Jackson escapes it. */
    static void string(StringBuilder sb, String s) {
        sb.append('"');
        ESCAPE.quoteAsString(s, sb);
        sb.append('"');
    }
}
