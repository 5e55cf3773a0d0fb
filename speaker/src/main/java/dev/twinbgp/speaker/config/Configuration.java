package dev.twinbgp.speaker.config;

import java.util.List;
import java.util.Optional;

/**
 * A whole parsed configuration file.
 *
 * @param source    the file name, as given
 * @param neighbors resolved neighbors ({@code inherit} applied), in file order
 * @param processes {@code process} blocks, in file order
 * @param reactor   {@code twinbgp { reactor ...; }}, empty when not given (the command line or default decides)
 */
public record Configuration(String source, List<NeighborConfig> neighbors, List<ProcessConfig> processes,
                            Optional<ReactorKind> reactor) {
    public Configuration {
        neighbors = List.copyOf(neighbors);
        processes = List.copyOf(processes);
    }
}
