package dev.twinbgp.speaker.config;

import java.util.List;

/**
 * {@code process NAME { run COMMAND ARGS; encoder json|text; }}: an external program speaking ExaBGP's API.
 *
 * @param command the program and its arguments, as written (quoted words keep their blanks)
 * @param respawn {@code respawn true|false;}: start the program again when it exits (ExaBGP's default: true)
 */
public record ProcessConfig(String name, List<String> command, Encoder encoder, boolean respawn) {

    public ProcessConfig(String name, List<String> command, Encoder encoder) {
        this(name, command, encoder, true);
    }

    /** The format of messages sent to the process; ExaBGP's default is {@link #TEXT}. */
    public enum Encoder {
        TEXT, JSON;

        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public ProcessConfig {
        command = List.copyOf(command);
    }

    /** This process with a relative program path ({@code ./run/x}, not a bare name) resolved against {@code folder}. */
    ProcessConfig relativeTo(java.nio.file.Path folder) {
        String program = command.get(0);
        if (!program.contains("/") || program.startsWith("/")) {
            return this;
        }
        List<String> resolved = new java.util.ArrayList<>(command);
        resolved.set(0, folder.resolve(program).normalize().toString());
        return new ProcessConfig(name, resolved, encoder, respawn);
    }
}
