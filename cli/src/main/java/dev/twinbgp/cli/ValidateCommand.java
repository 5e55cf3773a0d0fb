package dev.twinbgp.cli;

import dev.twinbgp.speaker.config.ConfigException;
import dev.twinbgp.speaker.config.ConfigParser;
import dev.twinbgp.speaker.config.ConfigSummary;
import dev.twinbgp.speaker.config.Configuration;
import dev.twinbgp.speaker.mapping.PeerSettingsMapper;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code twinbgp validate [--config] FILE}: parses the file and maps it to the sessions and UPDATEs
 * {@code twinbgp run} would use (so settings that parse but cannot run are caught too), prints a
 * summary and exits 0, or prints the one-line error and exits 2, as {@code run} does for the same file.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check an ExaBGP-syntax configuration file and summarise its neighbors and routes.")
public final class ValidateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ConfigFile file;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path config = file.path(spec);
        try {
            Configuration parsed = ConfigParser.parse(config);
            PeerSettingsMapper.map(parsed);
            // A process whose program is not there: ExaBGP's validate refuses it too ("can not locate the program").
            java.util.Optional<String> missing = dev.twinbgp.speaker.config.ProcessPrograms.missing(parsed);
            if (missing.isPresent()) {
                err.println(missing.get());
                err.flush();
                return 2;
            }
            out.print(ConfigSummary.describe(parsed));
            out.flush();
            return 0;
        } catch (ConfigException invalid) {
            err.println(invalid.getMessage());
            err.flush();
            return 2;
        }
    }
}
