package dev.twinbgp.speaker.interop;

/** Multicast with BIRD 2 against the netty reactor. */
class NettyBirdMulticastInteropTest extends AbstractBirdMulticastInteropTest {
    @Override
    String ours() {
        return "127.0.93.3";
    }

    @Override
    String theirs() {
        return "127.0.93.4";
    }

    @Override
    String reactor() {
        return "netty";
    }
}
