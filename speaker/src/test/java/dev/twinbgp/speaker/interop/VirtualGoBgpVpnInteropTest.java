package dev.twinbgp.speaker.interop;

/** L3VPN and labeled unicast with GoBGP on the virtual reactor. */
class VirtualGoBgpVpnInteropTest extends AbstractGoBgpVpnInteropTest {
    @Override
    String ours() {
        return "127.0.13.5";
    }

    @Override
    String theirs() {
        return "127.0.13.6";
    }

    @Override
    String reactor() {
        return "virtual";
    }
}
