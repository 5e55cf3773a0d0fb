package dev.twinbgp.speaker.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressTest {

    @ParameterizedTest
    @CsvSource({
        "10.0.0.1, 10.0.0.1",
        "0.0.0.0, 0.0.0.0",
        "2A02:B80:0:1::1, 2a02:b80:0:1::1",
        "::, ::",
        "::1, ::1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "2001:0db8:0000:0000:0000:0000:0000:0001, 2001:db8::1",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "::ffff:1.2.3.4, ::ffff:102:304",
        "fe80::, fe80::",
    })
    void parsesAndPrintsCanonically(String written, String canonical) {
        assertEquals(canonical, IpAddress.parse(written).toString());
        assertEquals(IpAddress.parse(written), IpAddress.parse(canonical));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "256.0.0.1", "01.2.3.4", "1.2.3.-4", "a.b.c.d", "example.com",
        ":::", "1::2::3", "12345::", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "fe80::1%eth0", "g::1", "::1.2.3",
        "1.2.3.4::", " 1.2.3.4"})
    void refusesNonLiterals(String text) {
        assertThrows(IllegalArgumentException.class, () -> IpAddress.parse(text));
    }

    /**
     * The one-pass dotted quad reader ({@code ipv4Value}, which {@link IpAddress#parse}, {@link PrefixText} and
     * {@link AttributeText} share) against the rules written out part by part, as the reader read them before: the
     * same verdict and value on near-miss strings (digits, dots and a few other characters; valid addresses with
     * one character changed), also inside a longer line, read as a String and as octets.
     */
    @Test
    void theOnePassDottedQuadReadsAsThePartByPartRules() {
        Random random = new Random(5);
        String alphabet = "0123456789..x:/ ";
        for (int i = 0; i < 200_000; i++) {
            String text;
            if (i % 2 == 0) {
                StringBuilder b = new StringBuilder();
                for (int n = random.nextInt(17); n > 0; n--) {
                    b.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                text = b.toString();
            } else {
                StringBuilder b = new StringBuilder(random.nextInt(300) + "." + random.nextInt(300) + "."
                        + random.nextInt(300) + "." + random.nextInt(300));
                if (random.nextBoolean()) {
                    b.setCharAt(random.nextInt(b.length()), alphabet.charAt(random.nextInt(alphabet.length())));
                }
                if (random.nextInt(4) == 0) {
                    b.insert(random.nextInt(b.length() + 1), random.nextInt(10));
                }
                text = b.toString();
            }
            long expected = partByPart(text);
            assertEquals(expected, IpAddress.ipv4Value(text, 0, text.length()), text);
            String line = "announce route " + text + "/32 next-hop " + text + " med 1";
            assertEquals(expected, IpAddress.ipv4Value(line, 15, 15 + text.length()), line);
            assertEquals(expected, IpAddress.ipv4Value(null, line.getBytes(StandardCharsets.ISO_8859_1), 15,
                    15 + text.length()), "as octets: " + line);
            if (expected >= 0) {
                assertEquals(expected, IpAddress.parse(text).toUnsignedInt(), text);
            } else if (text.indexOf(':') < 0) {
                assertThrows(IllegalArgumentException.class, () -> IpAddress.parse(text), text);
            }
        }
    }

    /** The dotted quad rules, a search for each dot and a loop per part; -1 when {@code text} is not one. */
    private static long partByPart(String text) {
        long value = 0;
        int at = 0;
        for (int i = 0; i < 4; i++) {
            int end = i < 3 ? text.indexOf('.', at) : text.length();
            if (end < 0 || (i == 3 && text.indexOf('.', at) >= 0)) {
                return -1;
            }
            int length = end - at;
            if (length < 1 || length > 3 || (length > 1 && text.charAt(at) == '0')) {
                return -1;
            }
            int part = 0;
            for (int j = at; j < end; j++) {
                char ch = text.charAt(j);
                if (ch < '0' || ch > '9') {
                    return -1;
                }
                part = part * 10 + (ch - '0');
            }
            if (part > 255) {
                return -1;
            }
            value = value << 8 | part;
            at = end + 1;
        }
        return value;
    }
}
