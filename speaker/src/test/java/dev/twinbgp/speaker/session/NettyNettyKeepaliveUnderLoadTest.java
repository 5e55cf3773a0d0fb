package dev.twinbgp.speaker.session;

/** Issue 7 keepalives-under-load on this pairing (speaker A, the sender, first). */
class NettyNettyKeepaliveUnderLoadTest extends AbstractKeepaliveUnderLoadTest {
    @Override
    String reactorA() {
        return "netty";
    }

    @Override
    String reactorB() {
        return "netty";
    }
}
