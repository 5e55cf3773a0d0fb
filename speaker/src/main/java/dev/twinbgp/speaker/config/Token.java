package dev.twinbgp.speaker.config;

/**
 * One word of a configuration: a punctuation mark ({@code { } [ ] ( ) ;}), a quoted string (quotes removed,
 * {@code quoted} set) or a run of other non-blank characters. {@code text} is null only for the end marker.
 */
record Token(String source, int line, int column, String text, boolean quoted) {

    static Token end(String source, int line, int column) {
        return new Token(source, line, column, null, false);
    }

    boolean isEnd() {
        return text == null;
    }

    /** True for an unquoted token equal to {@code word} (keywords are case-sensitive, as in ExaBGP). */
    boolean is(String word) {
        return !quoted && word.equals(text);
    }
}
