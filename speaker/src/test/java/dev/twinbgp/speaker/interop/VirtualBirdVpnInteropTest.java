package dev.twinbgp.speaker.interop;

/** L3VPN with BIRD 2 against the virtual reactor. */
class VirtualBirdVpnInteropTest extends AbstractBirdVpnInteropTest {
    @Override
    String ours() {
        return "127.0.92.5";
    }

    @Override
    String theirs() {
        return "127.0.92.6";
    }

    @Override
    String reactor() {
        return "virtual";
    }
}
