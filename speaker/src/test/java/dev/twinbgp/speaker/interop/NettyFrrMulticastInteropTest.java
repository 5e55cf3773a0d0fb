package dev.twinbgp.speaker.interop;

/** Multicast with FRR on the netty reactor. */
class NettyFrrMulticastInteropTest extends AbstractFrrMulticastInteropTest {
    @Override
    String ours() {
        return "127.0.81.3";
    }

    @Override
    String theirs() {
        return "127.0.81.4";
    }

    @Override
    String reactor() {
        return "netty";
    }
}
