package dev.twinbgp.speaker.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The commonest attribute text of an API route line read by hand, giving exactly the {@link RouteAttributes} that
 * {@link AttributeParser} gives for it - or null, and the caller takes the grammar (issue 18: tokenizing an API line
 * into {@link Token}s and parsing them was most of the reader thread's time for a table of 250,000 attribute sets).
 * <pre>
 *   next-hop 192.0.2.1 med 5 local-preference 200 origin igp as-path [ 65001 65002 ] community [ 65001:5 ]
 *   \______/ \_______/
 *   keyword    value      words separated by blanks; '[' and ']' are words of their own, as the tokenizer cuts them
 * </pre>
 * Read: {@code next-hop} (an address or {@code self}), {@code origin}, {@code med}, {@code local-preference},
 * {@code atomic-aggregate}, {@code as-path} (one AS, or one {@code [ ... ]} sequence), {@code community} and
 * {@code large-community} (numeric {@code A:B} / {@code A:B:C}, one or a {@code [ ... ]} list). A later keyword
 * replaces an earlier one, as in the grammar. Anything else - another keyword, a named or 32-bit community, a
 * character other than letters, digits, {@code . : - / [ ]} and the blank (so no tab, quote, comment, comma,
 * parenthesis or {@code ;}), a value the grammar would refuse - returns null: the grammar then reads the line and
 * words its error, so what this class accepts it accepts identically and everything else is untouched.
 * {@code AttributeTextTest} compares the two over generated texts.
 */
public final class AttributeText {
    private static final long MAX_UINT32 = 0xFFFFFFFFL;

    private final String text;
    private final int end;
    private int at;
    /** The current word: text[start, stop); stop == start at the end. */
    private int start;
    private int stop;

    private AttributeText(String text, int from, int end) {
        this.text = text;
        this.at = from;
        this.end = end;
    }

    /** The attributes written in {@code text[from, end)}, or null when the grammar must read them. */
    public static RouteAttributes parse(String text, int from, int end) {
        return new AttributeText(text, from, end).read();
    }

    /** The characters a word may have here (the blank, '[' and ']' end a word). */
    private static final boolean[] WORD = new boolean[128];

    static {
        for (char c = 0; c < WORD.length; c++) {
            WORD[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
                    || c == ':' || c == '-' || c == '/';
        }
    }

    /** A character that is none of the word characters, the blank, '[' and ']' was met: the grammar's line. */
    private boolean foreign;

    private RouteAttributes read() {
        RouteAttributes.Builder out = new RouteAttributes.Builder();
        while (word()) {
            if (is("next-hop")) {
                if (!word() || isMark()) {
                    return null;
                }
                if (is("self")) {
                    out.nextHop = Optional.of(new NextHop.Self());
                } else {
                    IpAddress address = address();
                    if (address == null) {
                        return null;
                    }
                    out.nextHop = Optional.of(new NextHop.Address(address));
                }
            } else if (is("med") || is("local-preference")) {
                boolean med = is("med");
                if (!word()) {
                    return null;
                }
                long value = number(start, stop, MAX_UINT32);
                if (value < 0) {
                    return null;
                }
                if (med) {
                    out.med = OptionalLong.of(value);
                } else {
                    out.localPreference = OptionalLong.of(value);
                }
            } else if (is("origin")) {
                if (!word()) {
                    return null;
                }
                Origin origin = isIgnoringCase("igp") ? Origin.IGP : isIgnoringCase("egp") ? Origin.EGP
                        : isIgnoringCase("incomplete") ? Origin.INCOMPLETE : null;
                if (origin == null) {
                    return null;
                }
                out.origin = Optional.of(origin);
            } else if (is("atomic-aggregate")) {
                out.atomicAggregate = true;
            } else if (is("as-path")) {
                List<AsPathSegment> path = asPath();
                if (path == null) {
                    return null;
                }
                out.asPath = Optional.of(path);
            } else if (is("community")) {
                List<Community> communities = new ArrayList<>();
                if (!list(communities, false)) {
                    return null;
                }
                out.communities = communities;
            } else if (is("large-community")) {
                List<LargeCommunity> communities = new ArrayList<>();
                if (!list(communities, true)) {
                    return null;
                }
                out.largeCommunities = communities;
            } else {
                return null;
            }
        }
        return foreign ? null : out.build();
    }

    /** Moves to the next word; false at the end, or at a foreign character (then {@link #foreign} is set). */
    private boolean word() {
        while (at < end && text.charAt(at) == ' ') {
            at++;
        }
        start = at;
        if (at == end) {
            stop = at;
            return false;
        }
        char c = text.charAt(at);
        if (c == '[' || c == ']') {
            at++;
        } else {
            while (at < end && (c = text.charAt(at)) != ' ' && c != '[' && c != ']') {
                if (c >= WORD.length || !WORD[c]) {
                    foreign = true;
                    at = end;
                    stop = start;
                    return false;
                }
                at++;
            }
        }
        stop = at;
        return true;
    }

    private boolean is(String word) {
        return stop - start == word.length() && text.startsWith(word, start);
    }

    private boolean isIgnoringCase(String word) {
        return stop - start == word.length() && text.regionMatches(true, start, word, 0, word.length());
    }

    private boolean isMark() {
        return stop - start == 1 && (text.charAt(start) == '[' || text.charAt(start) == ']');
    }

    /** The word as an address ({@link IpAddress#parse}, as the grammar reads it), or null. */
    private IpAddress address() {
        long ipv4 = IpAddress.ipv4Value(text, start, stop); // the common case, without cutting the word out
        if (ipv4 >= 0) {
            return IpAddress.ofIpv4(ipv4);
        }
        try {
            return IpAddress.parse(text.substring(start, stop));
        } catch (IllegalArgumentException notAnAddress) {
            return null;
        }
    }

    /**
     * {@code text[from, to)} as the grammar reads a decimal ({@code Values.decimal}: digits only, leading zeros
     * allowed) in 0..max, or -1 (more than 10 digits also -1: the grammar's answer is left to it).
     */
    private long number(int from, int to, long max) {
        if (to - from < 1 || to - from > 10) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value <= max ? value : -1;
    }

    /** {@code ASN} or {@code [ ASN ... ]} (one AS_SEQUENCE; empty: no segment); null for any other form. */
    private List<AsPathSegment> asPath() {
        if (!word() || is("]")) {
            return null;
        }
        List<AsPathSegment> segments = new ArrayList<>(1);
        if (!is("[")) {
            long asn = number(start, stop, MAX_UINT32);
            if (asn < 0) {
                return null;
            }
            segments.add(new AsPathSegment(AsPathSegment.Type.SEQUENCE, List.of(asn)));
            return segments;
        }
        List<Long> asns = new ArrayList<>();
        while (true) {
            if (!word() || is("[")) {
                return null;
            }
            if (is("]")) {
                break;
            }
            long asn = number(start, stop, MAX_UINT32);
            if (asn < 0) {
                return null;
            }
            asns.add(asn);
        }
        int saved = at;
        if (word() && is("[")) {
            return null; // a second segment: the grammar's
        }
        at = saved;
        if (!asns.isEmpty()) {
            segments.add(new AsPathSegment(AsPathSegment.Type.SEQUENCE, asns));
        }
        return segments;
    }

    /** {@code VALUE} or {@code [ VALUE ... ]} of communities ({@code large}: A:B:C, duplicates dropped). */
    @SuppressWarnings("unchecked")
    private <T> boolean list(List<T> out, boolean large) {
        if (!word() || is("]")) {
            return false;
        }
        if (!is("[")) {
            T value = (T) community(large);
            if (value == null) {
                return false;
            }
            out.add(value);
            return true;
        }
        while (true) {
            if (!word() || is("[")) {
                return false;
            }
            if (is("]")) {
                return true;
            }
            T value = (T) community(large);
            if (value == null) {
                return false;
            }
            if (!large || !out.contains(value)) {
                out.add(value);
            }
        }
    }

    /** The word as {@code A:B} (0-65535 each) or, {@code large}, {@code A:B:C} (0-4294967295 each); else null. */
    private Object community(boolean large) {
        int first = text.indexOf(':', start);
        if (first < 0 || first >= stop) {
            return null;
        }
        if (!large) {
            long high = number(start, first, 0xFFFF);
            long low = number(first + 1, stop, 0xFFFF);
            return high < 0 || low < 0 ? null : new Community((high << 16) | low);
        }
        int second = text.indexOf(':', first + 1);
        if (second < 0 || second >= stop) {
            return null;
        }
        long global = number(start, first, MAX_UINT32);
        long one = number(first + 1, second, MAX_UINT32);
        long two = number(second + 1, stop, MAX_UINT32);
        return global < 0 || one < 0 || two < 0 ? null : new LargeCommunity(global, one, two);
    }
}
