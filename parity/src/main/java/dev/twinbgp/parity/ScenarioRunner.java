package dev.twinbgp.parity;

import dev.twinbgp.reactor.ReactorConfig;
import dev.twinbgp.speaker.config.ConfigException;
import dev.twinbgp.speaker.config.ConfigParser;
import dev.twinbgp.speaker.config.Configuration;
import dev.twinbgp.speaker.mapping.PeerSettingsMapper;
import dev.twinbgp.speaker.session.BgpSpeaker;
import dev.twinbgp.speaker.session.PeerDriver;
import dev.twinbgp.speaker.session.PeerSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one scenario on one reactor: binds the ports the placeholders stand for, starts a {@link BgpSpeaker}
 * with the scenario's configuration and a {@link TraceRecorder}, plays the script with a
 * {@link ScriptedPeer}, then waits for the speaker to notice the end of the connection before sealing the
 * trace, so the harness's own teardown never shows in it.
 */
public final class ScenarioRunner {
    /** Bounds a script that hangs (each step has its own, shorter, timeout). */
    private static final long SCRIPT_LIMIT_SECONDS = 180;
    private static final long SETTLE_MILLIS = 5_000;

    private ScenarioRunner() {
    }

    /** The configuration with the placeholders replaced, as the speaker runs it. */
    static String configure(Scenario scenario, int peerPort, int speakerPort) {
        return scenario.config().replace("$PEER_PORT", Integer.toString(peerPort))
                .replace("$SPEAKER_PORT", Integer.toString(speakerPort));
    }

    /** Checks that the configuration parses and maps to exactly one neighbor (ports are placeholders here). */
    static List<PeerSettings> settings(Scenario scenario, String config) throws ScenarioException {
        return settings(scenario, configuration(scenario, config));
    }

    static Configuration configuration(Scenario scenario, String config) throws ScenarioException {
        try {
            return ConfigParser.parse(scenario.source(), config);
        } catch (ConfigException e) {
            throw new ScenarioException(e.getMessage());
        }
    }

    static List<PeerSettings> settings(Scenario scenario, Configuration configuration) throws ScenarioException {
        List<PeerSettings> settings;
        try {
            settings = PeerSettingsMapper.map(configuration);
        } catch (ConfigException e) {
            throw new ScenarioException(e.getMessage());
        }
        if (settings.size() != 1) {
            throw new ScenarioException(scenario.source() + ": the configuration must have exactly one neighbor, found "
                    + settings.size());
        }
        return settings;
    }

    public static RunResult run(Scenario scenario, String reactor) throws ScenarioException {
        long start = System.nanoTime();
        InetAddress loopback = InetAddress.getLoopbackAddress();
        boolean refuseFirst = scenario.steps().getFirst() instanceof Step.Refuse;
        boolean hangFirst = scenario.steps().getFirst() instanceof Step.Hang || scenario.steps().getFirst() instanceof Step.HangHeld;
        try (PeerPort server = refuseFirst ? PeerPort.refusing(loopback)
                : hangFirst ? PeerPort.hanging(loopback) : PeerPort.listening(loopback)) {
            int speakerPort = scenario.steps().stream().map(Step::unwrap).anyMatch(st -> st instanceof Step.Connect) ? freePort(loopback) : 1;
            Configuration configuration = configuration(scenario, configure(scenario, server.port(), speakerPort));
            List<PeerSettings> settings = settings(scenario, configuration);
            TraceRecorder trace = new TraceRecorder(scenario.sessions());
            boolean usesApi = scenario.steps().stream().map(Step::unwrap).anyMatch(st -> st instanceof Step.Api);
            ApiAdapter api = usesApi ? ApiAdapter.create(configuration, trace) : null;
            BgpSpeaker speaker;
            try {
                speaker = BgpSpeaker.start(reactor, scenario.reactorConfig(), settings, api == null ? trace : api.listener());
            } catch (IOException e) {
                if (api != null) {
                    api.close();
                }
                return new RunResult(scenario.name(), reactor, List.of(), "speaker: " + e.getMessage(), elapsed(start));
            }
            try {
                PeerDriver peer = speaker.peers().getFirst();
                if (api != null) {
                    api.start(speaker);
                }
                SpeakerControl control = new RunControl(peer, trace, api, scenario.reactorConfig().readBudgetBytes());
                ScriptedPeer script = new ScriptedPeer(scenario, server,
                        new InetSocketAddress(loopback, speakerPort), control);
                if (!refuseFirst) {
                    // Not for a refusing port: its speaker bounces between Idle and Connect from the start,
                    // and waiting here for a non-Idle sample could outlast the refusals the script counts on.
                    started(peer);
                }
                Thread thread = script.start();
                thread.join(TimeUnit.SECONDS.toMillis(SCRIPT_LIMIT_SECONDS));
                String failure = thread.isAlive() ? "the script did not finish within " + SCRIPT_LIMIT_SECONDS + " s" : script.failure();
                server.close(); // a reconnecting speaker is refused from now on
                settle(trace);
                await(peer.query(() -> {
                    trace.seal();
                    return null;
                }));
                List<String> lines = TraceNormaliser.normalise(trace.lines());
                if (failure == null) {
                    failure = traceFailure(scenario, lines);
                }
                return new RunResult(scenario.name(), reactor, lines, failure, elapsed(start));
            } finally {
                if (api != null) {
                    api.close();
                }
                speaker.shutdown(Duration.ofSeconds(1));
            }
        } catch (IOException e) {
            return new RunResult(scenario.name(), reactor, List.of(), "harness: " + e, elapsed(start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new RunResult(scenario.name(), reactor, List.of(), "interrupted", elapsed(start));
        }
    }

    /**
     * Waits (at most 5 s) until the peer has left Idle. A connection accepted in Idle is refused (RFC 4271
     * section 8.2.2), so a script that connected at once would race the start (seen on netty while
     * {@code BgpSpeaker.start} bound the listening socket before the peer's ManualStart had run; it now binds
     * after every Start has run, so this returns at once - kept as the scenario's own guard).
     */
    static void started(PeerDriver peer) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (peer.state() == dev.twinbgp.bgp.fsm.State.IDLE && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
    }


    /**
     * The script closed its socket; wait for the speaker to see it: its {@code down} seals the trace. A
     * speaker that never had a connection has nothing to wait for.
     */
    private static void settle(TraceRecorder trace) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SETTLE_MILLIS);
        while (!trace.sealed() && !trace.quiet() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    static <T> T await(java.util.concurrent.CompletableFuture<T> f) {
        try {
            return f.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the trace will miss the entry, and the comparison will say so
        }
        return null;
    }

    /** The {@code trace} steps, in order, each after the line the previous one matched; null when all match. */
    static String traceFailure(Scenario scenario, List<String> lines) {
        int from = 0;
        for (Step step : scenario.steps()) {
            if (step instanceof Step.TraceExpect t) {
                int found = -1;
                for (int i = from; i < lines.size() && found < 0; i++) {
                    if (t.pattern().matcher(lines.get(i)).find()) {
                        found = i;
                    }
                }
                if (found < 0) {
                    return "line " + t.line() + ": no trace line " + (from == 0 ? "" : "after line " + from + " of the trace ")
                            + "matches '" + t.pattern() + "'";
                }
                from = found + 1;
            }
        }
        return null;
    }


    private static int freePort(InetAddress at) throws IOException {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(at, 0));
            return probe.getLocalPort();
        }
    }

    private static Duration elapsed(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
