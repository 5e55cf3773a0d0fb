package dev.twinbgp.speaker.interop;

/** L3VPN with BIRD 2 against the netty reactor. */
class NettyBirdVpnInteropTest extends AbstractBirdVpnInteropTest {
    @Override
    String ours() {
        return "127.0.92.3";
    }

    @Override
    String theirs() {
        return "127.0.92.4";
    }

    @Override
    String reactor() {
        return "netty";
    }
}
