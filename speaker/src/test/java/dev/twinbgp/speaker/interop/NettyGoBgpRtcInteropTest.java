package dev.twinbgp.speaker.interop;

/** Route Target Constraint with GoBGP against the netty reactor. */
class NettyGoBgpRtcInteropTest extends AbstractGoBgpRtcInteropTest {
    @Override
    String ours() {
        return "127.0.97.3";
    }

    @Override
    String theirs() {
        return "127.0.97.4";
    }

    @Override
    String reactor() {
        return "netty";
    }
}
