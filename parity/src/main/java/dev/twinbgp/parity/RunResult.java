package dev.twinbgp.parity;

import java.time.Duration;
import java.util.List;

/**
 * One scenario on one reactor.
 *
 * @param trace   the normalised trace ({@link TraceNormaliser})
 * @param failure null when the script's expectations were met, else why not ({@code line N: ...})
 */
public record RunResult(String scenario, String reactor, List<String> trace, String failure, Duration elapsed) {
    public RunResult {
        trace = List.copyOf(trace);
    }

    public boolean passed() {
        return failure == null;
    }
}
