package dev.twinbgp.speaker.config;

import java.io.IOException;
import java.io.Reader;

/**
 * The lines of a configuration text, split at {@code '\n'} only (a {@code '\r'} stays in its line, where the
 * tokenizer takes it for a blank), one at a time: a file is read as a stream, never held whole (issue 18). As
 * {@code String.split("\n", -1)}: the text after the last {@code '\n'} is a last line, empty when the text ends
 * with one, so line and column numbers are those of the whole text.
 */
interface Lines {
    /** The next line without its {@code '\n'}, or null after the last. */
    String next() throws IOException;

    static Lines of(String text) {
        return new Lines() {
            private int position;

            @Override
            public String next() {
                if (position > text.length()) {
                    return null;
                }
                int newline = text.indexOf('\n', position);
                int end = newline < 0 ? text.length() : newline;
                String line = text.substring(position, end);
                position = end + 1;
                return line;
            }
        };
    }

    static Lines of(Reader reader) {
        return new Lines() {
            private final char[] buffer = new char[1 << 16];
            private final StringBuilder partial = new StringBuilder();
            private int position;
            private int limit;
            private boolean ended;

            @Override
            public String next() throws IOException {
                if (ended) {
                    return null;
                }
                while (true) {
                    for (int i = position; i < limit; i++) {
                        if (buffer[i] == '\n') {
                            String line;
                            if (partial.isEmpty()) {
                                line = new String(buffer, position, i - position);
                            } else {
                                line = partial.append(buffer, position, i - position).toString();
                                partial.setLength(0);
                            }
                            position = i + 1;
                            return line;
                        }
                    }
                    partial.append(buffer, position, limit - position);
                    position = 0;
                    limit = reader.read(buffer);
                    if (limit < 0) {
                        limit = 0;
                        ended = true;
                        String last = partial.toString();
                        partial.setLength(0);
                        return last;
                    }
                }
            }
        };
    }
}
