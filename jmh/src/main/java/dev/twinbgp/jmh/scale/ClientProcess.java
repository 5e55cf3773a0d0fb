package dev.twinbgp.jmh.scale;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM running {@link ScaleClients}: same JDK, same class path, the module and native-access
 * flags of this JVM, a small serial-GC heap (the clients must disturb the measured JVM as little as
 * a separate process can on a shared machine). Its output is drained by a daemon thread (a full
 * pipe would block the child) and its last lines kept for error messages. One process serves many
 * runs: {@link #go} starts its sessions towards a port, {@link #stop} ends them. The benchmark runs
 * several of them ({@link ClientProcesses}).
 */
final class ClientProcess implements AutoCloseable {
    private static final int TAIL_LINES = 20;
    /**
     * System property: the clients' log level (default WARN; their last lines appear in a failed run's
     * message, so INFO there shows why the clients dropped sessions). Pass it to the JMH fork with
     * {@code -jvmArgsAppend -Dtwinbgp.scale.clients.log=INFO}.
     */
    static final String CLIENT_LOG_LEVEL = "twinbgp.scale.clients.log";

    private final Process process;
    private final CountDownLatch ready = new CountDownLatch(1);
    private final Semaphore stopped = new Semaphore(0);
    private final int sessions;
    private final Deque<String> tail = new ArrayDeque<>();

    private ClientProcess(Process process, int sessions) {
        this.process = process;
        this.sessions = sessions;
        Thread drain = new Thread(this::drain, "scale-clients-output");
        drain.setDaemon(true);
        drain.start();
    }

    /**
     * Starts the child, whose clients (sessions {@code first .. first+sessions-1} of a plan with
     * {@code listeners} speaker addresses) run on {@code reactor} with hold time {@code holdTime} s;
     * {@link #awaitReady} waits until it is loaded.
     */
    static ClientProcess spawn(String reactor, int first, int sessions, int listeners, int holdTime) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            // --enable-native-access, --sun-misc-unsafe-memory-access and the like: the flags that
            // keep the JVM quiet about Netty; not JMH's or surefire's own (agents, compile commands).
            if (arg.startsWith("--")) {
                cmd.add(arg);
            }
        }
        cmd.addAll(List.of("-Xmx512m", "-XX:+UseSerialGC", "-Dtwinbgp.log.level=" + System.getProperty(CLIENT_LOG_LEVEL, "WARN"),
                "-cp", System.getProperty("java.class.path"), ScaleClients.class.getName(),
                reactor, Integer.toString(first), Integer.toString(sessions), Integer.toString(listeners),
                Integer.toString(holdTime)));
        return new ClientProcess(new ProcessBuilder(cmd).redirectErrorStream(true).start(), sessions);
    }

    /** Waits until the child is loaded (it printed {@value ScaleClients#READY}). */
    void awaitReady() throws InterruptedException {
        if (!ready.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the client process did not start: " + tail());
        }
    }

    int sessions() {
        return sessions;
    }

    /** Tells the clients to connect to {@code port}, all at once. */
    void go(int port) throws IOException {
        send(ScaleClients.GO + " " + port);
    }

    /** Tells the clients to stop their sessions (Cease); {@link #awaitStopped} waits until they are closed. */
    void stop() throws IOException {
        send(ScaleClients.STOP);
    }

    void awaitStopped() throws InterruptedException {
        if (!stopped.tryAcquire(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the clients did not stop within 30 s: " + tail());
        }
    }

    private void send(String line) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
        in.flush();
    }

    boolean alive() {
        return process.isAlive();
    }

    synchronized String tail() {
        return String.join(" | ", tail);
    }

    private void drain() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.equals(ScaleClients.READY)) {
                    ready.countDown();
                    continue;
                }
                if (line.equals(ScaleClients.STOPPED)) {
                    stopped.release();
                    continue;
                }
                synchronized (this) {
                    if (tail.size() == TAIL_LINES) {
                        tail.removeFirst();
                    }
                    tail.addLast(line);
                }
            }
        } catch (IOException e) {
            // the child ended; its exit is handled by close()
        }
    }

    /** Ends input (the clients send Cease and exit); kills the child if it has not exited in 10 s. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        try {
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
