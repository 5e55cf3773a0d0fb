package dev.twinbgp.speaker.config;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every prefix of a valid file, and many seeded corruptions of it, either parse or give a one-line
 * {@link ConfigException} pointing inside the text: never another exception.
 */
class BadInputNeverCrashesTest {
    private static final String ALPHABET = "{}[]();#\"' \n\t:/.0123456789abcdefx-";

    @Test
    void truncationsAndCorruptions() throws IOException {
        for (String name : new String[] {"full-featured.conf", "attributes.conf"}) {
            String text = Files.readString(ConfigParserTest.resource(name));
            for (int end = 0; end <= text.length(); end++) {
                check(text.substring(0, end));
            }
            Random random = new Random(name.hashCode()); // seeded: the same corruptions on every run
            for (int round = 0; round < 800; round++) {
                StringBuilder corrupt = new StringBuilder(text);
                for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
                    int at = random.nextInt(corrupt.length());
                    char replacement = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
                    switch (random.nextInt(3)) {
                        case 0 -> corrupt.setCharAt(at, replacement);
                        case 1 -> corrupt.insert(at, replacement);
                        default -> corrupt.deleteCharAt(at);
                    }
                }
                check(corrupt.toString());
            }
        }
    }

    private static void check(String text) {
        try {
            ConfigParser.parse("x.conf", text);
        } catch (ConfigException expected) {
            String message = expected.getMessage();
            assertTrue(message.startsWith("x.conf:") && !message.contains("\n"), message);
            assertTrue(expected.line() >= 1 && expected.column() >= 1, message);
        } catch (RuntimeException crash) {
            fail("crash on input:\n" + text, crash);
        }
    }
}
