package dev.twinbgp.speaker.interop;

/** EVPN with FRR on the netty reactor. */
class NettyFrrEvpnInteropTest extends AbstractFrrEvpnInteropTest {
    @Override
    String ours() {
        return "127.0.0.150";
    }

    @Override
    String other() {
        return "127.0.0.152";
    }

    @Override
    String theirs() {
        return "127.0.0.151";
    }

    @Override
    String reactor() {
        return "netty";
    }
}
