package dev.twinbgp.speaker.session;

/** Speaker A on the selector reactor, speaker B on the selector reactor. */
class SelectorSelectorPairTest extends AbstractSpeakerPairTest {
    @Override
    String reactorA() {
        return "selector";
    }

    @Override
    String reactorB() {
        return "selector";
    }
}
