package dev.twinbgp.speaker.interop;

/** Multicast with BIRD 2 against the selector reactor. */
class SelectorBirdMulticastInteropTest extends AbstractBirdMulticastInteropTest {
    @Override
    String ours() {
        return "127.0.93.1";
    }

    @Override
    String theirs() {
        return "127.0.93.2";
    }

    @Override
    String reactor() {
        return "selector";
    }
}
