package dev.twinbgp.speaker.interop;

/** BIRD 2 against the selector reactor. */
class SelectorBirdInteropTest extends AbstractBirdInteropTest {
    @Override
    String ours() {
        return "127.0.0.43";
    }

    @Override
    String theirs() {
        return "127.0.0.44";
    }

    @Override
    String reactor() {
        return "selector";
    }
}
