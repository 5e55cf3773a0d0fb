package dev.twinbgp.speaker.session;

/** Issue 7 keepalives-under-load on this pairing (speaker A, the sender, first). */
class VirtualVirtualKeepaliveUnderLoadTest extends AbstractKeepaliveUnderLoadTest {
    @Override
    String reactorA() {
        return "virtual";
    }

    @Override
    String reactorB() {
        return "virtual";
    }
}
