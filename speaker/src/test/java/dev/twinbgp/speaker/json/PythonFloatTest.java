package dev.twinbgp.speaker.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link PythonFloat#repr} against what Python 3 prints ({@code repr(x)}; the expected column was made with
 * python3): the bandwidths of ExaBGP's BGP-LS vectors (bgp-ls-*), the edges of the fixed layout
 * (1e-4 and 1e16), the exponent form, and doubles read from IEEE floats as ExaBGP reads them
 * ({@code struct.unpack('!f')}).
 */
class PythonFloatTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "125000000.0, 125000000.0", // maximum-link-bandwidth, maximum-reservable-link-bandwidth, unreserved-bandwidth
        "1250000000.0, 1250000000.0", // maximum-link-bandwidth of bgp-ls-10
        "0.0, 0.0",
        "-0.0, -0.0",
        "100.0, 100.0",
        "1e7, 10000000.0",
        "12345678.9, 12345678.9",
        "0.001, 0.001",
        "0.0001, 0.0001",
        "1e-5, 1e-05",
        "1.5e-5, 1.5e-05",
        "9999999999999998.0, 9999999999999998.0",
        "1e16, 1e+16",
        "1.5e16, 1.5e+16",
        "123456789012345678.0, 1.2345678901234568e+17",
        "1e22, 1e+22",
        "1e23, 1e+23",
        "4.9e-324, 5e-324",
        "1.7976931348623157e308, 1.7976931348623157e+308",
        "-2.5, -2.5",
    })
    void doubleIsWrittenAsPythonDoes(double value, String python) {
        assertEquals(python, PythonFloat.repr(value));
    }

    @ParameterizedTest(name = "float32 {0} -> {1}")
    @CsvSource({
        "4CEE6B28, 125000000.0",
        "3DCCCCCD, 0.10000000149011612",
        "3F8CCCCD, 1.100000023841858",
        "7F7FFFFF, 3.4028234663852886e+38",
        "00000001, 1.401298464324817e-45",
        "4C1EF21B, 41666668.0",
    })
    void ieeeFloatIsWrittenAsExaBgpReadsIt(String bits, String python) {
        assertEquals(python, PythonFloat.repr(Float.intBitsToFloat(Integer.parseUnsignedInt(bits, 16))));
    }

    /**
     * 20,000 doubles (any bits, IEEE floats, short decimals, powers of ten) against a real python3's repr. Skipped
     * without python3 (the API vectors' programs need it too).
     */
    @Test
    void randomDoublesAreWrittenAsPython3Does() throws Exception {
        Process python;
        try {
            python = new ProcessBuilder("python3", "-c", """
                    import struct, sys
                    for line in sys.stdin:
                        print(repr(struct.unpack('!d', bytes.fromhex(line.strip()))[0]))
                    """).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (java.io.IOException e) {
            Assumptions.abort("python3 is not installed: " + e.getMessage());
            return;
        }
        Random random = new Random(4761);
        List<Double> values = new ArrayList<>();
        while (values.size() < 20_000) {
            double d = switch (values.size() % 4) {
                case 0 -> Double.longBitsToDouble(random.nextLong());
                case 1 -> Float.intBitsToFloat(random.nextInt());
                case 2 -> Math.round(random.nextDouble() * 1e6) / Math.pow(10, random.nextInt(12));
                default -> random.nextInt(100) * Math.pow(10, random.nextInt(40) - 20);
            };
            if (Double.isFinite(d)) {
                values.add(d);
            }
        }
        List<String> expected;
        try (var out = new java.io.PrintWriter(python.getOutputStream(), false, StandardCharsets.US_ASCII)) {
            Thread writer = Thread.ofVirtual().start(() -> {
                values.forEach(d -> out.println(String.format("%016x", Double.doubleToRawLongBits(d))));
                out.close();
            });
            expected = new String(python.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).lines().toList();
            writer.join();
        }
        assertEquals(0, python.waitFor());
        assertEquals(values.size(), expected.size());
        for (int i = 0; i < values.size(); i++) {
            double d = values.get(i);
            assertEquals(expected.get(i), PythonFloat.repr(d), () -> "bits " + Long.toHexString(Double.doubleToRawLongBits(d)));
        }
    }

    @Test
    void exaJsonWritesDoublesAsPythonAndNotFiniteOnesAsJsonStrings() {
        com.fasterxml.jackson.databind.node.ObjectNode o = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        o.put("maximum-link-bandwidth", 1.25e8);
        o.put("float", 1.1f);
        o.putArray("unreserved-bandwidth").add(1e16).add(Double.NaN).add(Double.NEGATIVE_INFINITY);
        assertEquals("{ \"maximum-link-bandwidth\": 125000000.0, \"float\": 1.100000023841858,"
                + " \"unreserved-bandwidth\": [ 1e+16, \"NaN\", \"-Infinity\" ] }", ExaJson.line(o));
    }

    @ParameterizedTest
    @CsvSource({"NaN, nan", "Infinity, inf", "-Infinity, -inf"})
    void notFiniteIsWhatPythonPrintsAndNoJson(double value, String python) {
        assertEquals(python, PythonFloat.repr(value));
        assertFalse(PythonFloat.isJson(value));
    }
}
