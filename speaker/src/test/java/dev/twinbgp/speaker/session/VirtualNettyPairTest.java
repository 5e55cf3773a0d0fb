package dev.twinbgp.speaker.session;

/** Speaker A on the virtual reactor, speaker B on the netty reactor. */
class VirtualNettyPairTest extends AbstractSpeakerPairTest {
    @Override
    String reactorA() {
        return "virtual";
    }

    @Override
    String reactorB() {
        return "netty";
    }
}
