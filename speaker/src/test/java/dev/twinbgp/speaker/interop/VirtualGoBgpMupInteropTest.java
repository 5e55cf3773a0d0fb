package dev.twinbgp.speaker.interop;

/** BGP-MUP to GoBGP on the virtual reactor. */
class VirtualGoBgpMupInteropTest extends AbstractGoBgpMupInteropTest {
    @Override
    String ours() {
        return "127.0.0.165";
    }

    @Override
    String theirs() {
        return "127.0.0.166";
    }

    @Override
    String reactor() {
        return "virtual";
    }
}
