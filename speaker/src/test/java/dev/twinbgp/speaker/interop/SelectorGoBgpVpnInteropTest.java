package dev.twinbgp.speaker.interop;

/** L3VPN and labeled unicast with GoBGP on the selector reactor. */
class SelectorGoBgpVpnInteropTest extends AbstractGoBgpVpnInteropTest {
    @Override
    String ours() {
        return "127.0.13.1";
    }

    @Override
    String theirs() {
        return "127.0.13.2";
    }

    @Override
    String reactor() {
        return "selector";
    }
}
