package dev.twinbgp.speaker.session;

/** Speaker A on the selector reactor, speaker B on the virtual reactor. */
class SelectorVirtualPairTest extends AbstractSpeakerPairTest {
    @Override
    String reactorA() {
        return "selector";
    }

    @Override
    String reactorB() {
        return "virtual";
    }
}
