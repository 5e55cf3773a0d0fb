package dev.twinbgp.speaker.config;

import java.util.List;

/** A cursor over {@link Token}s; the last token is always the end marker, which is never consumed past. */
final class TokenStream {
    private final List<Token> tokens;
    private int position;

    TokenStream(List<Token> tokens) {
        this.tokens = List.copyOf(tokens);
    }

    static TokenStream of(String source, String text) throws ConfigException {
        return new TokenStream(Tokenizer.tokenize(source, text));
    }

    Token peek() {
        return tokens.get(position);
    }

    Token next() {
        Token token = tokens.get(position);
        if (!token.isEnd()) {
            position++;
        }
        return token;
    }

    boolean atEnd() {
        return peek().isEnd();
    }

    /** Consumes the next token if it is {@code word}. */
    boolean accept(String word) {
        if (peek().is(word)) {
            position++;
            return true;
        }
        return false;
    }

    /** Consumes {@code word} or fails with "expected 'word'". */
    Token expect(String word) throws ConfigException {
        Token token = peek();
        if (!token.is(word)) {
            throw ConfigException.unexpected(token, "'" + word + "'");
        }
        return next();
    }

    /** Consumes any value token (not punctuation, not the end) or fails with "expected {@code what}". */
    Token value(String what) throws ConfigException {
        Token token = peek();
        if (token.isEnd() || isPunctuation(token)) {
            throw ConfigException.unexpected(token, what);
        }
        return next();
    }

    static boolean isPunctuation(Token token) {
        return !token.quoted() && token.text() != null && token.text().length() == 1 && "{}[]();".contains(token.text());
    }
}
