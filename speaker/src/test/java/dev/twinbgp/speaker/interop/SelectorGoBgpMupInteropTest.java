package dev.twinbgp.speaker.interop;

/** BGP-MUP to GoBGP on the selector reactor. */
class SelectorGoBgpMupInteropTest extends AbstractGoBgpMupInteropTest {
    @Override
    String ours() {
        return "127.0.0.161";
    }

    @Override
    String theirs() {
        return "127.0.0.162";
    }

    @Override
    String reactor() {
        return "selector";
    }
}
