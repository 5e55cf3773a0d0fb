package dev.twinbgp.speaker.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits ExaBGP configuration text into {@link Token}s.
 * <ul>
 *   <li>{@code { } [ ] ( ) ;} are tokens on their own, so {@code [0x04} is {@code [} then {@code 0x04};</li>
 *   <li>{@code "..."} or {@code '...'} is one token without its quotes (it may contain blanks);</li>
 *   <li>{@code #} at the start of a token starts a comment running to the end of the line;</li>
 *   <li>{@code \} ending a line (blanks may follow it) continues the statement on the next line, as ExaBGP's
 *       examples write long routes ({@code vpls \ rd 1:1 \ ...}).</li>
 * </ul>
 * Never throws on any input except for an unterminated quote, reported as a {@link ConfigException}.
 */
final class Tokenizer {
    private static final String PUNCTUATION = "{}[]();";
    private static final String[] PUNCTUATION_TEXT = {"{", "}", "[", "]", "(", ")", ";"};

    private Tokenizer() {
    }

    static List<Token> tokenize(String source, String text) throws ConfigException {
        List<Token> tokens = new ArrayList<>();
        int line = 1;
        int lineStart = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                lineStart = ++i;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\\' && continuesLine(text, i + 1)) {
                i++;
            } else if (c == '#') {
                while (i < n && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (PUNCTUATION.indexOf(c) >= 0) {
                tokens.add(new Token(source, line, i - lineStart + 1, PUNCTUATION_TEXT[PUNCTUATION.indexOf(c)], false));
                i++;
            } else if (c == '"' || c == '\'') {
                int column = i - lineStart + 1;
                int close = text.indexOf(c, i + 1);
                int newline = text.indexOf('\n', i + 1);
                if (close < 0 || (newline >= 0 && newline < close)) {
                    throw ConfigException.unexpected(source, line, column, text.substring(i, newline < 0 ? n : newline),
                            "a closing " + c + " on the same line");
                }
                tokens.add(new Token(source, line, column, text.substring(i + 1, close), true));
                i = close + 1;
            } else {
                int start = i;
                while (i < n && !Character.isWhitespace(text.charAt(i)) && PUNCTUATION.indexOf(text.charAt(i)) < 0) {
                    i++;
                }
                tokens.add(new Token(source, line, start - lineStart + 1, text.substring(start, i), false));
            }
        }
        tokens.add(Token.end(source, line, i - lineStart + 1));
        return tokens;
    }

    /** True when only blanks follow {@code from} up to the end of its line (or of the text). */
    private static boolean continuesLine(String text, int from) {
        for (int i = from; i < text.length() && text.charAt(i) != '\n'; i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
