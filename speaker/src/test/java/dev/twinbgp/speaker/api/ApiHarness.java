package dev.twinbgp.speaker.api;

import dev.twinbgp.speaker.session.Await;
import dev.twinbgp.speaker.session.Ports;

import dev.twinbgp.bgp.fsm.SessionConfig;
import dev.twinbgp.bgp.fsm.State;
import dev.twinbgp.bgp.rib.Route;
import dev.twinbgp.reactor.ReactorConfig;
import dev.twinbgp.speaker.config.ConfigParser;
import dev.twinbgp.speaker.config.Configuration;
import dev.twinbgp.speaker.config.NeighborConfig;
import dev.twinbgp.speaker.session.BgpSpeaker;
import dev.twinbgp.speaker.session.PeerDriver;
import dev.twinbgp.speaker.session.PeerSettings;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Two speakers on loopback: "twin" (127.0.0.2) runs the API layer under test, configured from ExaBGP
 * text; "peer" (127.0.0.3) is a plain speaker that records what it gets. Twin connects, peer listens.
 * PeerSettings for twin are built here from the parsed neighbor (the configuration mapping is not ours).
 */
final class ApiHarness implements AutoCloseable {
    static final String TWIN = "127.0.0.2";
    static final String PEER = "127.0.0.3";

    final Api api;
    final BgpSpeaker twin;
    final BgpSpeaker peer;
    final Recorder twinEvents = new Recorder();
    final Recorder peerEvents = new Recorder();

    private ApiHarness(String twinReactor, String peerReactor, Configuration config, Api.Options options,
                       List<Route> peerRoutes, boolean peerGroupUpdates, int port) throws Exception {
        NeighborConfig n = config.neighbors().get(0);
        SessionConfig twinSession = SessionConfig.builder(n.localAs(), n.peerAs(), n.routerId().orElseThrow().toUnsignedInt())
                .holdTime(n.holdTime()).connectRetryTime(1).families(n.families()).operational(n.capabilities().operational()).active(true).passive(false).build();
        PeerSettings twinSettings = new PeerSettings(inet(n.peerAddress().toString()), port,
                inet(n.localAddress().orElseThrow().toString()), 0, twinSession, n.groupUpdates(), n.manualEor(), List.of());
        SessionConfig peerSession = SessionConfig.builder(n.peerAs(), n.localAs(), 0x7F000003L)
                .holdTime(n.holdTime()).connectRetryTime(1).families(n.families()).operational(n.capabilities().operational()).active(false).passive(true).build();
        PeerSettings peerSettings = new PeerSettings(inet(TWIN), port, inet(PEER), port, peerSession, peerGroupUpdates,
                false, peerRoutes);
        peer = BgpSpeaker.start(peerReactor, ReactorConfig.defaults(), List.of(peerSettings), peerEvents);
        api = Api.create(config, options);
        BgpSpeaker started = null;
        try {
            started = BgpSpeaker.start(twinReactor, ReactorConfig.defaults(), List.of(twinSettings),
                    Api.fanOut(api.listener(), twinEvents));
            api.start(started);
        } catch (Exception e) {
            api.close();
            if (started != null) {
                started.close();
            }
            peer.close();
            throw e;
        }
        twin = started;
    }

    /**
     * Starts both; {@code configText} is an ExaBGP configuration for twin whose {@code PORT} is replaced by
     * the port peer listens on.
     */
    static ApiHarness start(String twinReactor, String peerReactor, Path dir, String configText, Api.Options options,
                            List<Route> peerRoutes, boolean peerGroupUpdates) throws Exception {
        int port = Ports.freeOn(TWIN, PEER);
        Path file = dir.resolve("twinbgp.conf");
        Files.writeString(file, configText.replace("PORT", Integer.toString(port)));
        return new ApiHarness(twinReactor, peerReactor, ConfigParser.parse(file), options, peerRoutes, peerGroupUpdates, port);
    }

    PeerDriver twinSide() {
        return twin.peer(PEER);
    }

    PeerDriver peerSide() {
        return peer.peer(TWIN);
    }

    boolean established() {
        return twinSide().state() == State.ESTABLISHED && peerSide().state() == State.ESTABLISHED;
    }

    static int ribInSize(PeerDriver p) {
        return query(p, () -> p.adjRibIn().size());
    }

    /**
     * {@code q} run on {@code p}'s loop. A loop that does not answer within {@link Await#LONG} fails the test (an
     * Await polling it would otherwise hang in its condition, past its own timeout): only to avoid hanging.
     */
    static <T> T query(PeerDriver p, Supplier<T> q) {
        try {
            return p.query(q).get(Await.LONG.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("peer " + p.name() + ": its loop did not answer a query within "
                    + Await.LONG.toSeconds() + " s: blocked?", e);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A script file (sh) in {@code dir}, its body as given. */
    static Path script(Path dir, String name, String body) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, body);
        return file;
    }

    static InetAddress inet(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public void close() {
        api.close();
        twin.close();
        peer.close();
    }
}
