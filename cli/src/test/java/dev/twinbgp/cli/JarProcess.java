package dev.twinbgp.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The built jar ({@code target/twinbgp.jar}) as a real process, as {@code ./twinbgp} starts it;
 * stdout and stderr are collected line by line by two threads, so the process never blocks on a
 * full pipe.
 */
final class JarProcess implements AutoCloseable {
    final Process process;
    final List<String> out = new CopyOnWriteArrayList<>();
    final List<String> err = new CopyOnWriteArrayList<>();
    private final Thread outReader;
    private final Thread errReader;

    private JarProcess(Process process) {
        this.process = process;
        this.outReader = collect(process.getInputStream(), out);
        this.errReader = collect(process.getErrorStream(), err);
    }

    /** Whether this machine's env(1) can reset a signal to its default (coreutils 8.31+), as ./twinbgp does. */
    private static final boolean DEFAULT_HUP = envResetsSignals();

    private static boolean envResetsSignals() {
        try {
            return new ProcessBuilder("env", "--default-signal=HUP", "true").start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static JarProcess start(String... args) throws IOException {
        return start(java.util.Map.of(), args);
    }

    /** With these environment variables added (TWINBGP_REACTOR is removed unless given here). */
    static JarProcess start(java.util.Map<String, String> env, String... args) throws IOException {
        Path jar = Path.of("target", "twinbgp.jar");
        assertTrue(Files.isRegularFile(jar), "the package phase builds " + jar.toAbsolutePath());
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>();
        if (args.length > 0 && args[0].equals("--as-foreground-job")) {
            args = Arrays.copyOfRange(args, 1, args.length);
            cmd.addAll(List.of("setsid", "-w", "env", "--default-signal=INT"));
        }
        if (DEFAULT_HUP) {
            // as ./twinbgp starts it: SIGHUP not ignored even when the tests run under nohup (ReloadJarIT sends it)
            cmd.addAll(List.of("env", "--default-signal=HUP"));
        }
        cmd.add(java);
        if (Runtime.version().feature() >= 23) {
            cmd.add("--sun-misc-unsafe-memory-access=allow"); // as ./twinbgp passes it
        }
        cmd.addAll(List.of("-jar", jar.toString()));
        cmd.addAll(List.of(args));
        if (args.length > 0 && args[0].equals("run") && !List.of(args).contains("--control-socket")
                && !env.containsKey("XDG_RUNTIME_DIR")) {
            // Each daemon gets its own control socket: the default path is shared by everything
            // this user runs, and a live socket there (another test, a developer's speaker) is an error.
            Path dir = Files.createTempDirectory("twinbgp-it");
            dir.toFile().deleteOnExit();
            cmd.addAll(List.of("--control-socket", dir.resolve("ctl.sock").toString()));
        }
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove(ReactorChoice.ENV);
        pb.environment().putAll(env);
        return new JarProcess(pb.start());
    }

    /**
     * As a foreground job of a terminal: in a session (and process group) of its own, SIGINT at its default (a
     * test run in the background inherits it ignored), so that {@link #interruptGroup} is a Ctrl-C. Needs
     * setsid(1) and env(1) with --default-signal (coreutils 8.31+).
     */
    static JarProcess startAsForegroundJob(String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of("--as-foreground-job"));
        all.addAll(List.of(args));
        return start(java.util.Map.of(), all.toArray(String[]::new));
    }

    /** Ctrl-C: SIGINT to the whole process group (a process started by {@link #startAsForegroundJob}). */
    void interruptGroup() throws IOException, InterruptedException {
        assertTrue(new ProcessBuilder("kill", "-INT", "--", "-" + process.pid()).inheritIO().start().waitFor() == 0);
    }

    private static Thread collect(InputStream in, List<String> lines) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Waits for the process to end and its output to be read; the exit code, or -1 when it is still running. */
    int waitFor(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            return -1;
        }
        outReader.join(5000);
        errReader.join(5000);
        return process.exitValue();
    }

    /** Waits (up to {@code seconds}) until a line of {@code lines} matches. */
    static boolean await(List<String> lines, Predicate<String> match, long seconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() - end < 0) {
            if (lines.stream().anyMatch(match)) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    String stderr() {
        return String.join("\n", err);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
