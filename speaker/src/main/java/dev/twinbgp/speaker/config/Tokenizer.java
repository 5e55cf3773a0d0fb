package dev.twinbgp.speaker.config;

import java.io.IOException;

/**
 * Splits ExaBGP configuration text into {@link Token}s, one at a time ({@link #next}), from its {@link Lines}, so
 * a configuration of a million routes is neither held whole nor as a list of ten million tokens (issue 18: the
 * whole-file token list took most of a 1M-route configuration's 1.9 GB).
 * <ul>
 *   <li>{@code { } [ ] ( ) ;} are tokens on their own, so {@code [0x04} is {@code [} then {@code 0x04};</li>
 *   <li>{@code "..."} or {@code '...'} is one token without its quotes (it may contain blanks);</li>
 *   <li>{@code #} at the start of a token starts a comment running to the end of the line;</li>
 *   <li>{@code \} ending a line (blanks may follow it) continues the statement on the next line, as ExaBGP's
 *       examples write long routes ({@code vpls \ rd 1:1 \ ...}).</li>
 * </ul>
 * Never throws on any input except for an unterminated quote, reported as a {@link ConfigException} when the
 * tokenizer reaches it (and a read error of the file, as an unreadable configuration).
 */
final class Tokenizer {
    private static final String PUNCTUATION = "{}[]();";
    private static final String[] PUNCTUATION_TEXT = {"{", "}", "[", "]", "(", ")", ";"};
    /** What an ASCII character is to the tokenizer (a table: the loop runs once per character of the file). */
    private static final byte OTHER = 0;
    private static final byte BLANK = 1;
    private static final byte MARK = 2;
    private static final byte[] KIND = new byte[128];

    static {
        for (char c = 0; c < KIND.length; c++) {
            KIND[c] = Character.isWhitespace(c) ? BLANK : PUNCTUATION.indexOf(c) >= 0 ? MARK : OTHER;
        }
    }

    private final String source;
    private final Lines lines;
    private String text;
    private int n;
    private int i;
    private int line;

    Tokenizer(String source, Lines lines) throws ConfigException {
        this.source = source;
        this.lines = lines;
        this.text = nextLine();
        this.n = text.length();
        this.line = 1;
    }

    /** The next token; the end marker (again) once the text is used up. */
    Token next() throws ConfigException {
        while (true) {
            if (i == n) {
                String following = nextLine();
                if (following == null) {
                    return Token.end(source, line, i + 1);
                }
                text = following;
                n = following.length();
                i = 0;
                line++;
                continue;
            }
            char c = text.charAt(i);
            if (isBlank(c)) {
                i++;
            } else if (c == '\\' && continuesLine(i + 1)) {
                i++;
            } else if (c == '#') {
                i = n;
            } else {
                int mark = PUNCTUATION.indexOf(c);
                if (mark >= 0) {
                    return new Token(source, line, ++i, PUNCTUATION_TEXT[mark], false);
                }
                if (c == '"' || c == '\'') {
                    int close = text.indexOf(c, i + 1);
                    if (close < 0) {
                        throw ConfigException.unexpected(source, line, i + 1, text.substring(i),
                                "a closing " + c + " on the same line");
                    }
                    Token quoted = new Token(source, line, i + 1, text.substring(i + 1, close), true);
                    i = close + 1;
                    return quoted;
                }
                int start = i;
                while (i < n && !isDelimiter(text.charAt(i))) {
                    i++;
                }
                return new Token(source, line, start + 1, text.substring(start, i), false);
            }
        }
    }

    /*
     * A fast path (StaticRouteText) may read the raw text after a token itself:
     *
     *         route 16.0.0.0/24 next-hop 192.0.2.1;  # ...
     *              ^offset()                        ^skipTo(): tokens go on from here
     * line() is the line of the token last returned, offset() where the next token is looked for in it.
     */

    String source() {
        return source;
    }

    String line() {
        return text;
    }

    int lineNumber() {
        return line;
    }

    int offset() {
        return i;
    }

    /** Goes on at {@code offset} of {@link #line}: the text before it was read by a fast path. */
    void skipTo(int offset) {
        if (offset < i || offset > n) {
            throw new IllegalArgumentException("offset " + offset + " outside " + i + ".." + n);
        }
        i = offset;
    }

    private String nextLine() throws ConfigException {
        try {
            return lines.next();
        } catch (IOException e) { // ConfigParser.parse(Path) tells which
            throw ConfigException.unreadable(source, String.valueOf(e.getMessage()), e);
        }
    }

    private static boolean isBlank(char c) {
        return c < KIND.length ? KIND[c] == BLANK : Character.isWhitespace(c);
    }

    private static boolean isDelimiter(char c) {
        return c < KIND.length ? KIND[c] != OTHER : Character.isWhitespace(c);
    }

    /** True when only blanks follow {@code from} up to the end of its line. */
    private boolean continuesLine(int from) {
        for (int k = from; k < n; k++) {
            if (!Character.isWhitespace(text.charAt(k))) {
                return false;
            }
        }
        return true;
    }
}
