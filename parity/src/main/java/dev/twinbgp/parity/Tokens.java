package dev.twinbgp.parity;

import java.util.ArrayList;
import java.util.List;

/** The whitespace-separated words of one script line, with their columns, for {@link ScenarioParser}. */
final class Tokens {
    record Token(String text, int column) { }

    private final String source;
    private final int line;
    private final String text;
    private final List<Token> words = new ArrayList<>();
    private int next;

    Tokens(String source, int line, String text) {
        this.source = source;
        this.line = line;
        this.text = text;
        int i = 0;
        while (i < text.length()) {
            if (Character.isWhitespace(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            words.add(new Token(text.substring(start, i), start + 1));
        }
    }

    Token peek() {
        return next < words.size() ? words.get(next) : null;
    }

    Token next(String expected) throws ScenarioException {
        Token t = peek();
        if (t == null) {
            throw unexpected(null, expected);
        }
        next++;
        return t;
    }

    int number(String expected, int min, int max) throws ScenarioException {
        Token t = next(expected + " (" + min + "-" + max + ")");
        try {
            int n = Integer.parseInt(t.text());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw unexpected(t, expected + " (" + min + "-" + max + ")");
    }

    /** The rest of the line from the next word on, as written; consumes it. */
    String rest() {
        Token t = peek();
        next = words.size();
        return t == null ? "" : text.substring(t.column() - 1).strip();
    }

    void end() throws ScenarioException {
        Token t = peek();
        if (t != null) {
            throw unexpected(t, "end of line");
        }
    }

    ScenarioException unexpected(Token t, String expected) {
        int column = t != null ? t.column() : text.stripTrailing().length() + 1;
        return ScenarioException.at(source, line, column, t == null ? null : t.text(), expected);
    }
}
