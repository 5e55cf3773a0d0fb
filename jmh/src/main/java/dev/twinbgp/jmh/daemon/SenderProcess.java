package dev.twinbgp.jmh.daemon;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The {@link RawSender} as a child process (a JVM of its own), driven over its stdin/stdout. */
final class SenderProcess implements AutoCloseable {
    private final Process process;
    private final PrintWriter commands;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();

    private SenderProcess(Process process) {
        this.process = process;
        this.commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.US_ASCII);
        Thread.ofPlatform().daemon().name("sender-stdout").start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII))) {
                String line;
                while ((line = in.readLine()) != null) {
                    answers.add(line);
                }
            } catch (IOException e) {
                // the sender ended
            }
            answers.add("EXITED");
        });
    }

    static SenderProcess start(Path dir, String local, Endpoint to, TableFile table) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                RawSender.class.getName(), local, to.address(), Integer.toString(to.port()), Long.toString(to.peerAsn()),
                table.path().toString()));
        Process p = new ProcessBuilder(cmd).redirectError(dir.resolve("sender.err").toFile()).start();
        return new SenderProcess(p);
    }

    /** Sends {@code command}, returns the answer line that starts with {@code expected} (other lines before it are skipped). */
    String ask(String command, String expected, long timeoutSeconds) {
        commands.println(command);
        return await(expected, timeoutSeconds);
    }

    String await(String expected, long timeoutSeconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        List<String> skipped = new ArrayList<>();
        try {
            while (true) {
                String line = answers.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null || line.equals("EXITED") || line.startsWith("ERROR")) {
                    throw new IllegalStateException("sender: expected " + expected + ", got " + (line == null ? "nothing" : line)
                            + (skipped.isEmpty() ? "" : " after " + skipped));
                }
                if (line.startsWith(expected)) {
                    return line;
                }
                skipped.add(line);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static long nanos(String answer) {
        return Long.parseLong(answer.substring(answer.indexOf(' ') + 1).strip());
    }

    @Override
    public void close() {
        commands.println("QUIT");
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
