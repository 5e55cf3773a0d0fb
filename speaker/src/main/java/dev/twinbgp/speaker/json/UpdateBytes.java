package dev.twinbgp.speaker.json;

import dev.twinbgp.bgp.wire.Bytes;
import dev.twinbgp.bgp.wire.Update;
import dev.twinbgp.bgp.wire.attribute.Attribute;
import dev.twinbgp.bgp.wire.attribute.AttributeScan;
import dev.twinbgp.bgp.wire.attribute.Attributes;
import dev.twinbgp.bgp.wire.family.Nlri;
import dev.twinbgp.bgp.wire.family.Prefix;
import java.nio.charset.StandardCharsets;

/**
 * The {@code "update"} object of an IPv4 unicast UPDATE written as octets in ExaBGP's spaced one-line layout
 * straight from what was received - the attributes from their wire octets, the prefixes from the NLRI fields -
 * with no attribute object decoded, no tree and no {@code String} (issue 18: a route collector's 1M-route
 * table as events). The same line, byte for byte, as the tree gives ({@code UpdateLineTest} compares them).
 *
 * <p>Taken when the UPDATE has no MP_REACH/MP_UNREACH (RFC 4760), is not an End-of-RIB or to be treated as
 * withdraw (RFC 7606), and its attributes are none or octets {@link AttributeScan#acceptsEach} takes: ORIGIN,
 * AS_PATH, NEXT_HOP, MED, LOCAL_PREF, ATOMIC_AGGREGATE, AGGREGATOR, COMMUNITIES, ORIGINATOR_ID, CLUSTER_LIST,
 * EXTENDED_COMMUNITIES, LARGE_COMMUNITY with their RFC flags, in ascending type order, each well-formed - so
 * the octets read below need no check, and there is no AS4_PATH / AS4_AGGREGATOR to merge (RFC 6793 section
 * 4.2.3). Anything else: {@link #update} writes nothing and says false, and the caller formats the tree.
 * <pre>
 *   attribute:  flags (1) | type (1) | length (1) | value      (no Extended Length: the scan refuses it)
 *   AS_PATH value: segment type (1) | count (1) | count AS numbers of 2 or 4 octets, repeated
 * </pre>
 */
final class UpdateBytes {
    private static final byte[] ATTRIBUTE = ascii("\"attribute\": { ");
    private static final byte[] ORIGIN = ascii("\"origin\": \"");
    private static final byte[][] ORIGINS = {ascii("igp\""), ascii("egp\""), ascii("incomplete\"")};
    private static final byte[] AS_PATH = ascii("\"as-path\": { ");
    private static final byte[] ELEMENT = ascii("\": { \"element\": \"");
    private static final byte[][] SEGMENTS = {null, ascii("as-set"), ascii("as-sequence"), ascii("confed-sequence"),
            ascii("confed-set")};
    private static final byte[] VALUE = ascii("\", \"value\": [ ");
    private static final byte[] NEXT_HOP = ascii("\"next-hop\": \"");
    private static final byte[] MED = ascii("\"med\": ");
    private static final byte[] LOCAL_PREF = ascii("\"local-preference\": ");
    private static final byte[] ATOMIC = ascii("\"atomic-aggregate\": true");
    private static final byte[] AGGREGATOR = ascii("\"aggregator\": \"");
    private static final byte[] COMMUNITY = ascii("\"community\": [ ");
    private static final byte[] ORIGINATOR = ascii("\"originator-id\": \"");
    private static final byte[] CLUSTER = ascii("\"cluster-list\": [ ");
    private static final byte[] EXTENDED = ascii("\"extended-community\": [ ");
    private static final byte[] EXTENDED_VALUE = ascii("{ \"value\": ");
    private static final byte[] EXTENDED_STRING = ascii(", \"string\": \"");
    private static final byte[] LARGE = ascii("\"large-community\": [ ");
    private static final byte[] ANNOUNCE = ascii("\"announce\": { \"ipv4 unicast\": { \"");
    private static final byte[] NULL_NEXT_HOP = ascii("null");
    private static final byte[] ROUTES = ascii("\": [ ");
    private static final byte[] WITHDRAW = ascii("\"withdraw\": { \"ipv4 unicast\": [ ");
    private static final byte[] NLRI = ascii("{ \"nlri\": \"");
    private static final byte[] PATH_ID = ascii("\", \"path-information\": \"");
    private static final byte[] ROUTE_END = ascii("\" }");
    private static final byte[] LIST_END = ascii(" ]");
    private static final byte[] OBJECT_END = ascii(" }");
    private static final byte[] SEPARATOR = ascii(", ");

