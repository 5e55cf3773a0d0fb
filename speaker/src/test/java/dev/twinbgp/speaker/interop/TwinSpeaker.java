package dev.twinbgp.speaker.interop;

import dev.twinbgp.bgp.wire.family.Family;
import dev.twinbgp.reactor.ReactorConfig;
import dev.twinbgp.speaker.events.JsonEventListener;
import dev.twinbgp.speaker.json.ExaJson;
import dev.twinbgp.speaker.session.BgpSpeaker;
import dev.twinbgp.speaker.session.PeerDriver;
import dev.twinbgp.speaker.session.PeerSettings;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Our side of an interop test: a twinbgp speaker with one peer (a daemon) on the reactor under test, every JSON
 * event it writes collected in {@link #json()} as ExaBGP's JSON lines.
 */
final class TwinSpeaker implements AutoCloseable {
    private final BgpSpeaker speaker;
    private final PeerDriver peer;
    private final Queue<String> json = new ConcurrentLinkedQueue<>();

    private TwinSpeaker(String reactor, List<PeerSettings> settings) throws Exception {
        speaker = BgpSpeaker.start(reactor, ReactorConfig.defaults(), settings, new JsonEventListener(ExaJson.system(), json::add));
        peer = speaker.peer(settings.get(0).peerAddress().getHostAddress());
    }

    static TwinSpeaker start(String reactor, List<PeerSettings> settings) throws Exception {
        return new TwinSpeaker(reactor, settings);
    }

    /** Our session with the daemon. */
    PeerDriver peer() {
        return peer;
    }

    /** The JSON lines written so far. */
    Queue<String> json() {
        return json;
    }

    /** All JSON lines so far, one a line, without spaces (so checks need not follow the encoder's spacing). */
    String jsonText() {
        return String.join("\n", json).replace(" ", "");
    }

    /** Waits until {@code holds} is true of {@link #jsonText()}; on timeout fails with our JSON and the daemon's log. */
    void awaitJson(String what, Predicate<String> holds, ExternalDaemon daemon) {
        Interop.until(what, () -> holds.test(jsonText()), () -> String.join("\n", json) + "\n" + daemon.log());
    }

    /** Runs {@code what} on our peer's loop (the Adj-RIBs belong to it) and returns its answer. */
    <T> T query(Supplier<T> what) {
        return Interop.query(peer, what);
    }

    /** How many routes of {@code family} our Adj-RIB-In holds. */
    long received(Family family) {
        return query(() -> peer.adjRibIn().routes().stream().filter(r -> r.family().equals(family)).count());
    }

    /** Stops the speaker: a Cease to the daemon. Again is harmless. */
    @Override
    public void close() {
        speaker.close();
    }
}
