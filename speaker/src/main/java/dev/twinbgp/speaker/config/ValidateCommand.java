package dev.twinbgp.speaker.config;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code twinbgp validate --config FILE}: parses the file, prints a summary and exits 0, or prints the one-line
 * error and exits 2 (bad usage, as {@code twinbgp run} does for the same file).
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check an ExaBGP-syntax configuration file and summarise its neighbors and routes.")
public final class ValidateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "The configuration file.")
    Path config;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            out.print(ConfigSummary.describe(ConfigParser.parse(config)));
            out.flush();
            return 0;
        } catch (ConfigException invalid) {
            err.println(invalid.getMessage());
            err.flush();
            return 2;
        }
    }
}