    /** The attribute octets of the UPDATE being written (copied: {@link Attributes} lends no array). */
    private byte[] octets = new byte[4096];
    /** The NLRI field being written (copied, as the attributes). */
    private byte[] prefixes = new byte[256];
    /** Communities, extended communities, large communities being sorted. */
    private long[] values = new long[64];
    private JsonBytes out;
    /** The last neighbor's update head ({@link ExaJson#updateHeadOf}) and whose it is: no map lookup per line. */
    private ExaJson headJson;
    private NeighborContext headNeighbor;
    private byte[][] head;

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * {@code json}'s {@link ExaJson#updateHeadOf} for {@code neighbor}: the one of the line before when it is the same
     * neighbor (the same object: each peer's lines carry one), else looked up - hashing a neighbor block (five
     * fields) per line was 2 % of the event writer's time (issue 18, "evcpu").
     */
    byte[][] head(ExaJson json, NeighborContext neighbor) {
        if (neighbor != headNeighbor || json != headJson) {
            head = json.updateHeadOf(neighbor);
            headJson = json;
            headNeighbor = neighbor;
        }
        return head;
    }

    /** Whether {@link #update} writes {@code u}, without writing anything. */
    static boolean fits(Update u) {
        if (u.mpReach().isPresent() || u.mpUnreach().isPresent() || u.treatAsWithdraw() || u.isEndOfRib()) {
            return false;
        }
        Attributes a = u.attributes();
        return a.isEmpty() || a.receivedLength() >= 0;
    }

    /**
     * Appends the update object ({@code { .. }}) of {@code u} to {@code sink} and returns true; or returns
     * false, having written nothing, when {@code u} is not one it writes (see the class comment).
     */
    boolean update(JsonBytes sink, Update u) {
        return fits(u) && fitting(sink, u);
    }

    /** {@link #update} of an UPDATE that {@link #fits} (the caller checked: not twice per line). */
    boolean fitting(JsonBytes sink, Update u) {
        Attributes attrs = u.attributes();
        int alen = attrs.isEmpty() ? 0 : attrs.receivedLength();
        if (alen > octets.length) {
            octets = new byte[Math.max(alen, octets.length * 2)];
        }
        if (alen > 0) {
            attrs.copyReceived(octets, 0);
            if (!AttributeScan.acceptsEach(octets, 0, alen, attrs.receivedAsn4())) {
                return false;
            }
        }
        int mark = sink.length();
        out = sink;
        try {
            if (!write(u, alen, alen > 0 && attrs.receivedAsn4())) {
                sink.truncate(mark);
                return false;
            }
            return true;
        } finally {
            out = null;
        }
    }

    private boolean write(Update u, int alen, boolean asn4) {
        Nlri withdrawn = u.withdrawn();
        Nlri announced = u.nlri();
        out.append((byte) '{');
        int open = out.length();
        if (!attributes(alen, asn4, !withdrawn.isEmpty())) {
            return false;
        }
        if (!announced.isEmpty()) {
            separate(open);
            out.append(ANNOUNCE);
            int nh = find(alen, Attribute.NEXT_HOP);
            if (nh < 0) {
                out.append(NULL_NEXT_HOP);
            } else {
                out.dotted(Bytes.s32(octets, nh));
            }
            out.append(ROUTES);
            routes(announced);
            out.append(LIST_END).append(OBJECT_END).append(OBJECT_END);
        }
        if (!withdrawn.isEmpty()) {
            separate(open);
            out.append(WITHDRAW);
            routes(withdrawn);
            out.append(LIST_END).append(OBJECT_END);
        }
        if (out.length() == open) {
            out.append((byte) ' ').append((byte) '}'); // an empty object: "{ }", as the tree's layout
        } else {
            out.append(OBJECT_END);
        }
        return true;
    }

