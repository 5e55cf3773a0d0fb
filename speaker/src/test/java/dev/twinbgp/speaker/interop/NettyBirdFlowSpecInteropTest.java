package dev.twinbgp.speaker.interop;

/** FlowSpec to BIRD 2 on the netty reactor. */
class NettyBirdFlowSpecInteropTest extends AbstractBirdFlowSpecInteropTest {
    @Override
    String ours() {
        return "127.0.0.57";
    }

    @Override
    String theirs() {
        return "127.0.0.58";
    }

    @Override
    String reactor() {
        return "netty";
    }
}
