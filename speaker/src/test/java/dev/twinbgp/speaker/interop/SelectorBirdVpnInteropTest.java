package dev.twinbgp.speaker.interop;

/** L3VPN with BIRD 2 against the selector reactor. */
class SelectorBirdVpnInteropTest extends AbstractBirdVpnInteropTest {
    @Override
    String ours() {
        return "127.0.92.1";
    }

    @Override
    String theirs() {
        return "127.0.92.2";
    }

    @Override
    String reactor() {
        return "selector";
    }
}
