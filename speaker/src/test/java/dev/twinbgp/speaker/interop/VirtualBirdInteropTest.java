package dev.twinbgp.speaker.interop;

/** BIRD 2 against the virtual reactor. */
class VirtualBirdInteropTest extends AbstractBirdInteropTest {
    @Override
    String ours() {
        return "127.0.0.47";
    }

    @Override
    String theirs() {
        return "127.0.0.48";
    }

    @Override
    String reactor() {
        return "virtual";
    }
}
