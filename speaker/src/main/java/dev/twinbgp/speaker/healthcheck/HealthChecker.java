package dev.twinbgp.speaker.healthcheck;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loop of ExaBGP's healthcheck, as an API process of {@code twinbgp run} or ExaBGP: check, step the
 * {@link HealthFsm}, run the state's hooks on a change, write the state's {@link Announcements} to stdout (each
 * followed by reading the speaker's acknowledgement, unless {@code --no-ack}), sleep, again - until the parent
 * process is gone (ExaBGP: until it is re-parented to init) or {@link #stop()}.
 */
public final class HealthChecker {
    private static final Logger LOG = LoggerFactory.getLogger(HealthChecker.class);

    private final HealthOptions announce;
    private final CheckSettings settings;
    private final PrintStream out;
    private final BufferedReader acks;
    private final Loopback loopback;
    private final HealthFsm fsm;
    private volatile boolean stopping;
    private final Object writing = new Object();

    /** @param loopback what changes the loopback addresses on DOWN/UP ({@code --dynamic-ip-setup}), or null */
    public HealthChecker(HealthOptions announce, CheckSettings settings, PrintStream out, BufferedReader acks, Loopback loopback) {
        this.announce = announce;
        this.settings = settings;
        this.out = out;
        this.acks = acks;
        this.loopback = loopback;
        this.fsm = new HealthFsm(settings.rise(), settings.fall());
    }

    /** Runs until the parent is gone, {@link #stop()}, or after the first announcement with interval 0. */
    public void run() throws InterruptedException {
        while (!stopping && parentAlive()) {
            HealthState before = fsm.state();
            boolean disabled = settings.disableFile().map(Files::exists).orElse(false);
            boolean healthy = disabled || check();
            HealthState state = fsm.step(disabled, healthy);
            if (state != before) changed(state);
            send(state);
            if (state == HealthState.RISING || state == HealthState.FALLING) {
                sleep(settings.fastInterval().toMillis());
            } else if (settings.interval().isZero()) {
                LOG.info("interval set to zero, exiting after the announcement");
                return;
            } else {
                sleep(settings.interval().toMillis());
            }
        }
    }

    /** SIGTERM (from the shutdown hook): the EXIT commands, withdrawing every route, then the loop ends. */
    public void stop() {
        stopping = true;
        send(HealthState.EXIT);
    }

    private static boolean parentAlive() {
        return ProcessHandle.current().parent().map(p -> p.pid() != 1 && p.isAlive()).orElse(false);
    }

    private void sleep(long millis) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!stopping) {
            long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
            if (left <= 0) return;
            Thread.sleep(Math.min(left, 200));
        }
    }

    private void changed(HealthState state) {
        LOG.info("state is now {}", state);
        List<String> hooks = new ArrayList<>(settings.onState().getOrDefault(state, List.of()));
        hooks.addAll(settings.execute());
        for (String hook : hooks) {
            try {
                ProcessBuilder pb = new ProcessBuilder("sh", "-c", hook).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD).redirectInput(ProcessBuilder.Redirect.PIPE);
                pb.environment().put("STATE", state.name());
                Process p = pb.start();
                p.getOutputStream().close();
                p.waitFor();
            } catch (IOException e) {
                LOG.warn("cannot run '{}': {}", hook, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (loopback != null) {
            if (state == HealthState.UP) loopback.restore();
            if (state == HealthState.DOWN || state == HealthState.DISABLED) loopback.remove();
        }
    }

    /** The check command through {@code sh -c}: true when it exits 0 within the timeout. */
    private boolean check() throws InterruptedException {
        if (settings.command().isEmpty()) return true;
        String command = settings.command().get();
        LOG.debug("checking with {}", command);
        Process p;
        try {
            p = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.PIPE).start();
            p.getOutputStream().close();
        } catch (IOException e) {
            LOG.warn("cannot run the check command: {}", e.getMessage());
            return false;
        }
        byte[][] output = new byte[1][];
        Thread reader = Thread.ofVirtual().start(() -> {
            try (InputStream in = p.getInputStream()) {
                output[0] = in.readAllBytes();
            } catch (IOException e) {
                output[0] = new byte[0];
            }
        });
        long timeout = settings.timeout().toMillis();
        if (timeout > 0 && !p.waitFor(timeout, TimeUnit.MILLISECONDS)) {
            LOG.warn("timeout ({} s) while running the check command {}", settings.timeout().toSeconds(), command);
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            return false;
        }
        int code = p.waitFor();
        reader.join(1000);
        if (code != 0) {
            LOG.warn("check command was unsuccessful: {}", code);
            String text = output[0] == null ? "" : new String(output[0]).strip();
            if (!text.isEmpty()) LOG.info("output of the check command: {}", text);
            return false;
        }
        return true;
    }

    private void send(HealthState state) {
        List<String> commands = Announcements.commands(announce, state);
        if (!commands.isEmpty()) LOG.info("sending announces for the {} state", state);
        synchronized (writing) {
            for (String command : commands) {
                LOG.debug("command: {}", command);
                out.println(command);
                out.flush();
                if (settings.noAck() || state == HealthState.EXIT) continue;
                try {
                    String answer = acks.readLine(); // "done", or "error" when the speaker refused it
                    if (answer == null) {
                        stopping = true; // the speaker closed our input: it is going away
                        return;
                    }
                    if (!answer.strip().equals("done")) LOG.warn("the speaker answered '{}' to: {}", answer.strip(), command);
                } catch (IOException e) {
                    stopping = true;
                    return;
                }
            }
        }
    }
}
