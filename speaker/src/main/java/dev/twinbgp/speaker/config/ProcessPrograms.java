package dev.twinbgp.speaker.config;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether each {@code process}'s program can be started, checked before anything starts ({@code run},
 * {@code validate}, a reload), as ExaBGP's parser checks its {@code run} (configuration/process/parser.py: "can not
 * locate the the program", "exabgp will not be able to run this program"): a program that is not there would
 * otherwise only be logged, and tried again, for as long as the daemon runs. Not part of the parser: a file may be
 * read where its programs do not exist (ExaBGP's conformance configurations name programs they do not ship).
 */
public final class ProcessPrograms {
    private ProcessPrograms() {
    }

    /**
     * The first process whose program cannot be started, as one sentence at the program's place:
     * {@code FILE:LINE:COLUMN: process NAME: cannot run PROGRAM: WHY}; empty when every one can be. A program with a
     * {@code /} is the file it names (a relative one was resolved against the configuration's folder when the file
     * was read); a bare name is looked up in {@code PATH}, as the process is started.
     */
    public static Optional<String> missing(Configuration configuration) {
        for (ProcessConfig process : configuration.processes()) {
            String program = process.command().get(0);
            String why = program.contains("/") ? file(program) : onPath(program);
            if (why != null) {
                return Optional.of(ConfigException.place(configuration.source(),
                        Optional.ofNullable(configuration.programs().get(process.name())))
                        + ": process " + process.name() + ": cannot run " + program + ": " + why);
            }
        }
        return Optional.empty();
    }

    private static String file(String program) {
        Path path;
        try {
            path = Path.of(program);
        } catch (InvalidPathException e) {
            return "not a file name";
        }
        if (!Files.exists(path)) {
            return "no such file";
        }
        if (Files.isDirectory(path)) {
            return "is a directory";
        }
        if (!Files.isExecutable(path)) {
            return "not executable (chmod +x it, or name its interpreter first: run /bin/sh " + program + ")";
        }
        return null;
    }

    private static String onPath(String program) {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                try {
                    Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
                    if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                        return null;
                    }
                } catch (InvalidPathException e) {
                    // an entry that is no path holds nothing
                }
            }
        }
        return "not found in PATH (a program beside the configuration is written ./" + program + ")";
    }
}
