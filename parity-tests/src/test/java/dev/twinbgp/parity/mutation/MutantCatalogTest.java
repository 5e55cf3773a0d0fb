package dev.twinbgp.parity.mutation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The mutant catalogs stay usable as the reactors change: every mutant's edit still matches its source file
 * exactly once (so ./run-mutants never silently tests nothing), and each reactor keeps at least 10 mutants.
 * Cheap: no mutant is built or run here (./run-mutants does that).
 */
class MutantCatalogTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void everyMutantStillAppliesToItsSourceExactlyOnce() throws IOException {
        List<Mutant> all = MutantCatalog.load(ROOT.resolve("parity-tests/src/test/resources/mutants"));
        for (Mutant m : all) {
            Path source = ROOT.resolve("reactor-" + m.reactor()).resolve("src/main/java").resolve(m.file());
            assertTrue(Files.isRegularFile(source), m.id() + ": " + source);
            String text = Files.readString(source);
            for (Mutant.Edit e : m.edits()) {
                int at = text.indexOf(e.find());
                assertTrue(at >= 0, m.id() + ": '" + e.find() + "' not in " + m.file());
                assertEquals(-1, text.indexOf(e.find(), at + 1), m.id() + ": '" + e.find() + "' more than once in " + m.file());
                text = text.substring(0, at) + e.replace() + text.substring(at + e.find().length());
            }
        }
        Map<String, Long> perReactor = all.stream().collect(Collectors.groupingBy(Mutant::reactor, Collectors.counting()));
        assertTrue(perReactor.get("selector") >= 10 && perReactor.get("netty") >= 10, perReactor.toString());
    }

    @Test
    void parsesBlocksEscapesAndEquivalents() {
        List<Mutant> ms = MutantCatalog.parse("x", List.of(
                "# comment",
                "mutant   x-one",
                "duty     write ordering",
                "breaks   one line",
                "file     a/B.java",
                "find     a\\nb",
                "replace  c",
                "first    s1, s2",
                "",
                "mutant   x-two",
                "duty     timers",
                "breaks   two",
                "file     a/C.java",
                "find     d",
                "replace  e",
                "equivalent nobody can see it"), "x.mutants");
        assertEquals(2, ms.size());
        assertEquals("a\nb", ms.get(0).edits().getFirst().find());
        assertEquals(List.of("s1", "s2"), ms.get(0).first());
        assertNull(ms.get(0).equivalent());
        assertEquals("nobody can see it", ms.get(1).equivalent());
        assertEquals("x", ms.get(1).reactor());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MutantCatalog.parse("x", List.of("mutant a", "duty d", "breaks b", "file f"), "x.mutants"));
        assertTrue(e.getMessage().startsWith("x.mutants:4: mutant 'a' needs"), e.getMessage());
    }
}
