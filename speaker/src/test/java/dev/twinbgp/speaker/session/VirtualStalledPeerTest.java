package dev.twinbgp.speaker.session;

/** A peer that stops reading, against the virtual reactor. */
class VirtualStalledPeerTest extends AbstractStalledPeerTest {
    @Override
    String reactor() {
        return "virtual";
    }
}
