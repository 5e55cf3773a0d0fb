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

    /**
     * The same configuration with each process program written as a relative path ({@code ./run/x}, {@code bin/x})
     * resolved against {@code folder}, the configuration file's: ExaBGP runs {@code run ./run/x;} from the folder of
     * the file that names it, whatever the daemon's working directory. A bare name ({@code python3}) is left for
     * the {@code PATH} lookup.
     */
    Configuration withProgramsRelativeTo(java.nio.file.Path folder) {
        if (folder == null) {
            return this;
        }
        List<ProcessConfig> resolved = processes.stream().map(p -> p.relativeTo(folder)).toList();
        return new Configuration(source, neighbors, resolved, reactor);
    }
}
