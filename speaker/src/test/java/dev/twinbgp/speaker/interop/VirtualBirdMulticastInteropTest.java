package dev.twinbgp.speaker.interop;

/** Multicast with BIRD 2 against the virtual reactor. */
class VirtualBirdMulticastInteropTest extends AbstractBirdMulticastInteropTest {
    @Override
    String ours() {
        return "127.0.93.5";
    }

    @Override
    String theirs() {
        return "127.0.93.6";
    }

    @Override
    String reactor() {
        return "virtual";
    }
}
