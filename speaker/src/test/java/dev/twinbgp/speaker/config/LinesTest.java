package dev.twinbgp.speaker.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A file's lines as the tokenizer reads them: the same as {@code split("\n", -1)} of the whole text. */
class LinesTest {

    private static List<String> all(Lines lines) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line = lines.next(); line != null; line = lines.next()) {
            out.add(line);
        }
        return out;
    }

    /** A reader handing out at most {@code step} chars per read, so lines cross every read boundary. */
    private static Reader trickling(String text, int step) {
        return new Reader() {
            private final StringReader in = new StringReader(text);

            @Override
            public int read(char[] buffer, int offset, int length) throws IOException {
                return in.read(buffer, offset, Math.min(step, length));
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void splitAtNewlinesOnlyWithTheTextAfterTheLastAsALastLine() throws IOException {
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 30_000; i++) {
            big.append("route 10.0.").append(i % 256).append(".0/24 next-hop 192.0.2.1;").append(i % 3 == 0 ? "\r\n" : "\n");
        }
        for (String text : List.of("", "\n", "a", "a\n", "a\nb", "\n\nx\r\n\r", big.toString(), big + "tail")) {
            List<String> expected = Arrays.asList(text.split("\n", -1));
            assertEquals(expected, all(Lines.of(text)));
            assertEquals(expected, all(Lines.of(new StringReader(text))));
            assertEquals(expected, all(Lines.of(trickling(text, 7))));
        }
    }
}
