package dev.twinbgp.speaker.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;

/** Test helpers: compare JSON as JSON (both sides parsed by one mapper), minus ExaBGP's volatile keys. */
final class JsonAssert {
    static final ObjectMapper MAPPER = new ObjectMapper();
    /** ExaBGP's header keys that differ from run to run (README of the vectors). */
    static final List<String> VOLATILE = List.of("exabgp", "time", "host", "pid", "ppid", "counter");

    private JsonAssert() {
    }

    static ExaJson fixedEncoder() {
        return new ExaJson(Clock.fixed(Instant.ofEpochSecond(1_700_000_000L, 123_456_000), ZoneOffset.UTC),
                new ProcessInfo("test-host", 42, 1));
    }

    static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    /** Our line re-parsed (so number node types match the expected side), volatile keys removed. */
    static JsonNode stable(String json) {
        JsonNode n = parse(json);
        if (n instanceof ObjectNode o) {
            VOLATILE.forEach(o::remove);
        }
        return n;
    }

    static void assertSameJson(String expected, String actual) {
        assertEquals(stable(expected), stable(actual), () -> "\nexpected: " + stable(expected) + "\nactual:   " + stable(actual));
    }

    static byte[] hex(String s) {
        String h = s.replaceAll("[\\s:_]", "");
        if (h.startsWith("0x") || h.startsWith("0X")) {
            h = h.substring(2);
        }
        return HexFormat.of().parseHex(h);
    }

    /** A whole message: marker, length, type, then the body. */
    static byte[] message(int type, String bodyHex) {
        byte[] body = hex(bodyHex);
        byte[] m = new byte[19 + body.length];
        java.util.Arrays.fill(m, 0, 16, (byte) 0xFF);
        m[16] = (byte) (m.length >>> 8);
        m[17] = (byte) m.length;
        m[18] = (byte) type;
        System.arraycopy(body, 0, m, 19, body.length);
        return m;
    }

    /** The neighbor block of an expected line, as our context. */
    static NeighborContext neighborOf(JsonNode expected) {
        JsonNode n = expected.path("neighbor");
        return new NeighborContext(n.path("address").path("local").asText(), n.path("address").path("peer").asText(),
                n.path("asn").path("local").asLong(), n.path("asn").path("peer").asLong(), n.path("router-id").asText());
    }
}
