package dev.twinbgp.speaker.config;

/**
 * The commonest statement of a large configuration, a plain static route on one line, read from the raw line
 * instead of token by token (issue 18: a configuration of 1,000,000 such routes spent most of its start-up
 * cutting them into Tokens and parsing them):
 * <pre>
 *         route 16.0.0.0/24 next-hop 192.0.2.1 med 7 community [65000:1];  # what follows ';' is tokenized as ever
 *         \___/ \_________/ \_____________________________________/^
 *         token  prefix      attributes                              the statement's end, on the same line
 *               (PrefixText) (AttributeText)
 * </pre>
 * Read here: after the {@code route} token, blanks (spaces), a plain prefix ({@link PrefixText}), a space, and up to
 * the first {@code ;} of the line the commonest attributes ({@link AttributeText}: next-hop, origin, med,
 * local-preference, atomic-aggregate, as-path, community, large-community), with a next hop. Anything else - a
 * block {@code route P { ... }}, a statement over several lines, a tab, a quote, a comment, another keyword, a
 * value the grammar would refuse - consumes nothing, and the grammar reads the statement and words any error
 * ({@code file:line:column}, what was expected) exactly as before. So what this class accepts gives the route the
 * grammar gives, and everything else is untouched ({@code StaticRouteTextTest} compares the two).
 *
 * <p>Routes of a table repeat a few attribute sets (the benchmarks' diverse table changes it every 4 routes; a
 * health checker's table often has one): the last attribute text read is kept with its shared
 * {@link RouteAttributes}, so a route written with the same text as the one before has only its prefix read.
 * One per {@code static} block, not thread-safe.
 */
final class StaticRouteText {
    /** The characters of a plain prefix (IPv4 or IPv6, a length): anything else is the grammar's. */
    private static final boolean[] PREFIX = new boolean[128];

    static {
        for (char c = 0; c < PREFIX.length; c++) {
            PREFIX[c] = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '.'
                    || c == ':' || c == '/';
        }
    }

    private final NeighborDraft draft;
    /** The attribute text read last, and its attributes as the draft shares them; null before the first. */
    private String lastText;
    private RouteAttributes lastAttributes;

    StaticRouteText(NeighborDraft draft) {
        this.draft = draft;
    }

    /**
     * Reads the statement after the current token ({@code route}, which {@code in} peeks at) into the draft and
     * returns true, with {@code in} after its {@code ;}; or returns false with nothing consumed.
     */
    boolean read(TokenStream in) throws ConfigException {
        Tokenizer raw = in.raw();
        String text = raw.line();
        int n = text.length();
        int at = raw.offset();
        int start = at;
        while (at < n && text.charAt(at) == ' ') {
            at++;
        }
        if (at == start) {
            return false; // 'route' not followed by a space, or at the end of its line
        }
        int prefixStart = at;
        char c;
        while (at < n && (c = text.charAt(at)) < PREFIX.length && PREFIX[c]) {
            at++;
        }
        if (at == n || text.charAt(at) != ' ') {
            return false;
        }
        Prefix prefix = PrefixText.parse(text, prefixStart, at);
        int end = text.indexOf(';', at);
        if (prefix == null || end < 0) {
            return false;
        }
        RouteAttributes attributes;
        int length = end - at;
        if (lastText != null && lastText.length() == length && text.startsWith(lastText, at)) {
            attributes = lastAttributes;
        } else {
            RouteAttributes read = AttributeText.parse(text, at, end);
            if (read == null || read.nextHop().isEmpty()) {
                return false; // the grammar's, with its error ("next-hop (route P has no next hop)") if any
            }
            // RouteParser.finish's other checks never apply: AttributeText gives no rd, label or split
            attributes = draft.share(read);
            lastText = text.substring(at, end);
            lastAttributes = attributes;
        }
        RouteConfig route = new RouteConfig(prefix, attributes);
        Token prefixToken = prefix.address().isIpv4() ? null // the draft keeps no token for IPv4 unicast
                : new Token(raw.source(), raw.lineNumber(), prefixStart + 1, text.substring(prefixStart, at), false);
        draft.addShared(route, prefixToken);
        in.skipTo(end + 1);
        return true;
    }
}
