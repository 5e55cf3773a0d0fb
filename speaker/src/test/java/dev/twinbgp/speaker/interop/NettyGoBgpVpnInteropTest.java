package dev.twinbgp.speaker.interop;

/** L3VPN and labeled unicast with GoBGP on the netty reactor. */
class NettyGoBgpVpnInteropTest extends AbstractGoBgpVpnInteropTest {
    @Override
    String ours() {
        return "127.0.13.3";
    }

    @Override
    String theirs() {
        return "127.0.13.4";
    }

    @Override
    String reactor() {
        return "netty";
    }
}
