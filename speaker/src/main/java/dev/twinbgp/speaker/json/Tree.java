package dev.twinbgp.speaker.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * A JSON tree from the plain Java values a family codec or attribute decoder of {@code bgp-protocol} gives
 * (which has no JSON library): String, Integer/Long/BigInteger, Float/Double, Boolean, null, List and
 * Map (its order kept).
 */
final class Tree {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Tree() {
    }

    static JsonNode of(Object v) {
        return switch (v) {
            case null -> F.nullNode();
            case String s -> F.textNode(s);
            case Integer i -> F.numberNode(i);
            case Long l -> F.numberNode(l);
            case BigInteger b -> F.numberNode(b);
            case Float f -> F.numberNode((double) f);
            case Double d -> F.numberNode(d);
            case Boolean b -> F.booleanNode(b);
            case List<?> list -> {
                ArrayNode a = F.arrayNode();
                list.forEach(e -> a.add(of(e)));
                yield a;
            }
            case Map<?, ?> map -> {
                ObjectNode o = F.objectNode();
                map.forEach((k, e) -> o.set(String.valueOf(k), of(e)));
                yield o;
            }
            default -> F.textNode(String.valueOf(v));
        };
    }
}
