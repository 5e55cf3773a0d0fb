package dev.twinbgp.speaker.interop;

/** GoBGP against the selector reactor. */
class SelectorGoBgpInteropTest extends AbstractGoBgpInteropTest {
    @Override
    String ours() {
        return "127.0.0.33";
    }

    @Override
    String theirs() {
        return "127.0.0.34";
    }

    @Override
    String reactor() {
        return "selector";
    }
}
