package dev.twinbgp.speaker.interop;

/** BIRD 2 against the netty reactor. */
class NettyBirdInteropTest extends AbstractBirdInteropTest {
    @Override
    String ours() {
        return "127.0.0.45";
    }

    @Override
    String theirs() {
        return "127.0.0.46";
    }

    @Override
    String reactor() {
        return "netty";
    }
}
