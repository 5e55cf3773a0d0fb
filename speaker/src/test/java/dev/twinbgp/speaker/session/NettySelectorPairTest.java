package dev.twinbgp.speaker.session;

/** Speaker A on the netty reactor, speaker B on the selector reactor. */
class NettySelectorPairTest extends AbstractSpeakerPairTest {
    @Override
    String reactorA() {
        return "netty";
    }

    @Override
    String reactorB() {
        return "selector";
    }
}
