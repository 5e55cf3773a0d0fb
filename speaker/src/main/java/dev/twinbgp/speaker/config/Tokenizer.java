package dev.twinbgp.speaker.config;

/**
 * Splits ExaBGP configuration text into {@link Token}s, one at a time ({@link #next}), so a configuration of a
 * million routes is never held as a list of ten million tokens (issue 18: the whole-file token list took
 * most of a 1M-route configuration's 1.9 GB).
 * <ul>
 *   <li>{@code { } [ ] ( ) ;} are tokens on their own, so {@code [0x04} is {@code [} then {@code 0x04};</li>
 *   <li>{@code "..."} or {@code '...'} is one token without its quotes (it may contain blanks);</li>
 *   <li>{@code #} at the start of a token starts a comment running to the end of the line;</li>
 *   <li>{@code \} ending a line (blanks may follow it) continues the statement on the next line, as ExaBGP's
 *       examples write long routes ({@code vpls \ rd 1:1 \ ...}).</li>
 * </ul>
 * Never throws on any input except for an unterminated quote, reported as a {@link ConfigException} when the
 * tokenizer reaches it.
 */
final class Tokenizer {
    private static final String PUNCTUATION = "{}[]();";
    private static final String[] PUNCTUATION_TEXT = {"{", "}", "[", "]", "(", ")", ";"};

    private final String source;
    private final String text;
    private final int n;
    private int i;
    private int line = 1;
    private int lineStart;

    Tokenizer(String source, String text) {
        this.source = source;
        this.text = text;
        this.n = text.length();
    }

    /** The next token; the end marker (again) once the text is used up. */
    Token next() throws ConfigException {
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                lineStart = ++i;
            } else if (c == ' ' || Character.isWhitespace(c)) {
                i++;
            } else if (c == '\\' && continuesLine(i + 1)) {
                i++;
            } else if (c == '#') {
                while (i < n && text.charAt(i) != '\n') {
                    i++;
                }
            } else {
                int mark = PUNCTUATION.indexOf(c);
                if (mark >= 0) {
                    return new Token(source, line, ++i - lineStart, PUNCTUATION_TEXT[mark], false);
                }
                if (c == '"' || c == '\'') {
                    int column = i - lineStart + 1;
                    int close = text.indexOf(c, i + 1);
                    int newline = text.indexOf('\n', i + 1);
                    if (close < 0 || (newline >= 0 && newline < close)) {
                        throw ConfigException.unexpected(source, line, column, text.substring(i, newline < 0 ? n : newline),
                                "a closing " + c + " on the same line");
                    }
                    Token quoted = new Token(source, line, column, text.substring(i + 1, close), true);
                    i = close + 1;
                    return quoted;
                }
                int start = i;
                while (i < n && !isDelimiter(text.charAt(i))) {
                    i++;
                }
                return new Token(source, line, start - lineStart + 1, text.substring(start, i), false);
            }
        }
        return Token.end(source, line, i - lineStart + 1);
    }

    private static boolean isDelimiter(char c) {
        return c == ' ' || Character.isWhitespace(c) || PUNCTUATION.indexOf(c) >= 0;
    }

    /** True when only blanks follow {@code from} up to the end of its line (or of the text). */
    private boolean continuesLine(int from) {
        for (int k = from; k < n && text.charAt(k) != '\n'; k++) {
            if (!Character.isWhitespace(text.charAt(k))) {
                return false;
            }
        }
        return true;
    }
}
