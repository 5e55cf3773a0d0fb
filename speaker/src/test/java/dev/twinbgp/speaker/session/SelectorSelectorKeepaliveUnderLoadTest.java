package dev.twinbgp.speaker.session;

/** Issue 7 keepalives-under-load on this pairing (speaker A, the sender, first). */
class SelectorSelectorKeepaliveUnderLoadTest extends AbstractKeepaliveUnderLoadTest {
    @Override
    String reactorA() {
        return "selector";
    }

    @Override
    String reactorB() {
        return "selector";
    }
}
