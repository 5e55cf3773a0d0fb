package dev.twinbgp.speaker.interop;

/** GoBGP against the netty reactor. */
class NettyGoBgpInteropTest extends AbstractGoBgpInteropTest {
    @Override
    String ours() {
        return "127.0.0.35";
    }

    @Override
    String theirs() {
        return "127.0.0.36";
    }

    @Override
    String reactor() {
        return "netty";
    }
}
