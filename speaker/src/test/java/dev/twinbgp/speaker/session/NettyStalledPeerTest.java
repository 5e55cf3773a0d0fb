package dev.twinbgp.speaker.session;

/** A peer that stops reading, against the netty reactor. */
class NettyStalledPeerTest extends AbstractStalledPeerTest {
    @Override
    String reactor() {
        return "netty";
    }
}
