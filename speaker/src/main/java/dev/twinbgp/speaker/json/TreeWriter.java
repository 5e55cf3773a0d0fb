package dev.twinbgp.speaker.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes a Jackson tree ({@link JsonNode}) through jackson-core's generator, as {@code ObjectMapper} would, without
 * one: an {@code ObjectMapper} loads some 270 classes of Jackson's data binding (serializer providers, type
 * introspection, deserializers) that twinbgp never uses - it builds trees and writes them - and every class a daemon
 * loads is resident memory (its AOT cache holds and maps them all; docs/benchmarks.md, issue 18, "Peak RSS").
 * The output is the same octets: fields in insertion order, numbers as the node holds them (the generator's
 * features and decorators apply, e.g. {@link ExaJson}'s Python floats and plain big decimals).
 */
public final class TreeWriter {
    private static final JsonFactory PLAIN = new JsonFactory();

    private TreeWriter() {
    }

    /** The tree as compact JSON with Jackson's defaults: what {@code JsonNode.toString()} gives. */
    public static String plain(JsonNode tree) {
        return write(PLAIN, null, tree);
    }

    /** The tree as JSON from a generator of {@code factory}, with {@code printer} (null: compact). */
    static String write(JsonFactory factory, PrettyPrinter printer, JsonNode tree) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = factory.createGenerator(out)) {
            if (printer != null) {
                g.setPrettyPrinter(printer);
            }
            write(g, tree);
        } catch (IOException e) {
            throw new UncheckedIOException("a JSON tree always serialises", e);
        }
        return out.toString();
    }

    static void write(JsonGenerator g, JsonNode node) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                g.writeStartObject();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    g.writeFieldName(field.getKey());
                    write(g, field.getValue());
                }
                g.writeEndObject();
            }
            case ARRAY -> {
                g.writeStartArray();
                for (JsonNode element : node) {
                    write(g, element);
                }
                g.writeEndArray();
            }
            case STRING -> g.writeString(node.textValue());
            case NUMBER -> {
                switch (node.numberType()) {
                    case INT -> g.writeNumber(node.intValue());
                    case LONG -> g.writeNumber(node.longValue());
                    case BIG_INTEGER -> g.writeNumber(node.bigIntegerValue());
                    case FLOAT -> g.writeNumber(node.floatValue());
                    case DOUBLE -> g.writeNumber(node.doubleValue());
                    case BIG_DECIMAL -> g.writeNumber(node.decimalValue());
                }
            }
            case BOOLEAN -> g.writeBoolean(node.booleanValue());
            case NULL -> g.writeNull();
            case BINARY -> g.writeBinary(node.binaryValue());
            case POJO -> {
                // a number written as its digits (ExaJson's "time"); no other object is put in a tree
                if (!(((com.fasterxml.jackson.databind.node.POJONode) node).getPojo() instanceof RawValue raw
                        && raw.rawValue() instanceof String digits)) {
                    throw new IllegalArgumentException("no JSON for a " + node.getClass().getSimpleName());
                }
                g.writeRawValue(digits);
            }
            default -> throw new IllegalArgumentException("no JSON for a " + node.getNodeType() + " node");
        }
    }
}
