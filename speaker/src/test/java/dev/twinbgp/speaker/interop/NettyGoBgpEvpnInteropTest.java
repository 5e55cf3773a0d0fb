package dev.twinbgp.speaker.interop;

/** EVPN with GoBGP on the netty reactor. */
class NettyGoBgpEvpnInteropTest extends AbstractGoBgpEvpnInteropTest {
    @Override
    String ours() {
        return "127.0.0.143";
    }

    @Override
    String theirs() {
        return "127.0.0.144";
    }

    @Override
    String reactor() {
        return "netty";
    }
}
