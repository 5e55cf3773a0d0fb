package dev.twinbgp.speaker.interop;

/** L3VPN and labeled unicast to FRR on the selector reactor. */
class SelectorFrrVpnInteropTest extends AbstractFrrVpnInteropTest {
    @Override
    String ours() {
        return "127.0.13.11";
    }

    @Override
    String theirs() {
        return "127.0.13.12";
    }

    @Override
    String reactor() {
        return "selector";
    }
}
