package dev.twinbgp.speaker.session;

/** Speaker A on the virtual reactor, speaker B on the selector reactor. */
class VirtualSelectorPairTest extends AbstractSpeakerPairTest {
    @Override
    String reactorA() {
        return "virtual";
    }

    @Override
    String reactorB() {
        return "selector";
    }
}
