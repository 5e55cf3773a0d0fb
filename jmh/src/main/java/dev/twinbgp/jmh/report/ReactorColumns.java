package dev.twinbgp.jmh.report;

import dev.twinbgp.reactor.Reactors;
import java.util.List;
import java.util.stream.Stream;

/**
 * The reactors of a report, in column order: the baseline {@code selector} first (the ratios are to it), then the
 * others as the ServiceLoader names them ({@link Reactors#available()}), so a new reactor gets its column without an
 * edit here.
 */
public final class ReactorColumns {
    /** The reactor every ratio of a report is to. */
    public static final String BASELINE = "selector";
    /** Every reactor on the class path, {@link #BASELINE} first. */
    public static final List<String> ORDER = Stream.concat(Stream.of(BASELINE),
            Reactors.available().stream().filter(r -> !r.equals(BASELINE))).toList();

    private ReactorColumns() {
    }
}
