package dev.twinbgp.jmh.daemon;

import dev.twinbgp.jmh.anchor.Anchor;
import dev.twinbgp.jmh.anchor.AnchorReceiver;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** BIRD 2 or GoBGP, as the JMH anchor benchmark runs them ({@link AnchorReceiver}), polled through their counter. */
final class AnchorDaemon implements Receiver {
    private final Anchor anchor;
    private final AnchorReceiver daemon;

    private AnchorDaemon(Anchor anchor, AnchorReceiver daemon) {
        this.anchor = anchor;
        this.daemon = daemon;
    }

    static AnchorDaemon start(Anchor anchor, Path dir, Endpoint at) throws IOException {
        return new AnchorDaemon(anchor, AnchorReceiver.start(anchor, dir,
                new AnchorReceiver.Endpoint(at.address(), at.port(), at.asn(), at.peerAddress(), at.peerAsn())));
    }

    @Override
    public String name() {
        return anchor.displayName();
    }

    @Override
    public long held() {
        return daemon.routesImported();
    }

    @Override
    public long pollNanos() {
        return anchor.pollInterval().toNanos();
    }

    @Override
    public List<Long> pids() {
        return List.of(daemon.pid());
    }

    @Override
    public boolean alive() {
        return daemon.alive();
    }

    @Override
    public String tail() {
        return daemon.diagnostics() + "\n" + Receiver.tailOf(daemon.log());
    }

    @Override
    public void close() {
        daemon.close();
    }
}
