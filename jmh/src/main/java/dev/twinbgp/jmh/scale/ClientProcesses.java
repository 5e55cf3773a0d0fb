package dev.twinbgp.jmh.scale;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The client processes of one session-scale trial ({@link ScalePlan}): {@code sessions} sessions over
 * {@code listeners} speaker addresses, so {@code ceil(sessions / listeners)} child JVMs, process
 * {@code k} running sessions {@code k * listeners ..}. Started once per trial; every run tells them
 * all to {@link #go} and {@link #stop}.
 */
public final class ClientProcesses implements AutoCloseable {
    private final List<ClientProcess> processes;
    private final int sessions;
    private final int listeners;

    private ClientProcesses(List<ClientProcess> processes, int sessions, int listeners) {
        this.processes = processes;
        this.sessions = sessions;
        this.listeners = listeners;
    }

    /**
     * Starts the processes for {@code sessions} clients on {@code reactor}, hold time {@code holdTime} s,
     * towards at most {@code maxListeners} speaker addresses, and waits until all are loaded.
     */
    public static ClientProcesses start(String reactor, int sessions, int maxListeners, int holdTime)
            throws IOException, InterruptedException {
        int listeners = ScalePlan.listeners(sessions, maxListeners);
        List<ClientProcess> started = new ArrayList<>();
        ClientProcesses all = new ClientProcesses(started, sessions, listeners);
        try {
            for (int first = 0; first < sessions; first += listeners) {
                started.add(ClientProcess.spawn(reactor, first, Math.min(listeners, sessions - first), listeners, holdTime));
            }
            for (ClientProcess p : started) {
                p.awaitReady();
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            all.close();
            throw e;
        }
        return all;
    }

    int sessions() {
        return sessions;
    }

    int listeners() {
        return listeners;
    }

    int processes() {
        return processes.size();
    }

    /** Tells every client to connect to {@code port}: all processes at once. */
    void go(int port) throws IOException {
        for (ClientProcess p : processes) {
            p.go(port);
        }
    }

    /** Stops every client's sessions (Cease) and waits until they are closed. */
    void stop() throws IOException, InterruptedException {
        for (ClientProcess p : processes) {
            p.stop();
        }
        for (ClientProcess p : processes) {
            p.awaitStopped();
        }
    }

    boolean alive() {
        return processes.stream().allMatch(ClientProcess::alive);
    }

    String tail() {
        StringBuilder out = new StringBuilder();
        for (int k = 0; k < processes.size(); k++) {
            String t = processes.get(k).tail();
            if (!t.isEmpty()) {
                out.append(out.isEmpty() ? "" : " || ").append("process ").append(k).append(": ").append(t);
            }
        }
        return out.toString();
    }

    /** Ends every process (see {@link ClientProcess#close}). */
    @Override
    public void close() {
        processes.forEach(ClientProcess::close);
    }
}
