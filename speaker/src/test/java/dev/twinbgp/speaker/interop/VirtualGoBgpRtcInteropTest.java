package dev.twinbgp.speaker.interop;

/** Route Target Constraint with GoBGP against the virtual reactor. */
class VirtualGoBgpRtcInteropTest extends AbstractGoBgpRtcInteropTest {
    @Override
    String ours() {
        return "127.0.97.5";
    }

    @Override
    String theirs() {
        return "127.0.97.6";
    }

    @Override
    String reactor() {
        return "virtual";
    }
}
