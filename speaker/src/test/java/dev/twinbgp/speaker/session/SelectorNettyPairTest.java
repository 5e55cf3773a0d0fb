package dev.twinbgp.speaker.session;

/** Speaker A on the selector reactor, speaker B on the netty reactor. */
class SelectorNettyPairTest extends AbstractSpeakerPairTest {
    @Override
    String reactorA() {
        return "selector";
    }

    @Override
    String reactorB() {
        return "netty";
    }
}
