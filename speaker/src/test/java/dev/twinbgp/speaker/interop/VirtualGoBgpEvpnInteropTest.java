package dev.twinbgp.speaker.interop;

/** EVPN with GoBGP on the virtual reactor. */
class VirtualGoBgpEvpnInteropTest extends AbstractGoBgpEvpnInteropTest {
    @Override
    String ours() {
        return "127.0.0.145";
    }

    @Override
    String theirs() {
        return "127.0.0.146";
    }

    @Override
    String reactor() {
        return "virtual";
    }
}
