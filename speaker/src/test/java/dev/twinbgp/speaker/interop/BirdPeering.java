package dev.twinbgp.speaker.interop;

import java.nio.file.Path;

/** BIRD 2 peered with our speaker ({@link Peering}): BIRD is {@code passive}, we connect. */
final class BirdPeering extends Peering<Bird> {
    private final Bird bird;

    BirdPeering(Path dir, String reactor, String ours, String theirs, long ourAs, long theirAs) {
        super("bird", reactor, ours, theirs, ourAs, theirAs);
        bird = new Bird(dir, theirs, theirPort, theirAs, ours, ourPort, ourAs, HOLD_TIME, true);
    }

    @Override
    Bird daemon() {
        return bird;
    }

    @Override
    boolean daemonConnects() {
        return false;
    }

    @Override
    void awaitReady() {
        bird.await("BIRD up", Interop.LONG, () -> bird.birdc("show", "protocols").contains("peer"));
    }

    @Override
    boolean daemonEstablished() {
        return bird.established();
    }
}
