package dev.twinbgp.speaker.interop;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A real BGP daemon (BIRD, GoBGP) started as a child process on a loopback address with a
 * generated configuration, stopped by {@link #close()}. Its output goes to a log file in
 * its working directory; {@link #log()} reads it for failure messages.
 *
 * <p>Public, with {@link Bird} and {@link GoBgp}, for the jmh module's anchor benchmark, which
 * starts the same daemons from speaker's test-jar.
 */
public abstract class ExternalDaemon implements AutoCloseable {
    final Path dir;
    private Process process;

    ExternalDaemon(Path dir) {
        this.dir = dir;
    }

    abstract List<String> command() throws IOException;

    abstract String name();

    public final void start() throws IOException {
        Files.createDirectories(dir);
        ProcessBuilder pb = new ProcessBuilder(command()).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name() + ".log").toFile());
        process = pb.start();
    }

    public final String log() {
        try {
            return Files.readString(dir.resolve(name() + ".log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** The daemon's process id (for its peak RSS in /proc), -1 before {@link #start}. */
    public final long pid() {
        return process == null ? -1 : process.pid();
    }

    public final boolean alive() {
        return process != null && process.isAlive();
    }

    /**
     * Runs a client command (gobgp, birdc) and returns its output; fails with its output. The
     * output goes to a file, not a pipe, so a client that hangs is killed after 30 s instead of
     * blocking the read for ever.
     */
    static String run(List<String> cmd) {
        Path out = null;
        try {
            out = Files.createTempFile("twinbgp-client", ".out");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + cmd);
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " exited " + p.exitValue() + ": " + text);
            }
            return text;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + cmd + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException ignored) {
                    // a temp file left behind is harmless
                }
            }
        }
    }

    /** Polls {@code condition} until it holds; on timeout fails with {@code what} and the daemon's log. */
    public final void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (IllegalStateException notYet) {
                // a client command failed (daemon not ready yet): retry until the deadline
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + " on " + name() + "; its log:\n" + log());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    /** Whether {@code binary} is an executable on the PATH (or in /usr/sbin, /sbin, where Debian puts bird). */
    public static boolean installed(String binary) {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin" + File.pathSeparator + "/sbin";
        for (String d : path.split(File.pathSeparator)) {
            if (!d.isEmpty() && new File(d, binary).canExecute()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
