package dev.twinbgp.speaker.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * ExaBGP's {@code "time"} (seconds and micros at scale 6, written plain) as {@link ExaJson#appendTime} writes it in
 * place, against the {@code BigDecimal} it replaced: every count of leading zeros of the micros, nanos below a
 * micro dropped, and the text already in the builder kept.
 */
class ExaJsonTimeTest {
    @ParameterizedTest(name = "{0}.{1}")
    @CsvSource({
        "1721069327, 773314000", "1721069327, 0", "1721069327, 999", "1721069327, 1000", "1721069327, 5000",
        "1721069327, 10000", "1721069327, 99999000", "1721069327, 100000000", "1721069327, 999999999",
        "0, 0", "0, 1000", "1, 120000", "1721069327, 12345000", "1721069327, 1234000", "1721069327, 123000"
    })
    void asBigDecimalPlain(long seconds, int nanos) {
        Instant t = Instant.ofEpochSecond(seconds, nanos);
        String expected = BigDecimal.valueOf(seconds).add(BigDecimal.valueOf(nanos / 1000, 6)).toPlainString();
        assertEquals("{\"time\":" + expected + ",",
                ExaJson.appendTime(new StringBuilder("{\"time\":"), t).append(',').toString());
    }
}
