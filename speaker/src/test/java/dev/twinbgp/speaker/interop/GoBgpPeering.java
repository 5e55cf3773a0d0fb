package dev.twinbgp.speaker.interop;

import dev.twinbgp.speaker.session.Ports;
import java.nio.file.Path;

/**
 * GoBGP peered with our speaker ({@link Peering}): GoBGP connects to our listening port; we are passive and never
 * connect, so exactly one TCP connection forms. GoBGP's client talks to it on a third port.
 */
final class GoBgpPeering extends Peering<GoBgp> {
    private final GoBgp gobgp;

    GoBgpPeering(Path dir, String reactor, String ours, String theirs, long ourAs, long theirAs) {
        super("gobgp", reactor, ours, theirs, ourAs, theirAs);
        int apiPort = Ports.freeOn(theirs);
        while (apiPort == theirPort) {
            apiPort = Ports.freeOn(theirs);
        }
        gobgp = new GoBgp(dir, theirs, theirPort, apiPort, theirAs, ours, ourPort, ourAs, HOLD_TIME, false);
    }

    @Override
    GoBgp daemon() {
        return gobgp;
    }

    @Override
    boolean daemonConnects() {
        return true;
    }

    @Override
    boolean daemonEstablished() {
        return gobgp.sessionState() == GoBgp.ESTABLISHED;
    }
}
