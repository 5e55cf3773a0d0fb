package dev.twinbgp.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code twinbgp} command line. */
@Command(name = "twinbgp", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "A BGP-4 speaker for the JVM with three interchangeable I/O reactors (selector, netty, virtual).",
        subcommands = {CommandLine.HelpCommand.class, RunCommand.class, DemoCommand.class,
                DecodeCommand.class, ValidateCommand.class, CtlCommand.class, ParityCommand.class,
                HealthcheckCommand.class})
public final class Main implements java.util.concurrent.Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        // Bad usage: the reason and where to find help, in two lines - not the whole usage text.
        cli.setParameterExceptionHandler((e, ignored) -> {
            CommandLine failed = e.getCommandLine();
            failed.getErr().println(failed.getCommandSpec().qualifiedName() + ": " + e.getMessage()); // "twinbgp run: ..."
            failed.getErr().println("Try '" + failed.getCommandSpec().qualifiedName() + " --help'.");
            failed.getErr().flush();
            return failed.getCommandSpec().exitCodeOnInvalidInput();
        });
        return cli.execute(args);
    }

    /**
     * {@code twinbgp} without a command: the usage on stderr and exit status 2, picocli's for bad usage (as
     * {@code twinbgp frobnicate}); a script that forgot the command must not take it for success.
     */
    @Override
    public Integer call() {
        spec.commandLine().usage(System.err);
        return spec.exitCodeOnInvalidInput();
    }
}
