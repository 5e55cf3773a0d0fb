package dev.twinbgp.parity;

import dev.twinbgp.reactor.ReactorConfig;
import dev.twinbgp.speaker.config.ConfigException;
import dev.twinbgp.speaker.config.ConfigParser;
import dev.twinbgp.speaker.mapping.PeerSettingsMapper;
import dev.twinbgp.speaker.session.BgpSpeaker;
import dev.twinbgp.speaker.session.PeerDriver;
import dev.twinbgp.speaker.session.PerPeerListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One speaker on one reactor that serves many fuzzing cases. Each case gets a neighbor of its own
 * (127.0.X.Y, passive, all on one listening port on 127.0.0.1), so every case meets a fresh FSM in Active:
 * no restart backoff, no state left by the previous case, and the trace of a case is its neighbor's trace
 * from start to its first {@code down}.
 */
final class FuzzSpeaker implements AutoCloseable {
    private final BgpSpeaker speaker;
    private final int port;
    private final Map<String, TraceRecorder> traces = new ConcurrentHashMap<>();

    FuzzSpeaker(String reactor, int slots) throws IOException {
        port = freePort();
        StringBuilder config = new StringBuilder();
        for (int i = 0; i < slots; i++) {
            config.append("neighbor ").append(address(i)).append(" {\n  router-id 10.0.0.1;\n  local-address 127.0.0.1;\n")
                    .append("  local-as 65000;\n  peer-as 65001;\n  hold-time 180;\n  passive;\n  listen ").append(port)
                    .append(";\n  family { ipv4 unicast; }\n  capability { route-refresh enable; }\n")
                    .append("  static { route 10.200.0.0/16 next-hop 10.0.0.1; }\n}\n");
        }
        try {
            speaker = BgpSpeaker.start(reactor, ReactorConfig.defaults(),
                    PeerSettingsMapper.map(ConfigParser.parse("fuzz", config.toString())), new PerPeerListener(peer -> traces.computeIfAbsent(peer.name(), k -> new TraceRecorder())));
        } catch (ConfigException e) {
            throw new IllegalStateException("the fuzzing configuration is generated and always valid: " + e.getMessage(), e);
        }
        try {
            for (PeerDriver p : speaker.peers()) {
                ScenarioRunner.started(p);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String address(int slot) {
        return "127.0." + (1 + slot / 250) + "." + (1 + slot % 250);
    }

    /** Plays {@code c} from the neighbor of {@code slot} and returns that neighbor's normalised trace. */
    List<String> play(FuzzCase c, int slot) throws IOException, InterruptedException {
        String from = address(slot);
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            s.setTcpNoDelay(true);
            OutputStream out = s.getOutputStream();
            try {
                for (byte[] chunk : c.chunks()) {
                    out.write(chunk);
                    out.flush();
                }
                s.shutdownOutput(); // FIN, never RST: see ScriptedPeer#closeQuietly
            } catch (IOException e) {
                // the speaker closed first (it found an error); what it did is in the trace
            }
            s.setSoTimeout(10_000);
            InputStream in = s.getInputStream();
            byte[] sink = new byte[8192];
            try {
                while (in.read(sink) >= 0) {
                    // the speaker's answers are in its trace
                }
            } catch (IOException e) {
                // reset or timeout: over
            }
        }
        TraceRecorder trace = traces.computeIfAbsent(from, k -> new TraceRecorder());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!trace.sealed() && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        trace.seal();
        return TraceNormaliser.normalise(trace.lines());
    }

    @Override
    public void close() {
        speaker.shutdown(Duration.ofSeconds(1));
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return probe.getLocalPort();
        }
    }
}
