package dev.twinbgp.speaker.session;

/** A peer that stops reading, against the selector reactor. */
class SelectorStalledPeerTest extends AbstractStalledPeerTest {
    @Override
    String reactor() {
        return "selector";
    }
}
