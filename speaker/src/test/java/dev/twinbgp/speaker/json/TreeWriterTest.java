package dev.twinbgp.speaker.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** TreeWriter writes a tree as ObjectMapper does (the tests may use one; the daemon does not). */
class TreeWriterTest {
    private static ObjectNode everyKind() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode o = f.objectNode();
        o.put("string", "a \"quoted\" \\ line\n\u0001 and \u00e9");
        o.put("int", -7);
        o.put("long", 1L << 40);
        o.put("short", (short) 3);
        o.put("big", new BigInteger("123456789012345678901234567890"));
        o.put("float", 1.5f);
        o.put("double", 125000000.0);
        o.put("decimal", new BigDecimal("1721069327.773314"));
        o.put("true", true);
        o.putNull("null");
        o.put("binary", new byte[] {1, 2, 3});
        o.putObject("empty");
        o.putArray("none");
        ArrayNode a = o.putArray("list");
        a.add(1).add("two").addObject().put("three", 3);
        a.addArray().add(false);
        return o;
    }

    @Test
    void plainIsWhatToStringGives() {
        ObjectNode tree = everyKind();
        assertEquals(tree.toString(), TreeWriter.plain(tree));
    }

    @Test
    void compactIsWhatAnObjectMapperWithTheSameFactoryGives() throws Exception {
        ObjectNode tree = everyKind();
        assertEquals(new ObjectMapper().writeValueAsString(tree), TreeWriter.plain(tree));
        // ExaJson's own factory: Python's float repr and plain decimals (what its ObjectMapper wrote)
        String line = ExaJson.compact(tree);
        assertEquals(true, line.contains("\"double\":125000000.0"), line);
        assertEquals(true, line.contains("\"decimal\":1721069327.773314"), line);
        assertEquals(true, ExaJson.line(tree).startsWith("{ \"string\": "), ExaJson.line(tree));
        assertEquals(true, ExaJson.line(tree).contains("\"empty\": { }, \"none\": [ ], \"list\": [ 1, \"two\", { \"three\": 3 }, [ false ] ] }"),
                ExaJson.line(tree));
    }
}