    /** {@code ", "} unless nothing was written since {@code open}, else a space after the opening brace. */
    private void separate(int open) {
        if (out.length() == open) {
            out.append((byte) ' ');
        } else {
            out.append(SEPARATOR);
        }
    }

    /** The value offset of the attribute of type {@code type}, or -1. */
    private int find(int alen, int type) {
        int p = 0;
        while (p < alen) {
            int t = octets[p + 1] & 0xFF;
            if (t == type) {
                return p + 3;
            }
            p += 3 + (octets[p + 2] & 0xFF);
        }
        return -1;
    }

    /** The attribute object, after {@code "{ "} or nothing; false when something must take the tree instead. */
    private boolean attributes(int alen, boolean asn4, boolean withNextHop) {
        if (alen == 0) {
            return true;
        }
        int start = out.length();
        out.append((byte) ' ').append(ATTRIBUTE);
        int open = out.length();
        int p = 0;
        while (p < alen) {
            int type = octets[p + 1] & 0xFF;
            int len = octets[p + 2] & 0xFF;
            int v = p + 3;
            p = v + len;
            if (type == Attribute.NEXT_HOP && !withNextHop || type == Attribute.AS_PATH && len == 0) {
                continue; // NEXT_HOP keys the announced routes; an empty AS_PATH (iBGP) is left out
            }
            if (out.length() > open) {
                out.append(SEPARATOR);
            }
            switch (type) {
                case Attribute.ORIGIN -> out.append(ORIGIN).append(ORIGINS[octets[v]]);
                case Attribute.AS_PATH -> asPath(v, len, asn4 ? 4 : 2);
                case Attribute.NEXT_HOP -> out.append(NEXT_HOP).dotted(Bytes.s32(octets, v)).append((byte) '"');
                case Attribute.MULTI_EXIT_DISC -> out.append(MED).number(Bytes.u32(octets, v));
                case Attribute.LOCAL_PREF -> out.append(LOCAL_PREF).number(Bytes.u32(octets, v));
                case Attribute.ATOMIC_AGGREGATE -> out.append(ATOMIC);
                case Attribute.AGGREGATOR -> {
                    out.append(AGGREGATOR).number(asn4 ? Bytes.u32(octets, v) : Bytes.u16(octets, v)).append((byte) ':');
                    out.dotted(Bytes.s32(octets, v + (asn4 ? 4 : 2))).append((byte) '"');
                }
                case Attribute.COMMUNITIES -> communities(v, len);
                case Attribute.ORIGINATOR_ID -> out.append(ORIGINATOR).dotted(Bytes.s32(octets, v)).append((byte) '"');
                case Attribute.CLUSTER_LIST -> {
                    out.append(CLUSTER);
                    for (int i = 0; i < len; i += 4) {
                        if (i > 0) {
                            out.append(SEPARATOR);
                        }
                        out.append((byte) '"').dotted(Bytes.s32(octets, v + i)).append((byte) '"');
                    }
                    out.append(LIST_END);
                }
                case Attribute.EXTENDED_COMMUNITIES -> {
                    if (!extended(v, len)) {
                        return false;
                    }
                }
                case Attribute.LARGE_COMMUNITY -> large(v, len);
                default -> {
                    return false; // never: the scan takes no other type
                }
            }
        }
        if (out.length() == open) {
            out.truncate(start); // nothing to show: no "attribute" key, as the tree leaves out an empty object
        } else {
            out.append(OBJECT_END);
        }
        return true;
    }

