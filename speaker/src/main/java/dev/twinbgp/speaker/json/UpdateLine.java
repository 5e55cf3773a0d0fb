package dev.twinbgp.speaker.json;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.twinbgp.bgp.wire.family.Nlri;
import dev.twinbgp.bgp.wire.Update;
import java.util.Arrays;
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
            // Plain prefixes only: a family with a codec of its own (FlowSpec, ...) is written by its codec's JSON.
            if (b.isOpaque() || !Nlri.hasPrefixEncoding(b.family())) {
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
        // On arrays, not StringBuilder.append per character: this pass was half the cost of an UPDATE's line
        // (JFR, 1M diverse routes with --events; issue 18).
        int n = compact.length();
        char[] in = new char[n];
        if (compact instanceof StringBuilder sb) {
            sb.getChars(0, n, in, 0);
        } else {
            compact.toString().getChars(0, n, in, 0);
        }
        char[] out = new char[n + (n >> 1) + 8];
        int o = 0;
        boolean inString = false;
        for (int i = 0; i < n; i++) {
            if (o + 3 > out.length) {
                out = Arrays.copyOf(out, out.length * 2);
            }
            char c = in[i];
            if (inString) {
                out[o++] = c;
                if (c == '\\') {
                    if (i + 1 < n) {
                        out[o++] = in[++i];
                    }
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            switch (c) {
                case '"' -> {
                    inString = true;
                    out[o++] = c;
                }
                case '{', '[' -> {
                    char close = c == '{' ? '}' : ']';
                    out[o++] = c;
                    out[o++] = ' ';
                    if (i + 1 < n && in[i + 1] == close) {
                        out[o++] = close;
                        i++;
                    }
                }
                case '}', ']' -> {
                    out[o++] = ' ';
                    out[o++] = c;
                }
                case ',', ':' -> {
                    out[o++] = c;
                    out[o++] = ' ';
                }
                default -> out[o++] = c;
            }
        }
        return new String(out, 0, o);
    }

    /** A JSON string, escaped as Jackson escapes it. */
    static void string(StringBuilder sb, String s) {
        sb.append('"');
        ESCAPE.quoteAsString(s, sb);
        sb.append('"');
    }
}
