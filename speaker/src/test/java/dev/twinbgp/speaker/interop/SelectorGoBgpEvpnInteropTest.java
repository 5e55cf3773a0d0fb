package dev.twinbgp.speaker.interop;

/** EVPN with GoBGP on the selector reactor. */
class SelectorGoBgpEvpnInteropTest extends AbstractGoBgpEvpnInteropTest {
    @Override
    String ours() {
        return "127.0.0.141";
    }

    @Override
    String theirs() {
        return "127.0.0.142";
    }

    @Override
    String reactor() {
        return "selector";
    }
}