    /** {@code "as-path": { "0": { "element": "as-sequence", "value": [ 1, 2 ] }, .. }}, a key per segment. */
    private void asPath(int v, int len, int asSize) {
        out.append(AS_PATH);
        int end = v + len;
        int p = v;
        for (int i = 0; p < end; i++) {
            int type = octets[p] & 0xFF;
            int n = octets[p + 1] & 0xFF;
            p += 2;
            if (i > 0) {
                out.append(SEPARATOR);
            }
            out.append((byte) '"').number(i).append(ELEMENT).append(SEGMENTS[type]).append(VALUE);
            for (int k = 0; k < n; k++, p += asSize) {
                if (k > 0) {
                    out.append(SEPARATOR);
                }
                out.number(asSize == 4 ? Bytes.u32(octets, p) : Bytes.u16(octets, p));
            }
            out.append(LIST_END).append(OBJECT_END);
        }
        out.append(OBJECT_END);
    }

    /** RFC 1997: {@code [ [ asn, value ], .. ]}, sorted, duplicates removed (as ExaBGP lists them). */
    private void communities(int v, int len) {
        int n = len / 4; // at most 63: a one-octet length
        long[] s = values(2 * n);
        for (int i = 0; i < n; i++) {
            s[i] = Bytes.u32(octets, v + 4 * i) << 6 | i; // the value, then its place: every key distinct
        }
        rankSort(s, n);
        for (int i = 0; i < n; i++) {
            s[i] = s[n + i] >>> 6;
        }
        n = distinct(s, n);
        out.append(COMMUNITY);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                out.append(SEPARATOR);
            }
            out.append((byte) '[').append((byte) ' ').number(s[i] >>> 16).append(SEPARATOR).number(s[i] & 0xFFFF)
                    .append(LIST_END);
        }
        out.append(LIST_END);
    }

    /**
     * Sorts the distinct keys {@code s[0..n)} (0 .. 2^62) into {@code s[n..2n)}: each goes to the place of the
     * number of keys below it. Without a branch on the data or a loop bound that depends on it - an insertion sort's
     * inner loop (down to where the value belongs) hit a {@code loop_limit_check} trap in every cold transfer with
     * events, and C2 compiled the communities writer a second time (issue 18, "evcpu"). A few communities per
     * UPDATE: n squared steps are nothing.
     */
    static void rankSort(long[] s, int n) {
        for (int i = 0; i < n; i++) {
            long x = s[i];
            int below = 0;
            for (int j = 0; j < n; j++) {
                below += (int) ((s[j] - x) >>> 63); // 1 when s[j] < x (no overflow below 2^62)
            }
            s[n + below] = x;
        }
    }

    /**
     * Drops the repeats from the sorted {@code s[0..n)} and returns how many values are left - without a branch on
     * a repeat: a peer repeats a community in perhaps one UPDATE of thousands, so C2 compiles such a branch as an
     * uncommon trap and throws the whole compiled formatter away at the first repeat (issue 18: 3-7 compilations
     * of {@link #attributes} per cold transfer with events).
     */
    static int distinct(long[] s, int n) {
        int k = Math.min(n, 1);
        for (int i = 1; i < n; i++) {
            long x = s[i];
            long d = x ^ s[k - 1];
            s[k] = x;
            k += (int) ((d | -d) >>> 63); // 1 when x differs from the last kept value, else 0
        }
        return k;
    }

    /**
     * RFC 4360: {@code [ { "value": N, "string": ".." }, .. ]}, sorted as unsigned 64-bit values, duplicates
     * removed. False for a string that would need escaping (never seen: the tree handles it then).
     */
    private boolean extended(int v, int len) {
        int n = len / 8;
        long[] s = values(n);
        for (int i = 0; i < n; i++) {
            s[i] = Bytes.s64(octets, v + 8 * i) ^ Long.MIN_VALUE; // sorts as unsigned
        }
        sort(s, n);
        out.append(EXTENDED);
        for (int i = 0; i < n; i++) {
            if (i > 0 && s[i] == s[i - 1]) {
                continue;
            }
            long value = s[i] ^ Long.MIN_VALUE;
            if (i > 0) {
                out.append(SEPARATOR);
            }
            out.append(EXTENDED_VALUE);
            if (value >= 0) {
                out.number(value);
            } else {
                out.append(Long.toUnsignedString(value));
            }
            out.append(EXTENDED_STRING);
            String text = ExtendedCommunityText.of(value);
            for (int c = 0; c < text.length(); c++) {
                char ch = text.charAt(c);
                if (ch < 0x20 || ch >= 0x7F || ch == '"' || ch == '\\') {
                    return false;
                }
                out.append((byte) ch);
            }
            out.append(ROUTE_END);
        }
        out.append(LIST_END);
        return true;
    }

    /** RFC 8092: {@code [ [ global, local1, local2 ], .. ]}, sorted, duplicates removed. */
    private void large(int v, int len) {
        int n = len / 12;
        long[] s = values(3 * n);
        for (int i = 0; i < 3 * n; i++) {
            s[i] = Bytes.u32(octets, v + 4 * i);
        }
        // at most 21 of them (one-octet length): an insertion sort of the triples
        for (int i = 1; i < n; i++) {
            for (int j = i; j > 0 && compareLarge(s, j - 1, j) > 0; j--) {
                for (int k = 0; k < 3; k++) {
                    long t = s[3 * j + k];
                    s[3 * j + k] = s[3 * (j - 1) + k];
                    s[3 * (j - 1) + k] = t;
                }
            }
        }
        out.append(LARGE);
        for (int i = 0; i < n; i++) {
            if (i > 0 && compareLarge(s, i - 1, i) == 0) {
                continue;
            }
            if (i > 0) {
                out.append(SEPARATOR);
            }
            out.append((byte) '[').append((byte) ' ').number(s[3 * i]).append(SEPARATOR).number(s[3 * i + 1])
                    .append(SEPARATOR).number(s[3 * i + 2]).append(LIST_END);
        }
        out.append(LIST_END);
    }

    /** Sorts {@code s[0..n)}: an insertion sort, at most 63 values (a one-octet length) and mostly a few. */
    private static void sort(long[] s, int n) {
        for (int i = 1; i < n; i++) {
            long x = s[i];
            int j = i - 1;
            while (j >= 0 && s[j] > x) {
                s[j + 1] = s[j];
                j--;
            }
            s[j + 1] = x;
        }
    }

    private static int compareLarge(long[] s, int a, int b) {
        for (int k = 0; k < 3; k++) {
            int c = Long.compare(s[3 * a + k], s[3 * b + k]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private long[] values(int n) {
        if (n > values.length) {
            values = new long[Math.max(n, values.length * 2)];
        }
        return values;
    }

    /**
     * {@code { "nlri": "P" }} per route, with {@code "path-information"} under ADD-PATH (RFC 7911 section 3): the
     * NLRI field read here, not through {@link Nlri#forEachIpv4} - the loop thread's Adj-RIB-In calls that with its
     * own visitors, and a third one from this thread made its call site polymorphic and had C2 compile it 3-4 times
     * in a cold transfer with events (issue 18, "evcpu"). The field was checked when the UPDATE was decoded.
     * <pre>
     *   route:  [path identifier (4), ADD-PATH only] | length in bits (1) | the prefix's (bits + 7) / 8 octets
     * </pre>
     */
    private void routes(Nlri block) {
        int n = block.wireLength();
        if (n > prefixes.length) {
            prefixes = new byte[Math.max(n, prefixes.length * 2)];
        }
        byte[] b = prefixes;
        block.writeTo(b, 0);
        boolean ids = block.hasPathIds();
        int p = 0;
        while (p < n) {
            if (p > 0) {
                out.append(SEPARATOR);
            }
            long id = Prefix.NO_PATH_ID;
            if (ids) {
                id = Bytes.u32(b, p);
                p += 4;
            }
            int bits = b[p++] & 0xFF;
            int address = Nlri.ipv4Address(b, p, bits);
            p += (bits + 7) >>> 3;
            out.append(NLRI).dotted(address).append((byte) '/').number(bits);
            if (id != Prefix.NO_PATH_ID) {
                out.append(PATH_ID).dotted((int) id);
            }
            out.append(ROUTE_END);
        }
    }
}
