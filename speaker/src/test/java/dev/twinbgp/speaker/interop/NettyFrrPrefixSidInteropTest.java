package dev.twinbgp.speaker.interop;

/** Prefix-SID and AIGP with FRR on the netty reactor. */
class NettyFrrPrefixSidInteropTest extends AbstractFrrPrefixSidInteropTest {
    @Override
    String ours() {
        return "127.0.40.13";
    }

    @Override
    String theirs() {
        return "127.0.40.14";
    }

    @Override
    String reactor() {
        return "netty";
    }
}
