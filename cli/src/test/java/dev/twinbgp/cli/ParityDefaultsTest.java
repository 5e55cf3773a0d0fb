package dev.twinbgp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.twinbgp.speaker.session.EveryReactor;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code twinbgp parity} compares every reactor by default. Its default is a constant (picocli's, in the order the
 * traces are compared and shown: the first is the reference), so this test is what makes a new reactor join it.
 */
class ParityDefaultsTest {
    @Test
    void parityComparesEveryReactorByDefault() {
        String defaults = new CommandLine(new ParityCommand()).getCommandSpec().findOption("--reactors").defaultValue();
        assertEquals(new TreeSet<>(EveryReactor.names()), new TreeSet<>(List.of(defaults.split(","))), defaults);
    }
}
