package dev.twinbgp.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The bundled scenarios are found through {@code index.txt} (a jar cannot be listed), so a scenario
 * file left out of it is never played by anyone - not the suite, not {@code twinbgp parity}, not the
 * mutation harness. This compares the index with the folder it indexes.
 */
final class ScenarioIndexTest {
    private static final Path FOLDER = Path.of("..", "parity", "src", "main", "resources", "parity", "scenarios");

    @Test
    void everyScenarioFileIsInTheIndexAndNothingElse() throws Exception {
        List<String> files;
        try (Stream<Path> list = Files.list(FOLDER)) {
            files = list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".scenario")).sorted().toList();
        }
        List<String> indexed = ScenarioSource.bundledNames().stream().sorted().toList();
        assertEquals(files, indexed, "parity/scenarios/index.txt must list exactly the *.scenario files beside it");
    }
}
