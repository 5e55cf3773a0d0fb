package dev.twinbgp.jmh.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A daemon process started in its own directory, its output in a log file there; stopped with SIGTERM, then SIGKILL. */
final class LocalProcess {
    private final Process process;
    private final Path log;

    private LocalProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static LocalProcess start(Path dir, String name, List<String> command) throws IOException {
        Files.createDirectories(dir);
        Path log = dir.resolve(name + ".log");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        return new LocalProcess(p, log);
    }

    long pid() {
        return process.pid();
    }

    /** This process and its descendants (OpenBGPD forks its route engine and session engine). */
    List<Long> pids() {
        List<Long> out = new ArrayList<>();
        out.add(process.pid());
        process.descendants().forEach(h -> out.add(h.pid()));
        return out;
    }

    boolean alive() {
        return process.isAlive();
    }

    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    void stop() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs a client command to completion (at most 30 s) and returns its output; fails with it on a non-zero exit. */
    static String run(List<String> command) {
        try {
            Path out = Files.createTempFile("twinbgp-daemon-client", ".out");
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("timed out: " + command);
                }
                String text = Files.readString(out, StandardCharsets.UTF_8);
                if (p.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", command) + " exited " + p.exitValue() + ": " + text);
                }
                return text;
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Thrown by a readiness check whose process is gone: {@link #await} stops waiting at once. */
    static final class Exited extends RuntimeException {
        Exited(String message) {
            super(message);
        }
    }

    /** Polls {@code ready} every 50 ms (exceptions count as not yet) until it holds or {@code seconds} pass. */
    static void await(String what, int seconds, java.util.function.BooleanSupplier ready, LocalProcess p) {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                if (ready.getAsBoolean()) {
                    return;
                }
            } catch (Exited e) {
                throw e; // the check says it never will be
            } catch (RuntimeException e) {
                // not up yet
            }
            if (p != null && !p.alive()) {
                throw new IllegalStateException(what + ": the process exited; its log:\n" + Receiver.tailOf(p.log()));
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(what + ": not within " + seconds + " s" + (p == null ? "" : "; log:\n" + Receiver.tailOf(p.log())));
    }
}
