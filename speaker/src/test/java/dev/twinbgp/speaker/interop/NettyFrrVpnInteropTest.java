package dev.twinbgp.speaker.interop;

/** L3VPN and labeled unicast to FRR on the netty reactor. */
class NettyFrrVpnInteropTest extends AbstractFrrVpnInteropTest {
    @Override
    String ours() {
        return "127.0.13.13";
    }

    @Override
    String theirs() {
        return "127.0.13.14";
    }

    @Override
    String reactor() {
        return "netty";
    }
}
