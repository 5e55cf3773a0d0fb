package dev.twinbgp.speaker.interop;

/** BGP-MUP to GoBGP on the netty reactor. */
class NettyGoBgpMupInteropTest extends AbstractGoBgpMupInteropTest {
    @Override
    String ours() {
        return "127.0.0.163";
    }

    @Override
    String theirs() {
        return "127.0.0.164";
    }

    @Override
    String reactor() {
        return "netty";
    }
}
