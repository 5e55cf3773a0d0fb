package dev.twinbgp.speaker.session;

/** Speaker A on the virtual reactor, speaker B on the virtual reactor. */
class VirtualVirtualPairTest extends AbstractSpeakerPairTest {
    @Override
    String reactorA() {
        return "virtual";
    }

    @Override
    String reactorB() {
        return "virtual";
    }
}
