package dev.twinbgp.speaker.session;

/** Speaker A on the netty reactor, speaker B on the netty reactor. */
class NettyNettyPairTest extends AbstractSpeakerPairTest {
    @Override
    String reactorA() {
        return "netty";
    }

    @Override
    String reactorB() {
        return "netty";
    }
}
