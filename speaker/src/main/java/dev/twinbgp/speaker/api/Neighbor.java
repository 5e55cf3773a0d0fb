package dev.twinbgp.speaker.api;

import dev.twinbgp.speaker.config.NeighborConfig;
import dev.twinbgp.speaker.session.PeerDriver;

/** A configured neighbor and the driver running it: what commands select and act on. */
record Neighbor(NeighborConfig config, PeerDriver driver, PeerStats stats) {
    String name() {
        return driver.name();
    }
}
