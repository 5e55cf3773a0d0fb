package dev.twinbgp.speaker.interop;

/** Prefix-SID and AIGP with GoBGP on the netty reactor. */
class NettyGoBgpPrefixSidInteropTest extends AbstractGoBgpPrefixSidInteropTest {
    @Override
    String ours() {
        return "127.0.40.3";
    }

    @Override
    String theirs() {
        return "127.0.40.4";
    }

    @Override
    String reactor() {
        return "netty";
    }
}
