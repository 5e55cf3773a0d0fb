package dev.twinbgp.speaker.interop;

/** SR Policy with GoBGP on the netty reactor. */
class NettyGoBgpSrPolicyInteropTest extends AbstractGoBgpSrPolicyInteropTest {
    @Override
    String ours() {
        return "127.0.0.173";
    }

    @Override
    String theirs() {
        return "127.0.0.174";
    }

    @Override
    String reactor() {
        return "netty";
    }
}
