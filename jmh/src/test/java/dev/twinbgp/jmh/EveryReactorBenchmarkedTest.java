package dev.twinbgp.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.twinbgp.jmh.anchor.AnchorTransferBenchmark;
import dev.twinbgp.jmh.keepalive.KeepaliveUnderLoadBenchmark;
import dev.twinbgp.jmh.report.ReactorColumns;
import dev.twinbgp.jmh.scale.SessionScaleBenchmark;
import dev.twinbgp.jmh.transfer.FullTableTransferBenchmark;
import dev.twinbgp.jmh.transfer.Pairing;
import dev.twinbgp.reactor.Reactors;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Param;

/**
 * Every benchmark that compares reactors runs on every reactor the ServiceLoader finds (issue 17: pairings across all
 * of them). JMH's {@code @Param} values and the {@link Pairing} enum must be constants, so they cannot be read from
 * {@link Reactors#available()}: this test is what makes a new reactor show up in them, naming each that lacks it.
 */
class EveryReactorBenchmarkedTest {
    private static final Set<String> REACTORS = new TreeSet<>(Reactors.available());

    private static Set<String> pairings() {
        Set<String> out = new TreeSet<>();
        for (String sender : REACTORS) {
            for (String receiver : REACTORS) {
                out.add(sender + "-" + receiver);
            }
        }
        return out;
    }

    private static Set<String> param(Class<?> benchmark, String field) throws NoSuchFieldException {
        return new TreeSet<>(Arrays.asList(benchmark.getField(field).getAnnotation(Param.class).value()));
    }

    @Test
    void pairingsAreEveryOrderedPairOfReactors() throws NoSuchFieldException {
        assertEquals(pairings(), new TreeSet<>(Arrays.stream(Pairing.values()).map(Pairing::label).toList()),
                "Pairing's constants");
        assertEquals(pairings(), param(FullTableTransferBenchmark.class, "pairing"), "FullTableTransferBenchmark.pairing");
        assertEquals(pairings(), param(KeepaliveUnderLoadBenchmark.class, "pairing"), "KeepaliveUnderLoadBenchmark.pairing");
    }

    @Test
    void singleReactorBenchmarksRunOnEveryReactor() throws NoSuchFieldException {
        assertEquals(REACTORS, param(SessionScaleBenchmark.class, "reactor"), "SessionScaleBenchmark.reactor");
        assertEquals(REACTORS, param(AnchorTransferBenchmark.class, "sender"), "AnchorTransferBenchmark.sender");
    }

    @Test
    void reportsHaveAColumnPerReactorTheBaselineFirst() {
        assertEquals(REACTORS, new TreeSet<>(ReactorColumns.ORDER));
        assertEquals(List.of(ReactorColumns.BASELINE), ReactorColumns.ORDER.subList(0, 1));
    }
}
