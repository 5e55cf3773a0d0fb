package dev.twinbgp.speaker.session;

/** Speaker A on the netty reactor, speaker B on the virtual reactor. */
class NettyVirtualPairTest extends AbstractSpeakerPairTest {
    @Override
    String reactorA() {
        return "netty";
    }

    @Override
    String reactorB() {
        return "virtual";
    }
}
