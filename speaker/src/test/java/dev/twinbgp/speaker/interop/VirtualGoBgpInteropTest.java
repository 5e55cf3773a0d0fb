package dev.twinbgp.speaker.interop;

/** GoBGP against the virtual reactor. */
class VirtualGoBgpInteropTest extends AbstractGoBgpInteropTest {
    @Override
    String ours() {
        return "127.0.0.37";
    }

    @Override
    String theirs() {
        return "127.0.0.38";
    }

    @Override
    String reactor() {
        return "virtual";
    }
}
