package dev.twinbgp.cli;

import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The configuration file of {@code run} and {@code validate}: {@code --config FILE} or, as ExaBGP users type it
 * ({@code exabgp FILE}, {@code exabgp validate FILE}), the file alone.
 */
final class ConfigFile {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "The configuration file (ExaBGP syntax).")
    Path option;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "The configuration file, instead of --config.")
    Path positional;

    /** The file given, or a usage error (exit 2, picocli's message and the usage) when none or two are. */
    Path path(CommandLine.Model.CommandSpec spec) {
        if (option != null && positional != null && !option.equals(positional)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Two configuration files given (" + option + " and " + positional + "); give one");
        }
        Path file = option != null ? option : positional;
        if (file == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Missing the configuration file: give it as --config FILE or as FILE");
        }
        return file;
    }
}
