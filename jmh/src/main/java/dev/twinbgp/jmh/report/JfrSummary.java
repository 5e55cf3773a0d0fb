package dev.twinbgp.jmh.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Execution samples of a JFR recording, summarised per thread: samples, then the methods most often on top of
 * the stack (self) and anywhere on it (inclusive). Input: {@code jfr print --json --events jdk.ExecutionSample
 * FILE.jfr > samples.json}. Usage: {@code JfrSummary samples.json [top]}. How issue 18's costs were found
 * (docs/benchmarks.md).
 */
public final class JfrSummary {
    private JfrSummary() {
    }

    public static void main(String[] args) throws IOException {
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 12;
        JsonNode events = new ObjectMapper().readTree(Path.of(args[0]).toFile()).path("recording").path("events");
        Map<String, Integer> samples = new HashMap<>();
        Map<String, Map<String, Integer>> self = new HashMap<>();
        Map<String, Map<String, Integer>> inclusive = new HashMap<>();
        for (JsonNode e : events) {
            JsonNode v = e.path("values");
            JsonNode t = v.path("sampledThread");
            String thread = t.path("javaName").isTextual() ? t.path("javaName").asText() : t.path("osName").asText("?");
            samples.merge(thread, 1, Integer::sum);
            JsonNode frames = v.path("stackTrace").path("frames");
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < frames.size(); i++) {
                JsonNode m = frames.get(i).path("method");
                String type = m.path("type").path("name").asText();
                String name = type.substring(type.lastIndexOf('/') + 1) + "." + m.path("name").asText();
                if (i == 0) {
                    self.computeIfAbsent(thread, k -> new HashMap<>()).merge(name, 1, Integer::sum);
                }
                if (seen.add(name)) {
                    inclusive.computeIfAbsent(thread, k -> new HashMap<>()).merge(name, 1, Integer::sum);
                }
            }
        }
        samples.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).forEach(t -> {
            System.out.printf("%s: %d samples%n", t.getKey(), t.getValue());
            System.out.println("  self:      " + topOf(self.getOrDefault(t.getKey(), Map.of()), top));
            System.out.println("  inclusive: " + topOf(inclusive.getOrDefault(t.getKey(), Map.of()), top));
        });
    }

    private static String topOf(Map<String, Integer> counts, int n) {
        Map<String, Integer> out = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(n)
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        List<String> parts = out.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList();
        return String.join(", ", parts);
    }
}
