package dev.twinbgp.speaker.interop;

/** Prefix-SID and AIGP with GoBGP on the virtual reactor. */
class VirtualGoBgpPrefixSidInteropTest extends AbstractGoBgpPrefixSidInteropTest {
    @Override
    String ours() {
        return "127.0.40.5";
    }

    @Override
    String theirs() {
        return "127.0.40.6";
    }

    @Override
    String reactor() {
        return "virtual";
    }
}
