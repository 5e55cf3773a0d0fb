package dev.twinbgp.speaker.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A whole parsed configuration file.
 *
 * @param source    the file name, as given
 * @param neighbors resolved neighbors ({@code inherit} applied), in file order
 * @param processes {@code process} blocks, in file order
 * @param reactor   {@code twinbgp { reactor ...; }}, empty when not given (the command line or default decides)
 * @param positions where each neighbor's block is written (its address after {@code neighbor}), by the index of
 *                  {@link #neighbors}; empty for a configuration not read from text. A setting found unusable
 *                  after parsing (the peer mapping) is reported there: the neighbor model itself keeps no positions
 * @param programs  where each process's program is written (the first word after {@code run}), by process name;
 *                  empty for a configuration not read from text ({@link ProcessPrograms} reports there)
 */
public record Configuration(String source, List<NeighborConfig> neighbors, List<ProcessConfig> processes,
                            Optional<ReactorKind> reactor, List<Position> positions, Map<String, Position> programs) {
    public Configuration {
        neighbors = List.copyOf(neighbors);
        processes = List.copyOf(processes);
        positions = List.copyOf(positions);
        programs = Map.copyOf(programs);
    }

    /** A configuration whose process programs' places are not known. */
    public Configuration(String source, List<NeighborConfig> neighbors, List<ProcessConfig> processes,
                         Optional<ReactorKind> reactor, List<Position> positions) {
        this(source, neighbors, processes, reactor, positions, Map.of());
    }

    /** A configuration not read from text: no positions. */
    public Configuration(String source, List<NeighborConfig> neighbors, List<ProcessConfig> processes,
                         Optional<ReactorKind> reactor) {
        this(source, neighbors, processes, reactor, List.of(), Map.of());
    }

    /** A place in the configuration text: 1-based line and column, as {@link ConfigException} reports them. */
    public record Position(int line, int column) {
    }

    /** Where the {@code index}-th neighbor's block is written, when known. */
    public Optional<Position> position(int index) {
        return index < positions.size() ? Optional.of(positions.get(index)) : Optional.empty();
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
        return new Configuration(source, neighbors, resolved, reactor, positions, programs);
    }
}
