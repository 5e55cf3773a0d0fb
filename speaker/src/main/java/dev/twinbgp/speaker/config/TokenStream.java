package dev.twinbgp.speaker.config;

/**
 * A cursor over the {@link Token}s of a text, read one ahead from a {@link Tokenizer} as it moves (a large
 * configuration is never tokenized whole); the last token is always the end marker, which is never consumed
 * past. Moving on may meet an unterminated quote: {@link #next} and the methods consuming a token throw it
 * as a {@link ConfigException}.
 */
final class TokenStream {
    private final Tokenizer tokenizer;
    private final boolean fastPaths;
    private Token current;

    private TokenStream(Tokenizer tokenizer, boolean fastPaths) throws ConfigException {
        this.tokenizer = tokenizer;
        this.fastPaths = fastPaths;
        this.current = tokenizer.next();
    }

    private TokenStream(Tokenizer tokenizer) throws ConfigException {
        this(tokenizer, true);
    }

    static TokenStream of(String source, String text) throws ConfigException {
        return new TokenStream(new Tokenizer(source, Lines.of(text)));
    }

    /** The tokens of {@code text} for the grammar alone: no fast path reads ahead (tests compare the two). */
    static TokenStream grammarOnly(String source, String text) throws ConfigException {
        return new TokenStream(new Tokenizer(source, Lines.of(text)), false);
    }

    /** False when every statement must be read token by token ({@link #grammarOnly}). */
    boolean fastPaths() {
        return fastPaths;
    }

    /**
     * The tokenizer, positioned just after {@link #peek}'s token (the stream reads one ahead): a fast path reads the
     * raw line from there, and on success moves on with {@link #skipTo}.
     */
    Tokenizer raw() {
        return tokenizer;
    }

    /**
     * Consumes the current token and the raw text after it up to {@code offset} of its line, which a fast path read
     * (it must end at a token boundary), and reads the next token.
     */
    void skipTo(int offset) throws ConfigException {
        if (current.isEnd()) {
            throw new IllegalStateException("nothing to skip after the end");
        }
        tokenizer.skipTo(offset);
        current = tokenizer.next();
    }

    /** The tokens of a text read as it is needed (a configuration file, never held whole). */
    static TokenStream of(String source, Lines lines) throws ConfigException {
        return new TokenStream(new Tokenizer(source, lines));
    }

    Token peek() {
        return current;
    }

    Token next() throws ConfigException {
        Token token = current;
        if (!token.isEnd()) {
            current = tokenizer.next();
        }
        return token;
    }

    boolean atEnd() {
        return current.isEnd();
    }

    /** Consumes the next token if it is {@code word}. */
    boolean accept(String word) throws ConfigException {
        if (current.is(word)) {
            next();
            return true;
        }
        return false;
    }

    /** Consumes {@code word} or fails with "expected 'word'". */
    Token expect(String word) throws ConfigException {
        Token token = current;
        if (!token.is(word)) {
            throw ConfigException.unexpected(token, "'" + word + "'");
        }
        return next();
    }

    /** Consumes any value token (not punctuation, not the end) or fails with "expected {@code what}". */
    Token value(String what) throws ConfigException {
        Token token = current;
        if (token.isEnd() || isPunctuation(token)) {
            throw ConfigException.unexpected(token, what);
        }
        return next();
    }

    static boolean isPunctuation(Token token) {
        return !token.quoted() && token.text() != null && token.text().length() == 1 && "{}[]();".contains(token.text());
    }
}
